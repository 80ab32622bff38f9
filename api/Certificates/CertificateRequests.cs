using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Certificates;

/// <summary>The public answer about one certificate number: valid, revoked, unknown (or invalid for a bad signature).</summary>
public sealed record CertificateCheckResponse(
    string Number,
    string Status,
    string? Holder = null,
    ServiceItemRef? ServiceItem = null,
    string? Form = null,
    string? Issuer = null,
    DateTimeOffset? IssuedAt = null,
    DateTimeOffset? RevokedAt = null,
    string? RevocationReason = null,
    bool IsBusinessLicence = false,
    bool? SignatureValid = null);

public sealed record RevokeCertificateRequest(string? Reason);

/// <param name="HolderCode">The holder's unified social credit code; a regulator's e-licence number is that code, so it defaults to the number.</param>
public sealed record ImportedLicence(string? Number, string? Holder, DateTimeOffset? IssuedAt, string? HolderCode = null);

public sealed record ImportLicencesRequest(List<ImportedLicence>? Licences);

public sealed record ImportLicencesResponse(int Imported, int AlreadyKnown);
