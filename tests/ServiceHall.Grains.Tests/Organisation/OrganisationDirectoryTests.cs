using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Hosting;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Grains.Tests.Organisation;

public sealed class OrganisationDirectoryTests
{
    private static OrganisationDirectory Defaults(bool demo = true) => new(new OrganisationOptions(), demo);

    [Fact]
    public void WithoutConfiguredHallsTheGuangzhouQingyuanAndMeizhouHallsAreUsed()
    {
        var directory = Defaults();

        Assert.Equal(["gz", "qy", "mz"], directory.Halls.Select(h => h.Code));
        Assert.Equal("广州市政务服务中心", directory.FindHall("gz")!.NameZh);
        Assert.Equal("qingyuan", directory.FindHall("QY")!.City);
    }

    [Fact]
    public void TheGuangzhouHallHasEveryKindOfWindow()
    {
        var windows = Defaults().FindHall("gz")!.Windows;

        Assert.Equal(3, windows.Count(w => w.Channel == ServiceChannels.Window && w.NameZh.StartsWith("综合窗口")));
        Assert.Contains(windows, w => w is { Code: "gz-qy", Channel: ServiceChannels.CrossCity, PartnerCity: "qingyuan", NameZh: "穗清通办窗口" });
        Assert.Contains(windows, w => w is { Code: "gz-mz", Channel: ServiceChannels.CrossCity, PartnerCity: "meizhou", NameZh: "穗梅通办窗口" });
        Assert.Contains(windows, w => w is { Channel: ServiceChannels.Nansha, NameZh: "南沙窗口" });
        Assert.Contains(windows, w => w is { Channel: ServiceChannels.KeyProject, NameZh: "重点项目窗口" });
        Assert.Contains(windows, w => w is { Channel: ServiceChannels.Instant, NameZh: "即办窗口" });
    }

    [Theory]
    [InlineData("qy")]
    [InlineData("mz")]
    public void EachPartnerHallHasComprehensiveWindowsAndACrossCityWindowBackToGuangzhou(string hall)
    {
        var directory = Defaults();
        var windows = directory.FindHall(hall)!.Windows;

        Assert.Contains(windows, w => w.Channel == ServiceChannels.Window);
        var crossCity = Assert.Single(windows, w => w.Channel == ServiceChannels.CrossCity);
        Assert.Equal("gz", directory.FindHallInCity(crossCity.PartnerCity)!.Code);
    }

    [Fact]
    public void ConfiguredHallsReplaceTheDefaults()
    {
        var options = new OrganisationOptions
        {
            Halls = [new Hall { Code = "th", NameZh = "天河区政务服务中心", City = "guangzhou", Windows = [new Window { Code = "w1" }] }],
        };

        var directory = new OrganisationDirectory(options, includeDemoStaff: false);

        Assert.Equal("th", Assert.Single(directory.Halls).Code);
        Assert.Null(directory.FindHall("gz"));
        Assert.Equal(ServiceChannels.Window, directory.FindWindow("TH", "W1")!.Channel);
    }

    [Fact]
    public void WindowLookupNeedsBothAKnownHallAndAKnownWindow()
    {
        var directory = Defaults();

        Assert.Equal("南沙窗口", directory.FindWindow("gz", "nansha")!.NameZh);
        Assert.Null(directory.FindWindow("qy", "nansha"));
        Assert.Null(directory.FindWindow("xx", "general-1"));
        Assert.Null(directory.FindWindow("gz", null));
        Assert.Null(directory.FindHall(null));
    }

    [Fact]
    public void DemoStaffArePresentOnlyWhenAskedFor()
    {
        Assert.Empty(Defaults(demo: false).Staff);
        Assert.Null(Defaults(demo: false).FindStaff("clerk"));
        Assert.False(Defaults(demo: false).CheckPassword("clerk", DefaultOrganisation.DemoPassword));

        var demo = Defaults(demo: true);
        Assert.True(demo.IncludesDemoStaff);
        Assert.Subset(
            demo.Staff.Select(s => s.Username).ToHashSet(),
            new HashSet<string> { "clerk", "reviewer", "reviewer2", "coordinator", "coordinator2", "manager", "designer", "admin" });
    }

    [Fact]
    public void EveryDemoAccountHasAChineseName() =>
        Assert.All(Defaults().Staff, s => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}{2,4}$", s.DisplayName));

    [Fact]
    public void EveryCatalogueDepartmentHasADemoReviewer()
    {
        var reviewed = Defaults().Staff.Where(s => s.Role == StaffRoles.Reviewer).Select(s => s.Department!).ToHashSet();

        Assert.Subset(reviewed, CatalogSeed.DepartmentCodes.ToHashSet());
    }

    [Fact]
    public void EveryChannelAndCrossCityWindowOfEveryDefaultHallHasADemoClerkAndEveryHallAManager()
    {
        var directory = Defaults();
        var clerks = directory.Staff.Where(s => s.Role == StaffRoles.Clerk).ToList();

        foreach (var hall in directory.Halls)
        {
            // One clerk per channel a hall serves: the second and third comprehensive windows serve the same channel.
            foreach (var channel in hall.Windows.Select(w => w.Channel).Distinct())
            {
                var own = clerks.Where(c => c.Hall == hall.Code && directory.FindWindow(hall.Code, c.Window)?.Channel == channel).ToList();
                Assert.True(own.Count > 0, $"no demo clerk at a '{channel}' window of hall '{hall.Code}'");
            }

            foreach (var crossCity in hall.Windows.Where(w => w.Channel == ServiceChannels.CrossCity))
            {
                Assert.Contains(clerks, c => c.Hall == hall.Code && c.Window == crossCity.Code);
            }

            Assert.Contains(directory.Staff, s => s.Role == StaffRoles.Manager && s.Hall == hall.Code);
        }
    }

    [Theory]
    [InlineData("clerk", StaffRoles.Clerk, "gz", "general-1", null, null)]
    [InlineData("reviewer", StaffRoles.Reviewer, null, null, "market-regulation", null)]
    [InlineData("reviewer2", StaffRoles.Reviewer, null, null, "emergency-management", null)]
    [InlineData("coordinator", StaffRoles.Coordinator, null, null, null, "tianhe")]
    [InlineData("coordinator2", StaffRoles.Coordinator, null, null, null, "nansha")]
    [InlineData("manager", StaffRoles.Manager, "gz", null, null, null)]
    [InlineData("designer", StaffRoles.Designer, null, null, null, null)]
    [InlineData("admin", StaffRoles.Admin, null, null, null, null)]
    [InlineData("clerk-gz-qy", StaffRoles.Clerk, "gz", "gz-qy", null, null)]
    [InlineData("qy-clerk-gz", StaffRoles.Clerk, "qy", "qy-gz", null, null)]
    [InlineData("mz-reviewer", StaffRoles.Reviewer, null, null, "mz-market-regulation", null)]
    public void EachDemoAccountHasItsRoleScopeAndAChineseName(
        string username, string role, string? hall, string? window, string? department, string? district)
    {
        var account = Defaults().FindStaff(username);

        Assert.NotNull(account);
        Assert.Equal((role, hall, window, department, district), (account.Role, account.Hall, account.Window, account.Department, account.District));
        Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}{2,4}$", account.DisplayName);
        Assert.Null(account.Password);
    }

    [Fact]
    public void ThePasswordCheckAcceptsOnlyTheRightPasswordOfAKnownUser()
    {
        var directory = Defaults();

        Assert.True(directory.CheckPassword("clerk", "servicehall"));
        Assert.True(directory.CheckPassword("CLERK", "servicehall"));
        Assert.False(directory.CheckPassword("clerk", "ServiceHall"));
        Assert.False(directory.CheckPassword("clerk", "servicehall "));
        Assert.False(directory.CheckPassword("clerk", ""));
        Assert.False(directory.CheckPassword("clerk", null));
        Assert.False(directory.CheckPassword("nobody", "servicehall"));
        Assert.False(directory.CheckPassword(null, "servicehall"));
    }

    [Fact]
    public void AConfiguredDemoPasswordReplacesTheDefaultOne()
    {
        var directory = new OrganisationDirectory(new OrganisationOptions { DemoPassword = "穗清通办-2026" }, includeDemoStaff: true);

        Assert.True(directory.CheckPassword("admin", "穗清通办-2026"));
        Assert.False(directory.CheckPassword("admin", DefaultOrganisation.DemoPassword));
    }

    [Fact]
    public void AConfiguredAccountOverridesTheDemoAccountOfTheSameName()
    {
        var options = new OrganisationOptions
        {
            Staff =
            [
                new StaffAccount { Username = "reviewer", DisplayName = "孙丽", Role = StaffRoles.Reviewer, Department = "transport", Password = "s3cret" },
                new StaffAccount { Username = "sso-user", DisplayName = "吴强", Role = StaffRoles.Admin },
            ],
        };

        var directory = new OrganisationDirectory(options, includeDemoStaff: true);

        Assert.Equal("transport", directory.FindStaff("reviewer")!.Department);
        Assert.True(directory.CheckPassword("reviewer", "s3cret"));
        Assert.False(directory.CheckPassword("reviewer", DefaultOrganisation.DemoPassword));
        Assert.Single(directory.Staff, s => s.Username == "reviewer");
        // An account without a password signs in through the identity provider only.
        Assert.NotNull(directory.FindStaff("sso-user"));
        Assert.False(directory.CheckPassword("sso-user", ""));
    }

    [Fact]
    public void TheDirectoryKeepsItsOwnCopyOfTheConfiguration()
    {
        var options = new OrganisationOptions
        {
            Staff = [new StaffAccount { Username = "li", Role = StaffRoles.Clerk, Hall = "gz", PasswordHash = StaffPasswordHash.Hash("pw", 1_000) }],
        };
        var directory = new OrganisationDirectory(options, includeDemoStaff: false);
        Assert.NotNull(options.Staff[0].PasswordHash);

        options.Staff[0].Hall = "qy";
        options.Staff[0].PasswordHash = StaffPasswordHash.Hash("other", 1_000);

        Assert.Equal("gz", directory.FindStaff("li")!.Hall);
        Assert.True(directory.CheckPassword("li", "pw"));
    }

    [Theory]
    [InlineData(StaffRoles.Clerk, "hk", null, null, "needs a known hall")]
    [InlineData(StaffRoles.Clerk, "gz", "window-99", null, "does not have")]
    [InlineData(StaffRoles.Manager, null, null, null, "needs a known hall")]
    [InlineData(StaffRoles.Reviewer, null, null, "tax", "needs a known department")]
    [InlineData(StaffRoles.Coordinator, null, null, null, "needs a district")]
    [InlineData("auditor", null, null, null, "has role 'auditor'")]
    public void AnAccountOutsideItsRolesScopeStopsTheDirectoryBeingBuilt(
        string role, string? hall, string? window, string? department, string expected)
    {
        var options = new OrganisationOptions
        {
            Staff = [new StaffAccount { Username = "x", Role = role, Hall = hall, Window = window, Department = department }],
        };

        var error = Assert.Throws<InvalidOperationException>(() => new OrganisationDirectory(options, includeDemoStaff: false));

        Assert.Contains("Staff account 'x'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void DuplicateHallsAndCrossCityWindowsWithoutAPartnerAreRefused()
    {
        var options = new OrganisationOptions
        {
            Halls =
            [
                new Hall { Code = "gz", Windows = [new Window { Code = "x", Channel = ServiceChannels.CrossCity }] },
                new Hall { Code = "GZ" },
            ],
        };

        var error = Assert.Throws<InvalidOperationException>(() => new OrganisationDirectory(options, includeDemoStaff: false));

        Assert.Contains("Hall 'GZ' is listed twice", error.Message);
        Assert.Contains("without a partner city", error.Message);
    }

    [Fact]
    public void TheHostingExtensionBindsTheConfigurationSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ServiceHall:Organisation:DemoPassword"] = "demo-2026",
                ["ServiceHall:Organisation:Staff:0:Username"] = "zhang.wei",
                ["ServiceHall:Organisation:Staff:0:DisplayName"] = "张伟",
                ["ServiceHall:Organisation:Staff:0:Role"] = "clerk",
                ["ServiceHall:Organisation:Staff:0:Hall"] = "qy",
                ["ServiceHall:Organisation:Staff:0:Window"] = "qy-gz",
                ["ServiceHall:Organisation:Staff:0:Password"] = "pw-zw",
            })
            .Build();
        using var services = new ServiceCollection()
            .AddServiceHallOrganisation(configuration.GetSection(OrganisationOptions.SectionName), includeDemoStaff: true)
            .BuildServiceProvider();

        var directory = services.GetRequiredService<OrganisationDirectory>();

        Assert.Same(directory, services.GetRequiredService<OrganisationDirectory>());
        Assert.Equal(["gz", "qy", "mz"], directory.Halls.Select(h => h.Code));
        Assert.Equal("qy-gz", directory.FindStaff("zhang.wei")!.Window);
        Assert.True(directory.CheckPassword("zhang.wei", "pw-zw"));
        Assert.True(directory.CheckPassword("manager", "demo-2026"));
    }
}
