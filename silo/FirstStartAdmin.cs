using System.Security.Cryptography;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Silo;

/// <summary>
/// Outside demo mode nobody can sign in with a published password, so an embedded installation whose configuration
/// names no admin gets one at first start: the account <c>admin</c> with a random password, written once to a file in
/// the data folder readable only by the silo's user (never to the log). Its hash is kept beside the signing keys and
/// read back on later starts. Deleting both files makes the next start create a new password.
/// </summary>
internal static class FirstStartAdmin
{
    public const string Username = "admin";
    public const string PasswordFileName = "initial-admin-password.txt";
    private const string HashFileName = "first-admin.hash";

    public static WebApplicationBuilder AddServiceHallFirstAdmin(this WebApplicationBuilder builder, ServiceHallOptions options)
    {
        // PostgreSQL mode has no folder every silo shares: its operators configure staff (with hashes) themselves.
        if (options.IsDemo(builder.Environment) || options.Storage.Mode != StorageMode.Embedded)
        {
            return builder;
        }

        var configured = builder.Configuration.GetSection(OrganisationOptions.SectionName).Get<OrganisationOptions>()?.Staff ?? [];
        if (configured.Any(s => s.Role == StaffRoles.Admin || string.Equals(s.Username, Username, StringComparison.OrdinalIgnoreCase)))
        {
            return builder;
        }

        var notice = Ensure(options.DataFolderPath, out var hash);
        builder.Services.PostConfigure<OrganisationOptions>(organisation => organisation.Staff.Add(new StaffAccount
        {
            Username = Username,
            DisplayName = "管理员 Administrator",
            Role = StaffRoles.Admin,
            PasswordHash = hash,
        }));
        builder.Services.AddSingleton(notice);
        return builder;
    }

    private static FirstAdminNotice Ensure(string dataFolder, out string hash)
    {
        var hashPath = Path.Combine(dataFolder, "keys", HashFileName);
        var passwordPath = Path.Combine(dataFolder, PasswordFileName);
        if (File.Exists(hashPath))
        {
            hash = File.ReadAllText(hashPath).Trim();
            return new FirstAdminNotice(passwordPath, CreatedNow: false, File.Exists(passwordPath));
        }

        var password = Base64Password();
        hash = StaffPasswordHash.Hash(password);
        Directory.CreateDirectory(Path.GetDirectoryName(hashPath)!);
        // The password first: were the start to fail between the two, the next start makes a new pair.
        WritePrivately(passwordPath, $"ServiceHall first-start admin account{Environment.NewLine}username: {Username}{Environment.NewLine}password: {password}{Environment.NewLine}");
        WritePrivately(hashPath, hash);
        return new FirstAdminNotice(passwordPath, CreatedNow: true, PasswordFileExists: true);
    }

    // 18 random bytes: 24 characters of base64url, nothing to misread or to escape in a shell.
    private static string Base64Password() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    private static void WritePrivately(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>What the start-up banner tells the operator about the first-start admin (never the password itself).</summary>
internal sealed record FirstAdminNotice(string PasswordFile, bool CreatedNow, bool PasswordFileExists);
