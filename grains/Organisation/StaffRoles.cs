namespace ServiceHall.Grains.Organisation;

/// <summary>The staff roles of ARCHITECTURE §5 and the scope each one needs.</summary>
public static class StaffRoles
{
    /// <summary>Works at a hall's window; scope: <see cref="StaffAccount.Hall"/> (and usually <see cref="StaffAccount.Window"/>).</summary>
    public const string Clerk = "clerk";

    /// <summary>Reviews a department's steps; scope: <see cref="StaffAccount.Department"/>.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Routes a district's key projects; scope: <see cref="StaffAccount.District"/>.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>A hall's statistics and escalations; scope: <see cref="StaffAccount.Hall"/>.</summary>
    public const string Manager = "manager";

    public const string Designer = "designer";

    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Clerk, Reviewer, Coordinator, Manager, Designer, Admin];
}
