using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// What the issuing step recorded for a document, typed: a correction notice's <see cref="Round"/>,
/// <see cref="DueAt"/> and <see cref="Deficiencies"/>, a rejection's <see cref="Reason"/>, a receipt's
/// <see cref="Comment"/>, a certificate's <see cref="Form"/> and <see cref="CertificateNumber"/>. Who issued it is not
/// carried: no document prints a staff user name.
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
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
