using ServiceHall.Grains.Organisation;

namespace ServiceHall.Grains.Tests.Organisation;

/// <summary>Staff passwords live only as salted hashes, and plain text in configuration is for demo mode alone.</summary>
public sealed class StaffPasswordTests
{
    [Fact]
    public void AHashChecksOnlyItsOwnPasswordAndTwoHashesOfOnePasswordDiffer()
    {
        var hash = StaffPasswordHash.Hash("窗口-2026!", iterations: 1_000);

        Assert.True(StaffPasswordHash.Verify(hash, "窗口-2026!"));
        Assert.False(StaffPasswordHash.Verify(hash, "窗口-2026"));
        Assert.False(StaffPasswordHash.Verify(hash, null));
        Assert.False(StaffPasswordHash.Verify(null, "窗口-2026!"));
        Assert.NotEqual(hash, StaffPasswordHash.Hash("窗口-2026!", iterations: 1_000));
        Assert.DoesNotContain("窗口", hash);
        Assert.False(StaffPasswordHash.IsWellFormed("servicehall"));
    }

    [Fact]
    public void AConfiguredHashSignsInOutsideDemoMode()
    {
        var directory = new OrganisationDirectory(Staff(new StaffAccount { PasswordHash = StaffPasswordHash.Hash("pw-li", 1_000) }), includeDemoStaff: false);

        Assert.True(directory.CheckPassword("li", "pw-li"));
        Assert.False(directory.CheckPassword("li", "pw"));
        Assert.Null(directory.FindStaff("li")!.PasswordHash);
    }

    [Fact]
    public void APlainTextPasswordOutsideDemoModeStopsTheSiloNamingTheAccount()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new OrganisationDirectory(Staff(new StaffAccount { Password = "pw-li" }), includeDemoStaff: false));

        Assert.Contains("'li'", error.Message);
        Assert.Contains("PasswordHash", error.Message);
        Assert.DoesNotContain("pw-li", error.Message);
    }

    [Fact]
    public void AMalformedHashStopsTheSilo()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new OrganisationDirectory(Staff(new StaffAccount { PasswordHash = "c2VydmljZWhhbGw=" }), includeDemoStaff: false));

        Assert.Contains("'li': PasswordHash is not a password hash", error.Message);
    }

    [Fact]
    public void TheAccountVersionChangesWithRoleScopeAndPasswordButNotWithARestart()
    {
        string? Version(StaffAccount account) => new OrganisationDirectory(Staff(account), includeDemoStaff: true).AccountVersion("LI");
        var hash = StaffPasswordHash.Hash("pw-li", 1_000);

        var original = Version(new StaffAccount { PasswordHash = hash });
        Assert.Equal(original, Version(new StaffAccount { PasswordHash = hash }));
        Assert.NotEqual(original, Version(new StaffAccount { PasswordHash = hash, Hall = "qy" }));
        Assert.NotEqual(original, Version(new StaffAccount { PasswordHash = StaffPasswordHash.Hash("pw-li", 1_000) }));
        Assert.NotEqual(original, Version(new StaffAccount { PasswordHash = hash, Role = StaffRoles.Manager }));
        Assert.Equal(Version(new StaffAccount { Password = "demo" }), Version(new StaffAccount { Password = "demo" }));
        Assert.NotEqual(Version(new StaffAccount { Password = "demo" }), Version(new StaffAccount { Password = "demo2" }));
        Assert.Null(new OrganisationDirectory(new OrganisationOptions(), includeDemoStaff: false).AccountVersion("li"));
    }

    private static OrganisationOptions Staff(StaffAccount account)
    {
        account.Username = "li";
        account.DisplayName = "李";
        account.Role = string.IsNullOrEmpty(account.Role) ? StaffRoles.Clerk : account.Role;
        account.Hall ??= "gz";
        return new OrganisationOptions { Staff = [account] };
    }
}
