using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace ServiceHall.Grains.Organisation;

/// <summary>
/// Halls, windows and staff as configured (ARCHITECTURE §5), fixed for the life of the process. Built from
/// <see cref="OrganisationOptions"/>: the <see cref="DefaultOrganisation"/> halls when none are configured, and the demo
/// accounts only when the host asks for them. The objects it hands out are its own copies; treat them as read-only.
/// Accounts come back without their password.
/// </summary>
public sealed class OrganisationDirectory
{
    // Compared against when the user is unknown or has no password, so the answer takes the same time either way.
    private static readonly byte[] NoPassword = RandomNumberGenerator.GetBytes(SHA256.HashSizeInBytes);

    private readonly FrozenDictionary<string, Hall> _halls;
    private readonly FrozenDictionary<string, StaffAccount> _staff;
    private readonly FrozenDictionary<string, byte[]> _passwordDigests;

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

        var problems = OrganisationValidator.Problems(halls, staff);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The organisation configuration ({OrganisationOptions.SectionName}) is invalid:{Environment.NewLine} - "
                + string.Join(Environment.NewLine + " - ", problems));
        }

        _halls = halls.ToFrozenDictionary(h => h.Code, StringComparer.OrdinalIgnoreCase);
        _passwordDigests = staff
            .Where(s => !string.IsNullOrEmpty(s.Password))
            .ToFrozenDictionary(s => s.Username, s => Digest(s.Password!), StringComparer.OrdinalIgnoreCase);
        foreach (var account in staff)
        {
            account.Password = null;
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
        var expected = username is null ? null : _passwordDigests.GetValueOrDefault(username);
        // Digests have one length, so the comparison leaks neither the password's length nor where it differs.
        var matches = CryptographicOperations.FixedTimeEquals(Digest(password ?? ""), expected ?? NoPassword);
        return matches && expected is not null;
    }

    private static byte[] Digest(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));

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
    };
}
