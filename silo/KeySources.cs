using System.Security.Cryptography;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Certificates;

namespace ServiceHall.Silo;

/// <summary>
/// The hall's two signing keys, found the same way: configuration first; in embedded mode a key generated once into
/// the data folder and read back on every start. In PostgreSQL mode nothing is generated: silos of one cluster must
/// share each key, and none of them owns a folder the others can read.
/// </summary>
internal static class KeySources
{
    /// <summary>Staff tokens (HMAC): without it no one can sign in, so PostgreSQL mode refuses to start without it.</summary>
    public static TokenSigningKey TokenSigning(ServiceHallOptions options) =>
        Resolve(options, options.Auth.SigningKey, "ServiceHall:Auth:SigningKey", "token-signing", "token-signing.key",
            text => new TokenSigningKey(Convert.FromBase64String(text.Trim())),
            () =>
            {
                var key = RandomNumberGenerator.GetBytes(64);
                return (new TokenSigningKey(key), Convert.ToBase64String(key));
            })
        ?? throw new InvalidOperationException(
            "PostgreSQL mode needs ServiceHall:Auth:SigningKey (base64, at least 32 bytes), the same on every silo.");

    /// <summary>
    /// Electronic certificates (ECDSA P-256). Without a configured key in PostgreSQL mode the silo still starts; only
    /// signing a certificate answers 503 until the key is configured.
    /// </summary>
    public static CertificateSigner CertificateSigning(ServiceHallOptions options) =>
        Resolve(options, options.Certificates.SigningKey, "ServiceHall:Certificates:SigningKey", "certificate-signing", "certificate-signing.pem",
            text => new CertificateSigner(CertificateSigner.Import(text)),
            () =>
            {
                var key = CertificateSigner.Generate();
                return (new CertificateSigner(key), key.ExportPkcs8PrivateKeyPem());
            })
        ?? new CertificateSigner(null);

    /// <returns>The key, or null in PostgreSQL mode when nothing is configured.</returns>
    private static TKey? Resolve<TKey>(
        ServiceHallOptions options, string? configured, string settingName, string purpose, string fileName,
        Func<string, TKey> parse, Func<(TKey Key, string Text)> generate)
        where TKey : class
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Parse(configured, settingName, purpose, parse);
        }

        if (options.Storage.Mode != StorageMode.Embedded)
        {
            return null;
        }

        var path = Path.Combine(options.DataFolderPath, "keys", fileName);
        if (File.Exists(path))
        {
            return Parse(File.ReadAllText(path), path, purpose, parse);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (key, text) = generate();
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // A rename is atomic, so a crash mid-write never leaves a truncated key that would later be read as valid.
        File.Move(temporary, path, overwrite: false);
        return key;
    }

    private static TKey Parse<TKey>(string text, string source, string purpose, Func<string, TKey> parse)
    {
        try
        {
            return parse(text);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"The {purpose} key from {source} is unusable: {exception.Message}", exception);
        }
    }
}
