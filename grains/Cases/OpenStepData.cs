using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// What an open step carries besides its actions, typed: a correction step its notice (<see cref="Round"/>,
/// <see cref="DueAt"/>, <see cref="Deficiencies"/>), a department's review its plan <see cref="Part"/> and
/// <see cref="Department"/>, a pickup after the text message <see cref="NotifiedAt"/>. Members a step does not carry
/// are left out of the JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.OpenStepData")]
public sealed record OpenStepData
{
    /// <summary>Correction: which notice this is (1 for the first).</summary>
    [Id(0), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Round { get; init; }

    /// <summary>Correction: when the notice expires.</summary>
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? DueAt { get; init; }

    /// <summary>Correction: every deficiency listed, each to be answered by its id on <c>resubmit</c>.</summary>
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<DeficiencyView>? Deficiencies { get; init; }

    /// <summary>Department review: the plan part (<c>g1-s2</c>) the step stands for.</summary>
    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Part { get; init; }

    /// <summary>Department review: the department reviewing.</summary>
    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Department { get; init; }

    /// <summary>Pickup: when the applicant was told the certificate is ready.</summary>
    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? NotifiedAt { get; init; }

    /// <summary>Acceptance: required materials not handed in yet (the clerk confirms them, asks for them, or accepts with them listed).</summary>
    [Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? MissingMaterials { get; init; }

    /// <summary>Reads the workflow's step data; members of a shape it does not know are not shown.</summary>
    public static OpenStepData From(JsonObject data) => new()
    {
        MissingMaterials = Codes(data["missingMaterials"]),
        Round = Number(data["round"]),
        DueAt = Time(data["dueAt"]),
        Deficiencies = data["deficiencies"] is JsonArray list
            ? [.. list.OfType<JsonObject>().Select(d => new DeficiencyView(
                Text(d["id"]) ?? "", Text(d["materialCode"]), Text(d["problem"]) ?? "", Text(d["raisedBy"]), Text(d["department"])))]
            : null,
        Part = Text(data["part"]),
        Department = Text(data["department"]),
        NotifiedAt = Time(data["notifiedAt"]),
    };

    /// <summary>A list of material codes, or null when the data has none.</summary>
    public static IReadOnlyList<string>? Codes(JsonNode? node) =>
        node is JsonArray list ? [.. list.Select(Text).OfType<string>()] : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static int? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<DateTimeOffset>(out var at) || (value.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out at)))
            ? at
            : null;
}

/// <summary>One deficiency of a correction notice; <see cref="RaisedBy"/> (a staff user name) is left out of the applicant's copy.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.DeficiencyView")]
public sealed record DeficiencyView(
    [property: Id(0)] string Id,
    [property: Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MaterialCode,
    [property: Id(2)] string Problem,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RaisedBy,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Department);
