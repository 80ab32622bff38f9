using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ServiceHall.Grains.Organisation;

/// <summary>
/// Salted PBKDF2 password hashes for staff accounts, in ASP.NET Core Identity's version-3 layout (a marker byte, the
/// PRF, the iteration count, the salt length, the salt, the derived key; base64), so a hash made by Identity's
/// <c>PasswordHasher</c> is accepted as well as one from <c>ServiceHall.Silo hash-password</c>. The cost travels
/// inside each hash: raising <see cref="DefaultIterations"/> never invalidates an existing one.
/// </summary>
public static class StaffPasswordHash
{
    /// <summary>Identity's own default for HMAC-SHA512 (about 0.1 s per check on one slow core).</summary>
    public const int DefaultIterations = 100_000;

    private const byte FormatMarker = 0x01;
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;
    private const int HeaderBytes = 13;

    // A check against an unknown user costs as much as a real one, so timing does not reveal who has an account.
    private static readonly Lazy<string> Decoy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, KeyBytes);
        var output = new byte[HeaderBytes + SaltBytes + KeyBytes];
        output[0] = FormatMarker;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1), (uint)Prf.Sha512);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(5), (uint)iterations);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(9), SaltBytes);
        salt.CopyTo(output, HeaderBytes);
        key.CopyTo(output, HeaderBytes + SaltBytes);
        return Convert.ToBase64String(output);
    }

    /// <summary>True when <paramref name="hash"/> is a hash this class can check (for validating configuration at start).</summary>
    public static bool IsWellFormed(string? hash) => TryParse(hash, out _);

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>; a null hash is checked against a decoy and fails.</summary>
    public static bool Verify(string? hash, string? password)
    {
        if (!TryParse(hash, out var parsed))
        {
            Pbkdf2Matches(Parse(Decoy.Value), password ?? "");
            return false;
        }

        return Pbkdf2Matches(parsed, password ?? "");
    }

    private static bool Pbkdf2Matches(Parsed hash, string password)
    {
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, hash.Salt, hash.Iterations, hash.Algorithm, hash.Key.Length);
        return CryptographicOperations.FixedTimeEquals(actual, hash.Key);
    }

    private static Parsed Parse(string hash) =>
        TryParse(hash, out var parsed) ? parsed : throw new FormatException("Not a password hash.");

    private static bool TryParse(string? text, out Parsed parsed)
    {
        parsed = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), bytes, out var length) || length < HeaderBytes + 1 || bytes[0] != FormatMarker)
        {
            return false;
        }

        var span = bytes.AsSpan(0, length);
        var prf = BinaryPrimitives.ReadUInt32BigEndian(span[1..]);
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(span[5..]);
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(span[9..]);
        HashAlgorithmName? algorithm = prf switch
        {
            (uint)Prf.Sha1 => HashAlgorithmName.SHA1,
            (uint)Prf.Sha256 => HashAlgorithmName.SHA256,
            (uint)Prf.Sha512 => HashAlgorithmName.SHA512,
            _ => null,
        };
        // Bounds keep a hostile configuration value from asking for an absurd amount of work per sign-in.
        if (algorithm is null || iterations is < 1 or > 10_000_000 || saltLength is < 8 or > 1024
            || length - HeaderBytes - (int)saltLength < 16)
        {
            return false;
        }

        var salt = span.Slice(HeaderBytes, (int)saltLength).ToArray();
        var key = span[(HeaderBytes + (int)saltLength)..].ToArray();
        parsed = new Parsed(algorithm.Value, (int)iterations, salt, key);
        return true;
    }

    private enum Prf : uint
    {
        Sha1 = 0,
        Sha256 = 1,
        Sha512 = 2,
    }

    private readonly record struct Parsed(HashAlgorithmName Algorithm, int Iterations, byte[] Salt, byte[] Key);
}
