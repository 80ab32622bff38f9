namespace ServiceHall.Grains.Cases;

/// <summary>A document to print: which one, when it was issued, the workflow's data for it, and the case.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseDocument")]
public sealed record CaseDocument
{
    /// <summary><c>receipt</c>, <c>rejection-notice</c>, <c>correction-notice</c>, <c>certificate</c> or <c>denial-decision</c>.</summary>
    [Id(0)] public required string Kind { get; init; }

    [Id(1)] public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>What the issuing step recorded (deficiencies, reason, certificate form…); the applicant's copy names no staff.</summary>
    [Id(5)] public required DocumentData Data { get; init; }

    /// <summary>How many documents of this kind the case has had (correction rounds).</summary>
    [Id(3)] public required int Round { get; init; }

    /// <summary>The case as the requester may see it (masked for applicants).</summary>
    [Id(4)] public required CaseView Case { get; init; }
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseDocumentResult")]
public sealed record CaseDocumentResult
{
    [Id(0)] public required CaseOutcome Outcome { get; init; }
    [Id(1)] public CaseDocument? Document { get; init; }
    [Id(2)] public string? Message { get; init; }

    /// <summary>When the case lacks the kind asked for: the kinds it has, so the refusal can name them.</summary>
    [Id(3)] public IReadOnlyList<string>? Available { get; init; }
}
