using ServiceHall.Workflows;

namespace ServiceHall.Grains.Certificates;

/// <summary>
/// One entry of the hall's certificate register: a certificate ServiceHall issued, or an electronic business
/// licence imported from the market regulator. What a public check may show: the holder (an organisation's name, or
/// a person's masked name), the item, and whether it still stands.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Certificates.CertificateRecord")]
public sealed record CertificateRecord : StoredRecord
{
    [Id(0)] public required string Number { get; init; }
    [Id(1)] public required string Holder { get; init; }
    [Id(2)] public required string ServiceItemCode { get; init; }
    [Id(3)] public required string ServiceItemNameZh { get; init; }
    [Id(4)] public required string ServiceItemNameEn { get; init; }

    /// <summary>paper, electronic or both; <c>electronic</c> for an imported licence.</summary>
    [Id(5)] public required string Form { get; init; }

    [Id(6)] public required DateTimeOffset IssuedAt { get; init; }

    /// <summary><c>issued</c> (by a ServiceHall case) or <c>imported</c> (an admin loaded it).</summary>
    [Id(7)] public required string Source { get; init; }

    /// <summary>Counts as an electronic business licence (issued on the instant channel, or imported as one).</summary>
    [Id(8)] public bool IsBusinessLicence { get; init; }

    [Id(9)] public string? CaseId { get; init; }
    [Id(10)] public string? CaseNumber { get; init; }
    [Id(11)] public string? Hall { get; init; }
    [Id(12)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(13)] public string? RevocationReason { get; init; }

    /// <summary>The holder's unified social credit code; a business licence stands in only for this organisation.</summary>
    [Id(14)] public string? HolderCode { get; init; }

    public string Status => RevokedAt is null ? CertificateStatuses.Valid : CertificateStatuses.Revoked;
}

public static class CertificateStatuses
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Unknown = "unknown";

    /// <summary>An electronic certificate whose signature does not match its content.</summary>
    public const string Invalid = "invalid";
}
