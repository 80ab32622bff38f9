using System.Security.Cryptography;
using System.Text;

namespace ServiceHall.Grains.Applications;

/// <summary>
/// Keyed one-way digests of what applicants prove or are counted by: verification codes, and phone and ID numbers
/// used as quota keys. Keyed (HMAC-SHA256 with the hall's secret), because a six-digit code or an ID number is so small
/// a space that a plain hash in a stored row gives the value away to anyone who tries them all. Every silo of a
/// cluster must hold the same key, so the host supplies it.
/// </summary>
public sealed class ApplicantDigests
{
    public const int MinimumKeyBytes = 32;

    private static readonly byte[] DerivationLabel = "servicehall applicant digests v1"u8.ToArray();
    private readonly byte[] _key;

    public ApplicantDigests(byte[] key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"An applicant-digest key needs at least {MinimumKeyBytes} bytes; this one has {key.Length}.", nameof(key));
        }

        _key = key;
    }

    /// <summary>
    /// A key of its own derived from another secret of the hall (HKDF), so no extra secret has to be configured and
    /// nothing computed here can stand in for what the other key signs.
    /// </summary>
    public static ApplicantDigests DerivedFrom(byte[] secret) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, MinimumKeyBytes, salt: null, info: DerivationLabel));

    /// <summary>The stored form of a verification code: bound to the phone and to a salt of its own.</summary>
    public string Code(string phone, string salt, string code) => Digest("code", phone, salt, code);

    /// <summary>A stable, unguessable key for a phone or an ID number (grain keys and stored rows never show the value).</summary>
    public string Subject(string kind, string value) => Digest("subject", kind, value)[..32];

    /// <summary>Constant-time comparison of two digests from this class.</summary>
    public static bool Same(string stored, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(given));

    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private string Digest(params string[] parts)
    {
        // Length-prefixed parts: no two different lists of parts give the same input.
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length).Append(':').Append(part).Append(';');
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text.ToString())));
    }
}
