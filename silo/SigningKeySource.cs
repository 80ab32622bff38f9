using System.Security.Cryptography;
using ServiceHall.Api.Auth;

namespace ServiceHall.Silo;

/// <summary>Finds the token-signing key: configuration first; in embedded mode a key generated once into the data folder.</summary>
internal static class SigningKeySource
{
    public static TokenSigningKey Resolve(ServiceHallOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Auth.SigningKey))
        {
            return FromBase64(options.Auth.SigningKey, "ServiceHall:Auth:SigningKey");
        }

        if (options.Storage.Mode != StorageMode.Embedded)
        {
            // Silos of one cluster must share the key, and none of them owns a folder the others can read.
            throw new InvalidOperationException(
                "PostgreSQL mode needs ServiceHall:Auth:SigningKey (base64, at least 32 bytes), the same on every silo.");
        }

        var path = Path.Combine(options.DataFolderPath, "keys", "token-signing.key");
        if (File.Exists(path))
        {
            return FromBase64(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(64);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // A rename is atomic, so a crash mid-write never leaves a truncated key that would later be read as valid.
        File.Move(temporary, path, overwrite: false);
        return new TokenSigningKey(key);
    }

    private static TokenSigningKey FromBase64(string text, string source)
    {
        try
        {
            return new TokenSigningKey(Convert.FromBase64String(text));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"The token-signing key from {source} is unusable: {exception.Message}", exception);
        }
    }
}
