using System.Security.Cryptography;
using System.Text;

namespace ServiceHall.Grains.Cases;

/// <summary>Case ids, case numbers and tracking codes.</summary>
public static class CaseIds
{
    // Grain keys get a non-hex prefix: Orleans stores hex-looking string keys as integers (contract pitfall 3).
    private const string Prefix = "case-";

    // Crockford-style alphabet without look-alikes (0/O, 1/I/L, U) so a code read over the phone is typed right.
    private const string TrackingAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewCaseId() => Prefix + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The case a retried opening lands on: the same caller and idempotency key always name the same case, so a
    /// retry reaches the grain that already opened it instead of opening a second one.
    /// </summary>
    public static string ForIdempotentOpen(string caller, string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(caller + "\n" + idempotencyKey));
        return Prefix + Convert.ToHexStringLower(hash, 0, 16);
    }

    public static bool LooksLikeCaseId(string id) => id.StartsWith(Prefix, StringComparison.Ordinal) && id.Length <= 64;

    /// <summary>16 characters from a 30-letter alphabet: about 78 bits, unguessable for tracking purposes.</summary>
    public static string NewTrackingCode()
    {
        Span<char> code = stackalloc char[16];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = TrackingAlphabet[RandomNumberGenerator.GetInt32(TrackingAlphabet.Length)];
        }

        return new string(code);
    }

    public static bool LooksLikeTrackingCode(string code) =>
        code.Length == 16 && code.All(c => TrackingAlphabet.Contains(c, StringComparison.Ordinal));

    /// <summary><c>GZ-20261127-000123</c>: hall code, the hall's local date, the day's sequence.</summary>
    public static string FormatNumber(string hall, DateOnly day, long sequence) =>
        $"{hall.ToUpperInvariant()}-{day:yyyyMMdd}-{sequence:D6}";
}
