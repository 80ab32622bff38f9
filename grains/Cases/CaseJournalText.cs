using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>The short human-readable lines of the case journal.</summary>
internal static class CaseJournalText
{
    public static string Summarize(string action, JsonObject payload)
    {
        var label = ActionNames.Label(action);
        var detail = action switch
        {
            ActionNames.RequestCorrection when payload["deficiencies"] is JsonArray list => $"{list.Count} 项补正",
            _ => Text(payload, "reason") ?? Text(payload, "comment") ?? Text(payload, "opinion") ?? Text(payload, "form") ?? Text(payload, "emsTrackingNo"),
        };
        return detail is null ? label : $"{label}：{detail}";
    }

    public static IReadOnlyList<string> Steps(IReadOnlyList<JournalEntry> entries) =>
        entries.Where(e => e.Event is JournalEvent.StepOpened or JournalEvent.StepClosed or JournalEvent.Completed or JournalEvent.WorkflowFinished)
            .Select(e => $"{e.Event}: {e.ActivityName ?? e.ActivityId}{(e.Outcomes is { Count: > 0 } o ? " → " + string.Join(",", o) : "")}")
            .ToList();

    private static string? Text(JsonObject payload, string name) =>
        payload[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text.Length > 80 ? text[..80] + "…" : text
            : null;
}
