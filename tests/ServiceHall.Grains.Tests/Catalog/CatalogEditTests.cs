using ServiceHall.Grains.Catalog;
using static ServiceHall.Grains.Tests.Catalog.CatalogClusterFixture;

namespace ServiceHall.Grains.Tests.Catalog;

public sealed class CatalogEditTests(CatalogClusterFixture fixture) : IClassFixture<CatalogClusterFixture>
{
    private const string Company = "GZ-SCJG-001";

    private static readonly RequiredMaterial Form = new() { Code = "application-form", NameZh = "申请书", NameEn = "Application form" };

    private static ServiceItem NewItem(string code = "GZ-TEST-001") => new()
    {
        Code = code,
        NameZh = "测试事项",
        NameEn = "Test item",
        Department = "commerce",
        Materials = [Form, new RequiredMaterial { Code = "id-card-copy", NameZh = "身份证复印件", NameEn = "ID card copy", Waiver = MaterialWaivers.IdCard }],
        TimeLimitDays = 5,
        Channels = [ServiceChannels.Window, ServiceChannels.Online],
        WorkflowDefinitionId = "servicehall-standard",
    };

    [Fact]
    public async Task APutItemIsStoredAndSurvivesDeactivation()
    {
        var catalog = fixture.NewCatalog();
        var seeded = (await catalog.GetItemsAsync()).Count;

        var stored = await catalog.PutItemAsync(NewItem());
        await fixture.Cluster.DeactivateAsync(catalog);

        Assert.Equal(Json(NewItem()), Json(stored));
        Assert.Equal(Json(stored), Json(await catalog.GetItemAsync("GZ-TEST-001")));
        Assert.Equal(seeded + 1, (await catalog.GetItemsAsync()).Count);
    }

    [Fact]
    public async Task PuttingAnExistingCodeReplacesTheItemWhateverTheCaseOfTheCode()
    {
        var catalog = fixture.NewCatalog();
        var seeded = (await catalog.GetItemsAsync()).Count;
        var original = (await catalog.GetItemAsync(Company))!;

        var stored = await catalog.PutItemAsync(original with { Code = "gz-scjg-001", TimeLimitDays = 2 });

        Assert.Equal(Company, stored.Code);
        Assert.Equal(2, (await catalog.GetItemAsync(Company))!.TimeLimitDays);
        Assert.Equal(seeded, (await catalog.GetItemsAsync()).Count);
    }

    [Fact]
    public async Task TheSeedIsWrittenOnceSoAnAdminsEditSurvivesReactivation()
    {
        var catalog = fixture.NewCatalog();
        var original = (await catalog.GetItemAsync(Company))!;
        var edited = original with { NameEn = "Company establishment (edited)", Channels = [ServiceChannels.Instant] };

        await catalog.PutItemAsync(edited);
        await fixture.Cluster.DeactivateAsync(catalog);

        var reread = await catalog.GetItemAsync(Company);
        Assert.Equal(Json(edited), Json(reread));
        Assert.Equal(CatalogSeed.Items.Count, (await catalog.GetItemsAsync()).Count);
    }

    public static TheoryData<string> Rules => [.. BrokenItems.Keys];

    // Each case breaks exactly one rule of an item that is otherwise valid, keyed by the field the error must name.
    private static readonly Dictionary<string, (string Field, Func<ServiceItem, ServiceItem> Break)> BrokenItems = new()
    {
        ["empty code"] = ("code", i => i with { Code = "" }),
        ["code with spaces"] = ("code", i => i with { Code = "GZ SCJG 001" }),
        ["code of one segment"] = ("code", i => i with { Code = "GZSCJG001" }),
        ["blank Chinese name"] = ("nameZh", i => i with { NameZh = "  " }),
        ["empty English name"] = ("nameEn", i => i with { NameEn = "" }),
        ["unknown department"] = ("department", i => i with { Department = "tax" }),
        ["zero time limit"] = ("timeLimitDays", i => i with { TimeLimitDays = 0 }),
        ["time limit over a year"] = ("timeLimitDays", i => i with { TimeLimitDays = 366 }),
        ["no channel"] = ("channels", i => i with { Channels = [] }),
        ["unknown channel"] = ("channels[1]", i => i with { Channels = [ServiceChannels.Window, "fax"] }),
        ["channel twice"] = ("channels[1]", i => i with { Channels = [ServiceChannels.Window, ServiceChannels.Window] }),
        ["material code twice"] = ("materials[1].code", i => i with { Materials = [Form, Form] }),
        ["material code not kebab-case"] = ("materials[0].code", i => i with { Materials = [Form with { Code = "Application Form" }] }),
        ["material without Chinese name"] = ("materials[0].nameZh", i => i with { Materials = [Form with { NameZh = "" }] }),
        ["unknown waiver"] = ("materials[0].waiver", i => i with { Materials = [Form with { Waiver = "stamp" }] }),
        ["empty workflow definition"] = ("workflowDefinitionId", i => i with { WorkflowDefinitionId = " " }),
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task ABrokenRuleIsRefusedNamingTheFieldAndLeavesTheCatalogueUnchanged(string rule)
    {
        var (field, breakItem) = BrokenItems[rule];
        var catalog = fixture.NewCatalog();
        var before = Json(await catalog.GetItemsAsync());
        var original = (await catalog.GetItemAsync(Company))!;

        var error = await Assert.ThrowsAsync<CatalogValidationException>(() => catalog.PutItemAsync(breakItem(original)));

        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(before, Json(await catalog.GetItemsAsync()));
        await fixture.Cluster.DeactivateAsync(catalog);
        Assert.Equal(before, Json(await catalog.GetItemsAsync()));
    }

    [Fact]
    public async Task DepartmentsComeSortedWithChineseAndEnglishNames()
    {
        var departments = await fixture.NewCatalog().GetDepartmentsAsync();

        Assert.Equal(departments.Select(d => d.Code).Order(StringComparer.Ordinal), departments.Select(d => d.Code));
        Assert.Contains(departments, d => d is { Code: "emergency-management", NameZh: "广州市应急管理局" });
        Assert.All(departments, d => Assert.False(string.IsNullOrWhiteSpace(d.NameZh) || string.IsNullOrWhiteSpace(d.NameEn)));
    }
}
