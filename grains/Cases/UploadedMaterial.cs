using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// A scan the applicant uploaded online for one material: where the document store keeps it, and its SHA-256 (also
/// written into the journal, so a later change of the stored bytes is detectable). Round 0 is the application,
/// round n the n-th correction.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.UploadedMaterial")]
public sealed record UploadedMaterial : StoredRecord
{
    [Id(0)] public required string MaterialCode { get; init; }

    /// <summary>The document store's id; empty in the applicant's view (only staff download scans).</summary>
    [Id(1)] public required string DocumentId { get; init; }

    [Id(2)] public required string FileName { get; init; }
    [Id(3)] public required string ContentType { get; init; }
    [Id(4)] public required long Length { get; init; }
    [Id(5)] public required string Sha256 { get; init; }
    [Id(6)] public int Round { get; init; }
    [Id(7)] public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>A staff member's request for one uploaded scan: allowed or not, and which document it is.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.UploadLookup")]
public sealed record UploadLookup([property: Id(0)] CaseOutcome Outcome, [property: Id(1)] UploadedMaterial? Upload);
