using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Cases;

/// <summary>Reading an action's JSON body, shared by the staff and applicant action endpoints.</summary>
internal static class ActionBody
{
    /// <summary>The optional <c>stepId</c> that picks one of several open steps offering the same action.</summary>
    public static string? StepId(JsonObject body) =>
        body["stepId"]?.GetValueKind() == JsonValueKind.String ? (string?)body["stepId"] : null;
}
