using System.Globalization;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>What a journal entry says happened: a kind from <see cref="CaseJournalKinds"/> and its facts.</summary>
internal sealed record JournalFact(string Kind, IReadOnlyDictionary<string, string> Args);

/// <summary>
/// Builds the facts of case journal entries. Values are invariant-culture text (numbers, ISO 8601 times) or what the
/// user typed, untouched; empty ones are left out, so a page shows only what was said.
/// </summary>
internal static class CaseJournal
{
    public static JournalFact Entry(string kind, params (string Name, object? Value)[] args)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            if (Invariant(value) is { Length: > 0 } text)
            {
                facts[name] = text;
            }
        }

        return new JournalFact(kind, facts);
    }

    /// <summary>A workflow step: the payload's typed words, and counts of what it listed.</summary>
    public static JournalFact Step(string action, JsonObject payload, int uploads) => Entry(CaseJournalKinds.Step,
        ("reason", Text(payload, "reason")),
        ("comment", Text(payload, "comment")),
        ("opinion", Text(payload, "opinion")),
        ("form", Text(payload, "form")),
        ("emsTrackingNo", Text(payload, "emsTrackingNo")),
        ("by", Text(payload, "by")),
        ("deficiencies", action == ActionNames.RequestCorrection && payload["deficiencies"] is JsonArray list ? list.Count : null),
        ("uploads", uploads > 0 ? uploads : null));

    /// <summary>The workflow steps a stimulus moved through, from the interpreter's own journal.</summary>
    public static IReadOnlyList<CaseJournalStep> Steps(IReadOnlyList<JournalEntry> entries) =>
        entries.Where(e => e.Event is JournalEvent.StepOpened or JournalEvent.StepClosed or JournalEvent.Completed or JournalEvent.WorkflowFinished)
            .Select(e => new CaseJournalStep(e.Event.ToString(), e.ActivityName ?? e.ActivityId, e.Outcomes is { Count: > 0 } o ? [.. o] : []))
            .ToList();

    private static string? Invariant(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        double number => number.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Text(JsonObject payload, string name) =>
        payload[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
