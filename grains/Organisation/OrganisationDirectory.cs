using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace ServiceHall.Grains.Organisation;

/// <summary>
/// Halls, windows and staff as configured (ARCHITECTURE §5), fixed for the life of the process. Built from
/// <see cref="OrganisationOptions"/>: the <see cref="DefaultOrganisation"/> halls when none are configured, and the demo
/// accounts only when the host asks for them. The objects it hands out are its own copies; treat them as read-only.
/// Accounts come back without their password. Passwords are kept only as salted PBKDF2 hashes
/// (<see cref="StaffPasswordHash"/>): configured accounts give one (<see cref="StaffAccount.PasswordHash"/>); a plain-text
/// <see cref="StaffAccount.Password"/> is accepted only in demo mode, where it is hashed at start.
/// </summary>
public sealed class OrganisationDirectory
{
    // Demo mode's passwords are published or test-only, so their in-memory hashes need not be slow to compute.
    private const int DemoIterations = 1_000;

    private readonly FrozenDictionary<string, Hall> _halls;
    private readonly FrozenDictionary<string, StaffAccount> _staff;
    private readonly FrozenDictionary<string, string> _passwordHashes;
    private readonly FrozenDictionary<string, string> _accountVersions;

    /// <param name="includeDemoStaff">Demo mode: add the demo accounts and accept plain-text passwords in configuration.</param>
    public OrganisationDirectory(OrganisationOptions options, bool includeDemoStaff)
    {
        ArgumentNullException.ThrowIfNull(options);
        var halls = (options.Halls.Count > 0 ? options.Halls : DefaultOrganisation.CreateHalls()).Select(Copy).ToList();
        var staff = options.Staff.Select(Copy).ToList();
        if (includeDemoStaff)
        {
            var password = string.IsNullOrEmpty(options.DemoPassword) ? DefaultOrganisation.DemoPassword : options.DemoPassword;
            // A configured account with a demo username wins, so an installation can re-scope or disable one.
            staff.AddRange(DefaultOrganisation.CreateDemoStaff(password)
                .Where(demo => !staff.Any(s => string.Equals(s.Username, demo.Username, StringComparison.OrdinalIgnoreCase))));
        }

        var problems = OrganisationValidator.Problems(halls, staff).ToList();
        problems.AddRange(PasswordProblems(staff, includeDemoStaff));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The organisation configuration ({OrganisationOptions.SectionName}) is invalid:{Environment.NewLine} - "
                + string.Join(Environment.NewLine + " - ", problems));
        }

        _halls = halls.ToFrozenDictionary(h => h.Code, StringComparer.OrdinalIgnoreCase);
        _accountVersions = staff.ToFrozenDictionary(s => s.Username, AccountVersionOf, StringComparer.OrdinalIgnoreCase);
        _passwordHashes = staff
            .Select(s => (s.Username, Hash: !string.IsNullOrEmpty(s.PasswordHash) ? s.PasswordHash.Trim()
                : !string.IsNullOrEmpty(s.Password) ? StaffPasswordHash.Hash(s.Password, DemoIterations) : null))
            .Where(s => s.Hash is not null)
            .ToFrozenDictionary(s => s.Username, s => s.Hash!, StringComparer.OrdinalIgnoreCase);
        foreach (var account in staff)
        {
            account.Password = null;
            account.PasswordHash = null;
        }

        _staff = staff.ToFrozenDictionary(s => s.Username, StringComparer.OrdinalIgnoreCase);
        Halls = halls;
        Staff = staff;
        IncludesDemoStaff = includeDemoStaff;
    }

    /// <summary>In configuration order.</summary>
    public IReadOnlyList<Hall> Halls { get; }

    /// <summary>Configured accounts first, then the demo accounts not overridden by configuration.</summary>
    public IReadOnlyList<StaffAccount> Staff { get; }

    public bool IncludesDemoStaff { get; }

    /// <summary>The hall with this code (case-insensitive), or null.</summary>
    public Hall? FindHall(string? code) => code is null ? null : _halls.GetValueOrDefault(code);

    /// <summary>The hall in this city (e.g. a cross-city window's partner city), or null.</summary>
    public Hall? FindHallInCity(string? city) =>
        city is null ? null : Halls.FirstOrDefault(h => string.Equals(h.City, city, StringComparison.OrdinalIgnoreCase));

    public Window? FindWindow(string? hallCode, string? windowCode) =>
        windowCode is null
            ? null
            : FindHall(hallCode)?.Windows.FirstOrDefault(w => string.Equals(w.Code, windowCode, StringComparison.OrdinalIgnoreCase));

    /// <summary>The account with this username (case-insensitive), without its password, or null.</summary>
    public StaffAccount? FindStaff(string? username) => username is null ? null : _staff.GetValueOrDefault(username);

    /// <summary>True when the user exists, has a password, and <paramref name="password"/> is it.</summary>
    public bool CheckPassword(string? username, string? password)
    {
        var hash = username is null ? null : _passwordHashes.GetValueOrDefault(username);
        // Unknown users are checked against a decoy hash, so the answer takes as long as for a real account.
        return StaffPasswordHash.Verify(hash, password) && hash is not null;
    }

    /// <summary>
    /// A digest of everything a sign-in vouches for (username, name, role, scope, credential): it changes whenever the
    /// account is re-scoped, re-roled or its password changes, so sessions begun before the change can be told apart.
    /// Null for an unknown user. In-process only: it is not a secret-free value to hand out as it is.
    /// </summary>
    public string? AccountVersion(string? username) => username is null ? null : _accountVersions.GetValueOrDefault(username);

    private static IEnumerable<string> PasswordProblems(IEnumerable<StaffAccount> staff, bool demoMode)
    {
        foreach (var account in staff)
        {
            if (!string.IsNullOrEmpty(account.PasswordHash) && !StaffPasswordHash.IsWellFormed(account.PasswordHash))
            {
                yield return $"Staff account '{account.Username}': PasswordHash is not a password hash (make one with 'dotnet ServiceHall.Silo.dll hash-password').";
            }
            else if (string.IsNullOrEmpty(account.PasswordHash) && !string.IsNullOrEmpty(account.Password) && !demoMode)
            {
                yield return $"Staff account '{account.Username}': a plain-text Password is accepted only in demo mode; give PasswordHash instead (make one with 'dotnet ServiceHall.Silo.dll hash-password').";
            }
        }
    }

    private static string AccountVersionOf(StaffAccount account)
    {
        // The plain text (demo mode only) enters as its own digest; the stored hash is salted, so it enters as it is.
        var credential = !string.IsNullOrEmpty(account.PasswordHash) ? "hash:" + account.PasswordHash.Trim()
            : !string.IsNullOrEmpty(account.Password) ? "plain:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(account.Password)))
            : "none";
        var fields = string.Join('\n', account.Username.ToLowerInvariant(), account.DisplayName, account.Role,
            account.Hall, account.Window, account.Department, account.District, credential);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fields)));
    }

    private static Hall Copy(Hall hall) => new()
    {
        Code = hall.Code,
        NameZh = hall.NameZh,
        NameEn = hall.NameEn,
        City = hall.City,
        Windows = hall.Windows.Select(w => new Window
        {
            Code = w.Code,
            NameZh = w.NameZh,
            NameEn = w.NameEn,
            Channel = w.Channel,
            PartnerCity = w.PartnerCity,
        }).ToList(),
    };

    private static StaffAccount Copy(StaffAccount account) => new()
    {
        Username = account.Username,
        DisplayName = account.DisplayName,
        Role = account.Role,
        Hall = account.Hall,
        Window = account.Window,
        Department = account.Department,
        District = account.District,
        Password = account.Password,
        PasswordHash = account.PasswordHash,
    };
}
