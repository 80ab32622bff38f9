using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Activity executions of a case's workflow, for the instance viewer's badges and activity details (compat notes
/// §3.3 rows 34, 35). Mirrors elsa-core's <c>Endpoints/ActivityExecutions/</c> folders Report, List, ListSummaries, Get.
/// </summary>
public static class ActivityExecutionsApi
{
    public static RouteGroupBuilder MapActivityExecutionsApi(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/activity-executions/report", Report).WithTags("Elsa workflow instances").WithName("GetActivityExecutionReport")
            .WithSummary("Per node: started, completed, waiting on someone, faulted ({workflowInstanceId, activityNodeIds}).").Accepts<object>("application/json");
        elsa.MapGet("/activity-executions/list", List).WithTags("Elsa workflow instances").WithName("ListActivityExecutions")
            .WithSummary("The runs of one node (?WorkflowInstanceId&ActivityNodeId).");
        elsa.MapGet("/activity-execution-summaries/list", ListSummaries).WithTags("Elsa workflow instances").WithName("ListActivityExecutionSummaries")
            .WithSummary("The runs of one node, summarised.");
        elsa.MapGet("/activity-executions/by-id", GetById).WithTags("Elsa workflow instances").WithName("GetActivityExecution")
            .WithSummary("One run by its id (?id=).");
        return elsa;
    }

    public static async Task<IResult> Report(HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        if (body["workflowInstanceId"] is not JsonValue idValue || !idValue.TryGetValue(out string? instanceId) || string.IsNullOrWhiteSpace(instanceId))
        {
            return Problems.BadRequest("workflowInstanceId", "'workflowInstanceId' is required.", "field.required");
        }

        var nodeIds = body["activityNodeIds"] is JsonArray array
            ? array.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : null;
        return await WorkflowInstancesApi.WithInstanceAsync(request.HttpContext.User, grains, instanceId, instance =>
        {
            var nodes = nodeIds ?? [.. instance.Executions.Select(r => r.NodeId).Distinct(StringComparer.Ordinal)];
            return ElsaJson.Ok(new JsonObject { ["stats"] = new JsonArray([.. nodes.Select(n => (JsonNode)instance.Stats(n))]) });
        });
    }

    public static Task<IResult> List(HttpContext context, IGrainFactory grains) =>
        RunsAsync(context, grains, (instance, run) => instance.ExecutionRecord(run));

    public static Task<IResult> ListSummaries(HttpContext context, IGrainFactory grains) =>
        RunsAsync(context, grains, (instance, run) => instance.ExecutionSummary(run));

    public static async Task<IResult> GetById(ClaimsPrincipal user, IGrainFactory grains, string? id)
    {
        // Run ids are "<case id>:<activity id>:<n>", so the case is found without a search.
        var caseId = id?.Split(':')[0];
        if (string.IsNullOrEmpty(caseId))
        {
            return Problems.BadRequest("id", "'id' is required.", "field.required");
        }

        return await WorkflowInstancesApi.WithInstanceAsync(user, grains, caseId, instance =>
            instance.Executions.FirstOrDefault(r => r.Id == id) is { } run
                ? ElsaJson.Ok(instance.ExecutionRecord(run))
                : Problems.Result(StatusCodes.Status404NotFound, "id", $"No activity execution '{id}'.", code: "activityExecution.notFound"));
    }

    private static async Task<IResult> RunsAsync(HttpContext context, IGrainFactory grains, Func<CaseInstance, ActivityExecution, JsonObject> shape)
    {
        var query = new ElsaQuery(context.Request.Query);
        var instanceId = query.Text("WorkflowInstanceId");
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            return Problems.BadRequest("WorkflowInstanceId", "'WorkflowInstanceId' is required.", "field.required");
        }

        var nodeId = query.Text("ActivityNodeId");
        return await WorkflowInstancesApi.WithInstanceAsync(context.User, grains, instanceId, instance =>
            ElsaJson.List(instance.Executions.Where(r => string.IsNullOrEmpty(nodeId) || r.NodeId == nodeId).Select(r => (JsonNode)shape(instance, r))));
    }
}
