using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Who collected the certificate at the window (领取人): the applicant or an agent, named, with the identity document
/// the clerk checked. Stored in full (the hall's record of the handover); every view and journal line masks the number.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CertificateCollection")]
public sealed record CertificateCollection : StoredRecord
{
    /// <summary><c>applicant</c> or <c>agent</c> (代领).</summary>
    [Id(0)] public required string Collector { get; init; }
    [Id(1)] public required string Name { get; init; }

    /// <summary><c>resident</c> (居民身份证, checksum-checked) or <c>other</c> (passport, permit, …).</summary>
    [Id(2)] public required string IdType { get; init; }
    [Id(3)] public required string IdNumber { get; init; }
    [Id(4)] public DateTimeOffset At { get; init; }

    /// <summary>The clerk who handed the certificate over.</summary>
    [Id(5)] public string? HandedOverBy { get; init; }
}

/// <summary>A department's approval (准予) and its written opinion (审批意见), as the reviewer gave it.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.ReviewOpinion")]
public sealed record ReviewOpinion : StoredRecord
{
    [Id(0)] public string? Department { get; init; }
    [Id(1)] public required string Opinion { get; init; }

    /// <summary>The reviewer's user name; left out of the applicant's view.</summary>
    [Id(2)] public string? By { get; init; }
    [Id(3)] public DateTimeOffset At { get; init; }
}

/// <summary>One correction round as the case page shows it: what the notice listed, and how the applicant answered.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CorrectionRoundView")]
public sealed record CorrectionRoundView
{
    [Id(0)] public required int Round { get; init; }
    [Id(1)] public DateTimeOffset RequestedAt { get; init; }
    [Id(2)] public DateTimeOffset? DueAt { get; init; }
    [Id(3)] public IReadOnlyList<DeficiencyView> Deficiencies { get; init; } = [];

    /// <summary>Answers by deficiency id (the note, empty when none was written); empty while unanswered.</summary>
    [Id(4)] public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();

    /// <summary>When the resubmission came; null while the round is open (or when an old case did not record it).</summary>
    [Id(5)] public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary><c>applicant</c> (online) or <c>clerk</c> (at the window).</summary>
    [Id(6)] public string? AnsweredByRole { get; init; }

    /// <summary>Scans uploaded with this round's resubmission.</summary>
    [Id(7)] public IReadOnlyList<UploadedMaterial> Uploads { get; init; } = [];
}
