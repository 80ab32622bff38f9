namespace ServiceHall.Grains.Organisation;

/// <summary>The <c>ServiceHall:Organisation</c> configuration: halls with their windows, and the staff directory.</summary>
public sealed class OrganisationOptions
{
    public const string SectionName = "ServiceHall:Organisation";

    public List<Hall> Halls { get; set; } = [];

    public List<StaffAccount> Staff { get; set; } = [];

    /// <summary>Password of the demo accounts when the host includes them (embedded mode).</summary>
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
/// A staff member: role and scope (ARCHITECTURE §5). The password is plain text from configuration, meant for demo and
/// small installations; production points sign-in at a real identity provider and leaves it unset.
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

    /// <summary>Password for demo/configured accounts; production points sign-in at a real identity provider.</summary>
    public string? Password { get; set; }
}
