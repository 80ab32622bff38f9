namespace ServiceHall.Grains.Cases;

/// <summary>A document to print: which one, when it was issued, the workflow's data for it, and the case.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseDocument")]
public sealed record CaseDocument
{
    /// <summary><c>receipt</c>, <c>rejection-notice</c>, <c>correction-notice</c> or <c>certificate</c>.</summary>
    [Id(0)] public required string Kind { get; init; }

    [Id(1)] public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>
    /// What the issuing step recorded, as JSON: a correction notice's <c>round</c> and <c>deficiencies</c>
    /// (<c>id</c>, <c>materialCode</c>, <c>problem</c>, <c>department</c>), a rejection's <c>reason</c>, a
    /// certificate's <c>form</c>.
    /// </summary>
    [Id(2)] public required string DataJson { get; init; }

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
}
