using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>Open a case at a window (or online). Field names follow the HTTP contract of ARCHITECTURE §5.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.OpenCaseCommand")]
public sealed record OpenCaseCommand
{
    [Id(0)] public required string ServiceItemCode { get; init; }
    [Id(1)] public required string Channel { get; init; }
    [Id(2)] public string? Hall { get; init; }
    [Id(3)] public string? Window { get; init; }
    [Id(4)] public required ApplicantDetails Applicant { get; init; }
    [Id(5)] public IReadOnlyList<SubmittedMaterial> Materials { get; init; } = [];
    [Id(6)] public DeliveryChoice? Delivery { get; init; }
    [Id(7)] public required CaseActor Actor { get; init; }
    [Id(8)] public string? IdempotencyKey { get; init; }

    /// <summary>Key projects: the district the project is in; its coordinator is chosen there.</summary>
    [Id(30)] public string? District { get; init; }

    /// <summary>Online channel: the scans already in the document store, one per material listed as <c>electronic</c>.</summary>
    [Id(50)] public IReadOnlyList<UploadedMaterial> Uploads { get; init; } = [];
    /// <summary>Set when a clerk checks in a booked appointment: the case links back to it.</summary>
    [Id(40)] public string? AppointmentCode { get; init; }
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.ApplicantDetails")]
public sealed record ApplicantDetails : StoredRecord
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string IdNumber { get; init; }
    [Id(2)] public required string Phone { get; init; }
    [Id(3)] public string? Organization { get; init; }

    /// <summary>The organisation's unified social credit code (统一社会信用代码), which an e-licence's holder must match.</summary>
    [Id(4)] public string? OrganizationCode { get; init; }
}

/// <summary>A material handed in: <c>original</c>, <c>copy</c>, <c>electronic</c> or <c>e-licence</c> (with its number).</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.SubmittedMaterial")]
public sealed record SubmittedMaterial
{
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public required string Form { get; init; }
    [Id(2)] public string? ELicenceNumber { get; init; }
}

/// <summary>How the certificate reaches the applicant: <c>window</c> (collect, SMS), <c>ems</c> or <c>electronic</c>.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.DeliveryChoice")]
public sealed record DeliveryChoice : StoredRecord
{
    [Id(0)] public required string Method { get; init; }
    [Id(1)] public string? Hall { get; init; }
    [Id(2)] public string? Address { get; init; }
}

/// <summary>A human step or a case-level action (withdraw, cancel, suspend, resume).</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseActionCommand")]
public sealed record CaseActionCommand
{
    [Id(0)] public required string Action { get; init; }

    /// <summary>The action's body, typed; the step it resumes reads it as a payload (<see cref="CaseActionPayload"/>).</summary>
    /// <remarks>Id 1 was the body as a JSON string; a new id, so a silo of the old build never misreads one of these.</remarks>
    [Id(6)] public CaseActionInput Input { get; init; } = new();

    [Id(2)] public string? StepId { get; init; }
    [Id(3)] public required CaseActor Actor { get; init; }
    [Id(4)] public string? IdempotencyKey { get; init; }

    /// <summary>From <c>If-Match</c>: the case version the caller saw; a different current version answers 412.</summary>
    [Id(5)] public long? ExpectedVersion { get; init; }

    /// <summary>An online resubmission: the re-uploaded scans, exactly one per material the correction notice lists.</summary>
    [Id(50)] public IReadOnlyList<UploadedMaterial> Uploads { get; init; } = [];

    /// <summary>
    /// From <c>Prefer: return=minimal</c>: a success answers with <see cref="CaseResult.Headline"/> only (no
    /// <see cref="CaseResult.Case"/>), so the grain does not build a view the caller drops. Refusals are the same either way.
    /// </summary>
    [Id(7)] public bool MinimalAnswer { get; init; }
}
