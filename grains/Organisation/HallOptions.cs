namespace ServiceHall.Grains.Organisation;

/// <summary>The <c>ServiceHall:Organisation</c> configuration: halls with their windows, and the staff directory.</summary>
public sealed class OrganisationOptions
{
    public const string SectionName = "ServiceHall:Organisation";

    public List<Hall> Halls { get; set; } = [];

    public List<StaffAccount> Staff { get; set; } = [];

    /// <summary>Password of the demo accounts when the host includes them (demo mode only).</summary>
    public string DemoPassword { get; set; } = DefaultOrganisation.DemoPassword;
}

/// <summary>A service hall (e.g. <c>gz</c>: 广州市政务服务中心), its city and its windows.</summary>
public sealed class Hall
{
    /// <summary>Short code, also the case-number prefix (<c>GZ-20261127-000123</c>).</summary>
    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string City { get; set; } = "";

    public List<Window> Windows { get; set; } = [];
}

/// <summary>A counter window and the channel it serves (window, cross-city, nansha, key-project, instant).</summary>
public sealed class Window
{
    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string Channel { get; set; } = "window";

    /// <summary>For a cross-city window: the partner city whose department reviews the cases accepted here.</summary>
    public string? PartnerCity { get; set; }
}

/// <summary>
/// A staff member: role and scope (ARCHITECTURE §5), and a salted password hash for signing in (small installations;
/// production may point sign-in at a real identity provider and leave it unset).
/// </summary>
public sealed class StaffAccount
{
    public string Username { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>clerk, reviewer, coordinator, manager, designer or admin.</summary>
    public string Role { get; set; } = "";

    public string? Hall { get; set; }

    public string? Window { get; set; }

    public string? Department { get; set; }

    public string? District { get; set; }

    /// <summary>Plain-text password, accepted only in demo mode (tests, trials); otherwise the silo refuses to start.</summary>
    public string? Password { get; set; }

    /// <summary>PBKDF2 hash of the password (<c>dotnet ServiceHall.Silo.dll hash-password</c>, or ASP.NET Core Identity's format).</summary>
    public string? PasswordHash { get; set; }
}
