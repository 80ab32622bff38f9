using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// The designer's activity "Test" tab (<c>POST /tests/activities</c>): the activity's inputs, as last saved, evaluated in
/// the interpreter's sandbox (<see cref="ActivityTrial"/>). It changes nothing — no case, no version, no effect — so every
/// studio reader may use it. The answer has Elsa's shape: the evaluated inputs as the activity's state, and status
/// Completed, or Faulted with the failing input's message.
/// </summary>
public static class ActivityTestsApi
{
    private static readonly ActivityTrial Trial = new(ActivityRegistry.Default);

    public static RouteGroupBuilder MapActivityTestsApi(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/tests/activities", TestActivity).WithTags("Elsa studio support").WithName("TestActivity")
            .WithSummary("Evaluate one activity's inputs in the script sandbox, without running a case.");
        return elsa;
    }

    public static async Task<IResult> TestActivity(
        HttpRequest request, IGrainFactory grains, [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var definitionHandle = body!["workflowDefinitionHandle"] as JsonObject;
        // The studio names the activity by its node id ("Workflow1:Flowchart1:accept"); its last segment is the activity id.
        var handle = body["activityHandle"] as JsonObject;
        var activityId = Text(handle, "activityId") ?? Text(handle, "activityNodeId") ?? Text(handle, "nodeId");
        if (activityId is null)
        {
            return Problems.BadRequest("activityHandle.activityId", "Name the activity to test (activityHandle.activityId).", "activity.testTargetRequired");
        }

        var version = await FindVersionAsync(grains, definitionHandle);
        if (version is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "workflowDefinitionHandle",
                "No workflow definition version matches workflowDefinitionHandle (definitionVersionId or definitionId).", code: "definition.versionNotFound");
        }

        var result = Trial.Run(WorkflowJson.Parse(version.Json), activityId.Split(':')[^1], clock.GetUtcNow());
        if (result is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("activityHandle.activityId", "activity.notSaved",
                $"Version {version.Version} of '{version.DefinitionId}' has no activity '{activityId}'. Save the workflow, then test again.", ("activity", activityId))]);
        }

        var state = new JsonObject();
        foreach (var (name, value) in result.Inputs)
        {
            state[name] = value?.DeepClone();
        }

        var response = new JsonObject
        {
            ["activityState"] = state,
            ["outputs"] = new JsonObject(),
            ["status"] = result.Faulted ? "Faulted" : "Completed",
        };
        if (result.Faulted)
        {
            // The studio's tab shows status, state, outcomes and outputs, not the exception: the reason goes in the outputs too.
            response["outputs"]!["fault"] = $"{result.FailedInput}: {result.Failure}";
            response["exception"] = new JsonObject
            {
                ["type"] = "ServiceHall.Workflows.Expressions.ExpressionException",
                ["message"] = $"{result.FailedInput}: {result.Failure}",
                ["stackTrace"] = "",
                ["innerException"] = null,
            };
        }

        return ElsaJson.Ok(response);
    }

    private static async Task<DefinitionVersion?> FindVersionAsync(IGrainFactory grains, JsonObject? handle)
    {
        if (Text(handle, "definitionVersionId") is { } versionId)
        {
            return (await DefinitionLookup.FindVersionAsync(grains, versionId))?.Version;
        }

        return Text(handle, "definitionId") is { } definitionId
            ? await grains.GetGrain<IWorkflowDefinitionGrain>(definitionId).GetLatestAsync()
            : null;
    }

    private static string? Text(JsonObject? body, string key) =>
        body?[key] is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
