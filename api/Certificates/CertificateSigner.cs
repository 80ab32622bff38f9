using System.Security.Cryptography;

namespace ServiceHall.Api.Certificates;

/// <summary>
/// The hall's certificate-signing key (ECDSA P-256, SHA-256). The host supplies it: generated once and kept in the
/// data folder in embedded mode, from configuration in PostgreSQL mode (every silo must sign with the same key).
/// Without one (a PostgreSQL installation that has not configured it) certificates are still numbered and
/// checkable in the register, but no electronic version can be signed.
/// </summary>
public sealed class CertificateSigner
{
    private readonly ECDsa? _key;

    public CertificateSigner(ECDsa? key)
    {
        if (key is not null)
        {
            RequirePrivateP256(key);
        }

        _key = key;
        if (key is not null)
        {
            var publicKey = key.ExportSubjectPublicKeyInfo();
            PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
            // A short fingerprint of the public key names it in every signed certificate, ready for a key rotation.
            KeyId = Convert.ToHexStringLower(SHA256.HashData(publicKey), 0, 8);
        }
    }

    public bool CanSign => _key is not null;

    public string? KeyId { get; }

    public string? PublicKeyPem { get; }

    /// <summary>Reads a key from configuration: PEM (<c>-----BEGIN PRIVATE KEY-----</c> or EC) or base64 PKCS#8.</summary>
    public static ECDsa Import(string text)
    {
        var key = ECDsa.Create();
        var trimmed = text.Trim();
        if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            key.ImportFromPem(trimmed);
        }
        else
        {
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(trimmed), out _);
        }

        return key;
    }

    // Key size alone would let brainpoolP256 or secp256k1 through, whose ES256 signatures no verifier accepts.
    private const string NistP256Oid = "1.2.840.10045.3.1.7";

    private static void RequirePrivateP256(ECDsa key)
    {
        ECParameters parameters;
        try
        {
            parameters = key.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException exception)
        {
            throw new ArgumentException("The certificate-signing key must be a private key (a public key cannot sign).", nameof(key), exception);
        }

        var curve = parameters.Curve;
        var name = curve.Oid?.Value ?? curve.Oid?.FriendlyName;
        if (!curve.IsNamed || (curve.Oid?.Value != NistP256Oid && curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256")))
        {
            throw new ArgumentException($"The certificate-signing key must be on the NIST P-256 curve ({NistP256Oid}), not {name ?? "an explicit curve"}.", nameof(key));
        }

        if (parameters.D is not { Length: > 0 })
        {
            throw new ArgumentException("The certificate-signing key must be a private key (a public key cannot sign).", nameof(key));
        }
    }

    public static ECDsa Generate() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The IEEE P1363 signature (r‖s, 64 bytes) of <paramref name="data"/>, as JOSE's ES256 uses.</summary>
    public byte[] Sign(byte[] data) =>
        (_key ?? throw new InvalidOperationException("No certificate-signing key is configured.")).SignData(data, HashAlgorithmName.SHA256);

    public bool Verify(byte[] data, byte[] signature) =>
        _key is not null && signature.Length == 64 && _key.VerifyData(data, signature, HashAlgorithmName.SHA256);
}
