using System.Text.Json.Nodes;

namespace ServiceHall.TestSupport.LegacyCases;

/// <summary>
/// Four cases as the single-row case state stored them before the case tables existed (one opened, one after three
/// correction rounds and an acceptance, one with a message still queued, one rejected with a journal entry in the old
/// sentence form and a member a newer build wrote), with the views that code gave them at <see cref="At"/>. Written
/// once by that code (commit "Legacy case rows fixture"), so conversions are checked against what it really stored.
/// </summary>
public sealed class LegacyCaseRows
{
    private LegacyCaseRows(JsonObject root)
    {
        At = DateTimeOffset.Parse(root["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Rows = [.. root["rows"]!.AsArray().Select(r => new Row(r!["grainId"]!.GetValue<string>(), r["version"]!.GetValue<long>(), r["payload"]!.GetValue<string>()))];
        Views = root["views"]!.AsObject();
    }

    /// <summary>The fixture clock's time when the views were taken.</summary>
    public DateTimeOffset At { get; }

    public IReadOnlyList<Row> Rows { get; }

    /// <summary>By case id: <c>staff</c> (the clerk's view), <c>applicant</c> (the tracking view), <c>workflowJournal</c>.</summary>
    public JsonObject Views { get; }

    public static LegacyCaseRows Load()
    {
        using var stream = typeof(LegacyCaseRows).Assembly.GetManifestResourceStream("legacy-cases.json")
            ?? throw new InvalidOperationException("legacy-cases.json is not embedded.");
        return new LegacyCaseRows(JsonNode.Parse(stream)!.AsObject());
    }

    /// <summary>One stored row: the grain id (<c>case/&lt;case id&gt;</c>), its storage version and JSON payload.</summary>
    public sealed record Row(string GrainId, long Version, string Payload)
    {
        public string CaseId => GrainId["case/".Length..];
    }
}
