using System.Security.Cryptography;
using ServiceHall.Api.Certificates;

namespace ServiceHall.Silo;

/// <summary>
/// Finds the certificate-signing key (ECDSA P-256): configuration first; in embedded mode a key generated once into
/// the data folder, as the token-signing key is. In PostgreSQL mode without configuration the silo starts, but
/// electronic certificates cannot be signed (503) until the key is configured: silos of a cluster must share one
/// key, and none of them owns a folder the others can read.
/// </summary>
internal static class CertificateKeySource
{
    public static CertificateSigner Resolve(ServiceHallOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Certificates.SigningKey))
        {
            return FromText(options.Certificates.SigningKey, "ServiceHall:Certificates:SigningKey");
        }

        if (options.Storage.Mode != StorageMode.Embedded)
        {
            return new CertificateSigner(null);
        }

        var path = Path.Combine(options.DataFolderPath, "keys", "certificate-signing.pem");
        if (File.Exists(path))
        {
            return FromText(File.ReadAllText(path), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = CertificateSigner.Generate();
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Atomic rename: a crash mid-write never leaves a truncated key to be read back later.
        File.Move(temporary, path, overwrite: false);
        return new CertificateSigner(key);
    }

    private static CertificateSigner FromText(string text, string source)
    {
        try
        {
            return new CertificateSigner(CertificateSigner.Import(text));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"The certificate-signing key from {source} is unusable: {exception.Message}", exception);
        }
    }
}
