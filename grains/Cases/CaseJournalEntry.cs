using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// One line of the case journal: every stimulus and its outcome, with a sequence number that never skips. What
/// happened is data (<see cref="Kind"/> + <see cref="Args"/>); pages put it into words in the reader's language.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseJournalEntry")]
public sealed record CaseJournalEntry : StoredRecord
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    [Id(2)] public required string Actor { get; init; }
    [Id(3)] public required string Role { get; init; }

    /// <summary><c>open</c>, a step action (<c>accept</c>, ...), a case action (<c>withdraw</c>, ...), <c>timer</c> or <c>sla-alert</c>.</summary>
    [Id(4)] public required string Action { get; init; }

    [Id(5)] public required string FromStage { get; init; }
    [Id(6)] public required string ToStage { get; init; }

    /// <summary>What happened: one of <see cref="CaseJournalKinds"/>; <c>legacy</c> for an entry stored before kinds existed.</summary>
    [Id(9)] public string Kind { get; init; } = CaseJournalKinds.Legacy;

    /// <summary>The facts the kind names, as invariant-culture text; typed words as typed.</summary>
    [Id(11)] public IReadOnlyDictionary<string, string> Args { get; init; } = new Dictionary<string, string>();

    /// <summary>The workflow steps this stimulus moved through, from the interpreter's own journal.</summary>
    [Id(10)] public IReadOnlyList<CaseJournalStep> Steps { get; init; } = [];

    /// <summary>Only on entries stored before kinds existed: the Chinese line they were written as. New entries leave it null.</summary>
    [Id(7)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Summary { get; init; }
}

/// <summary>An interpreter event of a journal entry: <c>StepOpened</c>, <c>StepClosed</c>, <c>Completed</c> or <c>WorkflowFinished</c>.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseJournalStep")]
public sealed record CaseJournalStep(
    [property: Id(0)] string Event,
    [property: Id(1)] string? Activity,
    [property: Id(2)] IReadOnlyList<string> Outcomes) : StoredRecord;

/// <summary>
/// Storage only: reads a step as an object, or as the line stored before steps were structured
/// (<c>"Completed: 受理 → Accepted"</c>), so an old case's journal keeps its steps; always writes the object.
/// </summary>
internal sealed class CaseJournalStepJson : JsonConverter<CaseJournalStep>
{
    // The object form goes through the same options without this converter, so unknown members still survive.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Plain = new();

    public override CaseJournalStep Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? FromLine(reader.GetString() ?? "")
            : JsonSerializer.Deserialize<CaseJournalStep>(ref reader, Without(options))!;

    public override void Write(Utf8JsonWriter writer, CaseJournalStep value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, Without(options));

    private static JsonSerializerOptions Without(JsonSerializerOptions options) => Plain.GetValue(options, o =>
    {
        var plain = new JsonSerializerOptions(o);
        plain.Converters.Remove(plain.Converters.OfType<CaseJournalStepJson>().Single());
        return plain;
    });

    private static CaseJournalStep FromLine(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0)
        {
            return new CaseJournalStep(line, null, []);
        }

        var rest = line[(colon + 2)..];
        var arrow = rest.IndexOf(" → ", StringComparison.Ordinal);
        var activity = arrow < 0 ? rest : rest[..arrow];
        IReadOnlyList<string> outcomes = arrow < 0 ? [] : rest[(arrow + 3)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new CaseJournalStep(line[..colon], activity.Length == 0 ? null : activity, outcomes);
    }
}
