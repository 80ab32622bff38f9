using System.Text.Json.Nodes;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Pages.Cases;

/// <summary>
/// The open correction notice (补正通知) of a case: the step waiting for the resubmission and every deficiency it
/// lists, read from the step's data (<c>round</c>, <c>deficiencies</c>, <c>dueAt</c>).
/// </summary>
public sealed record CorrectionNotice(string StepId, int Round, DateTimeOffset? DueAt, IReadOnlyList<Deficiency> Deficiencies)
{
    /// <summary>The notice the open step <paramref name="stepId"/> (or any open step) waits on, or null when none is open.</summary>
    public static CorrectionNotice? Open(CaseView view, string? stepId = null)
    {
        var step = view.OpenSteps.FirstOrDefault(s => s.Actions.Contains("resubmit") && (stepId is null || s.Id == stepId));
        if (step is null || JsonNode.Parse(step.DataJson) is not JsonObject data || data["deficiencies"] is not JsonArray items)
        {
            return null;
        }

        var deficiencies = items.OfType<JsonObject>()
            .Select(d => new Deficiency(Text(d, "id") ?? "", Text(d, "materialCode"), Text(d, "problem") ?? "", Text(d, "department")))
            .Where(d => d.Id.Length > 0)
            .ToList();
        var round = data["round"] is JsonValue r && r.TryGetValue<int>(out var number) ? number : 1;
        return new CorrectionNotice(step.Id, round, step.DueAt, deficiencies);
    }

    private static string? Text(JsonObject item, string name) =>
        item[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}

/// <summary>One listed deficiency: which material (if any), what is wrong, and the department that raised it.</summary>
public sealed record Deficiency(string Id, string? MaterialCode, string Problem, string? Department);
