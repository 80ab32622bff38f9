using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// What the issuing step recorded for a document, typed: a correction notice's <see cref="Round"/>,
/// <see cref="DueAt"/> and <see cref="Deficiencies"/>, a rejection's <see cref="Reason"/>, a receipt's
/// <see cref="Comment"/>, a certificate's <see cref="Form"/> and <see cref="CertificateNumber"/>, a denial's
/// <see cref="Department"/> and <see cref="DecidedBy"/>. Codes and user names are carried as recorded: the printer
/// turns them into the names a person reads, and no document prints a code or a user name.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.DocumentData")]
public sealed record DocumentData
{
    [Id(0)] public int? Round { get; init; }
    [Id(1)] public DateTimeOffset? DueAt { get; init; }
    [Id(2)] public IReadOnlyList<DeficiencyView> Deficiencies { get; init; } = [];
    [Id(3)] public string? Reason { get; init; }
    [Id(4)] public string? Comment { get; init; }

    /// <summary>Certificate: <c>paper</c>, <c>electronic</c> or <c>both</c>.</summary>
    [Id(5)] public string? Form { get; init; }

    /// <summary>Certificate: the register number the QR code verifies.</summary>
    [Id(6)] public string? CertificateNumber { get; init; }

    /// <summary>
    /// Receipt: the required materials still missing when the clerk accepted with deficiencies (容缺受理); empty when
    /// complete; null on receipts issued before acceptance recorded it.
    /// </summary>
    [Id(7)] public IReadOnlyList<string>? MissingMaterials { get; init; }

    /// <summary>Receipt: materials missing at opening and handed in later (answering a correction notice, or at the counter).</summary>
    [Id(8)] public IReadOnlyList<string> SuppliedMaterials { get; init; } = [];

    /// <summary>Receipt: the form of each material as the clerk confirmed it at acceptance, by material code.</summary>
    [Id(9)] public IReadOnlyDictionary<string, string> FormsAtAcceptance { get; init; } = new Dictionary<string, string>();

    /// <summary>Denial decision: the code of the department that denied.</summary>
    [Id(10)] public string? Department { get; init; }

    /// <summary>Denial decision: the reviewer's user name; left out of the applicant's copy.</summary>
    [Id(11)] public string? DecidedBy { get; init; }

    /// <summary>Reads the stored JSON of an issued document (kept as JSON in the case's row, whatever build wrote it).</summary>
    public static DocumentData From(string json)
    {
        JsonObject data;
        try
        {
            data = JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            data = [];
        }

        var step = OpenStepData.From(data);
        return new DocumentData
        {
            Round = step.Round,
            DueAt = step.DueAt,
            Deficiencies = step.Deficiencies ?? [],
            Reason = Text(data["reason"]),
            Comment = Text(data["comment"]),
            Form = Text(data["form"]),
            CertificateNumber = Text(data["certificateNumber"]),
            Department = Text(data["department"]),
            DecidedBy = Text(data["deniedBy"]),
            MissingMaterials = OpenStepData.Codes(data["missingMaterials"]),
            SuppliedMaterials = [.. (OpenStepData.Codes(data["suppliedMaterials"]) ?? []),
                .. (data["materials"] as JsonArray ?? []).OfType<JsonObject>().Select(m => Text(m["code"])).OfType<string>()],
            FormsAtAcceptance = (data["materials"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(m => (Code: Text(m["code"]), Form: Text(m["form"])))
                .Where(m => m.Code is not null && m.Form is not null)
                .DistinctBy(m => m.Code)
                .ToDictionary(m => m.Code!, m => m.Form!),
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
