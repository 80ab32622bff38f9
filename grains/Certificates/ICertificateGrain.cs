namespace ServiceHall.Grains.Certificates;

/// <summary>
/// The register entry of one certificate number (key: the number): written when a case issues the certificate or
/// an admin imports an electronic licence, read by the public check and by the e-licence material rule.
/// </summary>
[Alias("ServiceHall.Grains.Certificates.ICertificateGrain")]
public interface ICertificateGrain : IGrainWithStringKey
{
    /// <summary>Records the certificate; a repeat of the same registration changes nothing. False when the number is taken by another.</summary>
    [Alias("RegisterAsync")]
    Task<bool> RegisterAsync(CertificateRecord record);

    /// <summary>The entry, or null for a number nobody issued or imported.</summary>
    [Alias("GetAsync")]
    Task<CertificateRecord?> GetAsync();

    /// <summary>Revokes it (once; a second revocation keeps the first). Null when the number is unknown.</summary>
    [Alias("RevokeAsync")]
    Task<CertificateRecord?> RevokeAsync(string reason, string revokedBy);

    /// <summary>
    /// True when this number is a valid electronic business licence in the register held by the organisation named
    /// <paramref name="holder"/> with the unified social credit code <paramref name="holderCode"/>.
    /// </summary>
    [Alias("IsValidBusinessLicenceOfAsync")]
    Task<bool> IsValidBusinessLicenceAsync(string? holder, string? holderCode);

    /// <summary>Certificate numbers are case numbers (or a case number and a sequence): letters, digits and dashes.</summary>
    public static string Key(string number) => number.Trim().ToUpperInvariant();

    public static bool LooksLikeNumber(string? number) =>
        number is { Length: > 0 and <= 64 } && number.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
