using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Cases;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Cases as Elsa workflow instances (compat notes §3.3 rows 30–33, 36), so a designer sees on the flowchart where each
/// case stands. Mirrors elsa-core's <c>Endpoints/WorkflowInstances/</c> folders List, Get, Journal, Variables,
/// GetExecutionState. Managers see their hall's cases; designers and admins every hall's.
/// </summary>
public static class WorkflowInstancesApi
{
    private const int MaxPageSize = 100;

    public static RouteGroupBuilder MapWorkflowInstancesApi(this RouteGroupBuilder elsa)
    {
        var instances = elsa.MapGroup("/workflow-instances").WithTags("Elsa workflow instances");
        instances.MapPost("/", List).WithName("ListWorkflowInstances")
            .WithSummary("Cases as instances: page (zero-based), pageSize, definitionId(s), version, status(es), subStatus(es), searchTerm.")
            .Accepts<object>("application/json");
        instances.MapGet("/{id}", Get).WithName("GetWorkflowInstance").WithSummary("One case as an instance, with its workflow state.");
        instances.MapMethods("/{id}/journal", ["GET", "POST"], Journal).WithName("GetWorkflowInstanceJournal")
            .WithSummary("The case's workflow journal in Elsa's shape (?skip&take; POST body {filter}).");
        instances.MapGet("/{id}/variables", Variables).WithName("GetWorkflowInstanceVariables").WithSummary("The case's workflow variables.");
        instances.MapGet("/{id}/execution-state", ExecutionState).WithName("GetWorkflowInstanceExecutionState")
            .WithSummary("Status, sub-status and last change, for the viewer's polling.");

        // The instance list's delete and cancel actions: a case is the hall's record of an application, withdrawn or
        // cancelled by its staff with a reason, never removed from the studio.
        instances.MapDelete("/{id}", RefuseCaseChange).WithName("DeleteWorkflowInstance").WithSummary("Refused: cases are not deleted.");
        elsa.MapPost("/cancel/workflow-instances/{id}", RefuseCaseChange).WithTags("Elsa workflow instances").WithName("CancelWorkflowInstance")
            .WithSummary("Refused: a clerk cancels a case (POST /api/cases/{id}/actions/cancel).");
        elsa.MapPost("/bulk-actions/cancel/workflow-instances", RefuseCaseChange).WithTags("Elsa workflow instances").WithName("BulkCancelWorkflowInstances")
            .WithSummary("Refused: a clerk cancels a case (POST /api/cases/{id}/actions/cancel).");
        elsa.MapPost("/bulk-actions/delete/workflow-instances/by-id", RefuseCaseChange).WithTags("Elsa workflow instances").WithName("BulkDeleteWorkflowInstances")
            .WithSummary("Refused: cases are not deleted.");
        return elsa;
    }

    public static async Task<IResult> List(HttpRequest request, IGrainFactory grains, OrganisationDirectory organisation)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, emptyIsObject: true);
        if (problem is not null)
        {
            return problem;
        }

        var reader = new ElsaBody(body);
        var page = reader.Int("page") ?? 0;
        var pageSize = Math.Min(reader.Int("pageSize", minimum: 1) ?? 10, MaxPageSize);
        var version = reader.Int("version", minimum: 1);
        var statuses = reader.Choices("status", "statuses", InstanceStatuses.StatusNames);
        var subStatuses = reader.Choices("subStatus", "subStatuses", InstanceStatuses.SubStatusNames);
        var direction = reader.Choice("orderDirection", "Ascending", "Descending") ?? "Descending";
        var definitionIds = reader.Texts("definitionId", "definitionIds");
        if (reader.Problem is { } bad)
        {
            return bad;
        }

        var query = InstanceStatuses.Filter(new CaseQuery
        {
            DefinitionIds = definitionIds,
            DefinitionVersion = version,
            Text = reader.Text("searchTerm") is { Length: > 0 } term ? term : reader.Text("correlationId"),
            OldestFirst = direction == "Ascending",
        }, statuses, subStatuses);
        if (query is null)
        {
            return ElsaJson.Ok(new JsonObject { ["items"] = new JsonArray(), ["totalCount"] = 0 });
        }

        // A manager's hall is asked like their board (the cases accepted or delivered there), everyone else every hall;
        // every row passes the case policy's rule for the workflow trace, the one GET /{id} answers by.
        var actor = request.HttpContext.User.ToActor();
        var scope = actor.Role == StaffRoles.Manager
            ? CaseScope.Resolve(actor, organisation, null, query)
            : new CaseScope.Result([], query, [new HallQuery(null, query)], null);
        var listing = await scope.ReadAsync(grains, page * pageSize, pageSize, null, row => CasePolicy.CanReadWorkflow(actor, row), actor);
        return ElsaJson.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. listing.Rows.Select(Summary)]),
            ["totalCount"] = listing.Total,
        });
    }

    public static async Task<IResult> Get(ClaimsPrincipal user, IGrainFactory grains, string id) =>
        await WithInstanceAsync(user, grains, id, instance => ElsaJson.Ok(instance.Instance()));

    public static async Task<IResult> Journal(HttpRequest request, IGrainFactory grains, string id, int? skip, int? take)
    {
        JsonObject filter = [];
        if (HttpMethods.IsPost(request.Method))
        {
            var (body, problem) = await JsonBody.ReadObjectAsync(request, emptyIsObject: true);
            if (problem is not null)
            {
                return problem;
            }

            filter = body["filter"] as JsonObject ?? [];
        }

        if (skip < 0 || take < 0)
        {
            return Problems.BadRequest([.. new[] { ("skip", skip), ("take", take) }.Where(p => p.Item2 < 0)
                .Select(p => FieldError.Of(p.Item1, "field.wholeNumber", $"'{p.Item1}' must not be negative.", ("min", 0)))]);
        }

        var activityIds = Strings(filter["activityIds"]);
        var nodeIds = Strings(filter["activityNodeIds"]);
        var excludedTypes = Strings(filter["excludedActivityTypes"]);
        var eventNames = Strings(filter["eventNames"]);
        return await WithInstanceAsync(request.HttpContext.User, grains, id, instance =>
        {
            var lines = instance.Lines.Select(line => instance.JournalLine(line.Entry, line.InstanceId))
                .Where(l => activityIds is null || activityIds.Contains(l["activityId"]!.GetValue<string>()))
                .Where(l => nodeIds is null || nodeIds.Contains(l["nodeId"]!.GetValue<string>()))
                .Where(l => excludedTypes is null || !excludedTypes.Contains(l["activityType"]!.GetValue<string>()))
                .Where(l => eventNames is null || eventNames.Contains(l["eventName"]!.GetValue<string>()))
                .ToList();
            return ElsaJson.Ok(new JsonObject
            {
                ["items"] = new JsonArray([.. lines.Skip(skip ?? 0).Take(take ?? int.MaxValue)]),
                ["totalCount"] = lines.Count,
            });
        });
    }

    public static async Task<IResult> Variables(ClaimsPrincipal user, IGrainFactory grains, string id)
    {
        var trace = await TraceAsync(user, grains, id);
        if (trace.Problem is { } problem)
        {
            return problem;
        }

        var instance = CaseInstance.From(trace.Trace!);
        // Variables are kept by name; the studio shows them with the ids the definition gave them.
        var version = await grains.GetGrain<IWorkflowDefinitionGrain>(trace.Trace!.Workflow.DefinitionId).GetVersionAsync(trace.Trace.Workflow.Version);
        var ids = version is null
            ? []
            : Workflows.Definitions.WorkflowJson.Parse(version.Json).Variables.ToDictionary(v => v.Name, v => v.Id, StringComparer.Ordinal);
        return ElsaJson.List(instance.State.Variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (JsonNode)new JsonObject
        {
            ["id"] = ids.GetValueOrDefault(v.Key, v.Key),
            ["name"] = v.Key,
            ["value"] = v.Value?.DeepClone(),
        }));
    }

    public static async Task<IResult> ExecutionState(ClaimsPrincipal user, IGrainFactory grains, string id) =>
        await WithInstanceAsync(user, grains, id, instance => ElsaJson.Ok(instance.ExecutionState()));

    public static IResult RefuseCaseChange() =>
        Problems.Result(StatusCodes.Status409Conflict, "id",
            "Workflow instances here are cases: they are not deleted, and staff cancel or withdraw them with a reason (POST /api/cases/{id}/actions/cancel).",
            code: "instance.isCase");

    /// <summary>The case as an instance, or the problem (404, 403) that stands in its way.</summary>
    public static async Task<(CaseWorkflowTrace? Trace, IResult? Problem)> TraceAsync(ClaimsPrincipal user, IGrainFactory grains, string id)
    {
        var result = await grains.GetGrain<ICaseGrain>(id).GetWorkflowTraceAsync(user.ToActor());
        return result.Outcome switch
        {
            CaseOutcome.Ok => (result.Trace, null),
            CaseOutcome.Forbidden => (null, Problems.Result(StatusCodes.Status403Forbidden, [FieldError.Of("id", "case.outOfScope", result.Message ?? "Not your hall's case.")])),
            _ => (null, Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("id", "instance.notFound", $"No workflow instance (case) '{id}'.", ("id", id))])),
        };
    }

    public static async Task<IResult> WithInstanceAsync(ClaimsPrincipal user, IGrainFactory grains, string id, Func<CaseInstance, IResult> answer)
    {
        var (trace, problem) = await TraceAsync(user, grains, id);
        return problem ?? answer(CaseInstance.From(trace!));
    }

    private static JsonNode Summary(CaseSummary summary)
    {
        var (status, subStatus) = InstanceStatuses.Of(summary.Status, summary.WorkflowStatus);
        return new JsonObject
        {
            ["id"] = summary.Id,
            ["definitionId"] = summary.DefinitionId,
            ["definitionVersionId"] = summary.DefinitionVersionId,
            ["version"] = summary.DefinitionVersion,
            ["status"] = status,
            ["subStatus"] = subStatus,
            ["correlationId"] = summary.Number,
            ["name"] = $"{summary.Number} {summary.ServiceItemName}",
            ["incidentCount"] = summary.IncidentCount,
            ["createdAt"] = summary.OpenedAt,
            ["updatedAt"] = summary.UpdatedAt,
            ["finishedAt"] = summary.ClosedAt,
        };
    }

    private static HashSet<string>? Strings(JsonNode? node) =>
        node is JsonArray { Count: > 0 } array
            ? [.. array.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>()]
            : null;
}
