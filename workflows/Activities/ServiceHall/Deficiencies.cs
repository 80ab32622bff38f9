using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary>The deficiency lists that travel from a correction request to the correction notice.</summary>
internal static class Deficiencies
{
    /// <summary>The validated deficiencies of a <c>request-correction</c>, stamped with who raised them and where.</summary>
    public static JsonArray Raised(StepContext step)
    {
        var items = Payload.Deficiencies(step.Payload);
        foreach (var item in items.OfType<JsonObject>())
        {
            item["raisedBy"] = step.Actor.Id;
            if (step.Step.Department is { } department)
            {
                item["department"] = department;
            }
        }

        return items;
    }
}
