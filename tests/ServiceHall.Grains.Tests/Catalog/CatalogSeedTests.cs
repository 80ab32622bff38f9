using ServiceHall.Grains.Catalog;
using ServiceHall.Workflows.Shipped;

namespace ServiceHall.Grains.Tests.Catalog;

public sealed class CatalogSeedTests(CatalogClusterFixture fixture) : IClassFixture<CatalogClusterFixture>
{
    [Fact]
    public async Task ANewCatalogueHoldsAtLeastFortyItemsFromAtLeastEightDepartments()
    {
        var catalog = fixture.NewCatalog();

        var items = await catalog.GetItemsAsync();
        var departments = await catalog.GetDepartmentsAsync();

        Assert.True(items.Count >= 40, $"expected at least 40 seeded items, found {items.Count}");
        Assert.True(items.Select(i => i.Department).Distinct().Count() >= 8,
            $"expected items from at least 8 departments, found {items.Select(i => i.Department).Distinct().Count()}");
        Assert.True(departments.Count(d => d.City == "guangzhou") >= 8);
        Assert.Equal(CatalogSeed.Items.Count, items.Count);
    }

    [Fact]
    public async Task ItemsComeSortedByCodeAndEveryCodeIsUnique()
    {
        var codes = (await fixture.NewCatalog().GetItemsAsync()).Select(i => i.Code).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task EveryItemRunsAShippedWorkflowAndNamesAListedDepartment()
    {
        var catalog = fixture.NewCatalog();
        var departments = (await catalog.GetDepartmentsAsync()).Select(d => d.Code).ToHashSet();

        foreach (var item in await catalog.GetItemsAsync())
        {
            Assert.True(ShippedDefinitions.DefinitionIds.Contains(item.WorkflowDefinitionId),
                $"{item.Code} runs '{item.WorkflowDefinitionId}', which is not a shipped definition");
            Assert.True(departments.Contains(item.Department), $"{item.Code} names unknown department '{item.Department}'");
        }
    }

    [Fact]
    public async Task ChannelsAgreeWithTheWorkflowEachItemRuns()
    {
        foreach (var item in await fixture.NewCatalog().GetItemsAsync())
        {
            var expected = item.WorkflowDefinitionId switch
            {
                ShippedDefinitions.CrossCityCaseId => ServiceChannels.CrossCity,
                ShippedDefinitions.KeyProjectCaseId => ServiceChannels.KeyProject,
                ShippedDefinitions.InstantCaseId => ServiceChannels.Instant,
                _ => null,
            };
            if (expected is null)
            {
                Assert.DoesNotContain(ServiceChannels.Instant, item.Channels);
                Assert.DoesNotContain(ServiceChannels.CrossCity, item.Channels);
                Assert.DoesNotContain(ServiceChannels.KeyProject, item.Channels);
            }
            else
            {
                Assert.Contains(expected, item.Channels);
            }
        }
    }

    [Fact]
    public async Task EverySeededItemPassesTheGrainsOwnValidationUnchanged()
    {
        var catalog = fixture.NewCatalog();

        foreach (var item in await catalog.GetItemsAsync())
        {
            var stored = await catalog.PutItemAsync(item);
            Assert.Equal(CatalogClusterFixture.Json(item), CatalogClusterFixture.Json(stored));
        }
    }

    [Fact]
    public async Task DomesticCompanyEstablishmentIsAnInstantOneDayItemWithTheIdCardCopyWaived()
    {
        var item = await fixture.NewCatalog().GetItemAsync("GZ-SCJG-001");

        Assert.NotNull(item);
        Assert.Equal("内资公司设立登记", item.NameZh);
        Assert.Equal("market-regulation", item.Department);
        Assert.Equal(1, item.TimeLimitDays);
        Assert.Equal(ShippedDefinitions.InstantCaseId, item.WorkflowDefinitionId);
        Assert.Equal([ServiceChannels.Window, ServiceChannels.Instant, ServiceChannels.Online], item.Channels);
        Assert.Equal(MaterialWaivers.IdCard, Assert.Single(item.Materials, m => m.Code == "shareholder-id-copy").Waiver);
    }

    [Theory]
    [InlineData("GZ-YJGL-001", "危险化学品经营许可证新办", "emergency-management")]
    [InlineData("GZ-ZJ-001", "建筑业企业资质核准", "housing-construction")]
    [InlineData("GZ-ZJ-002", "建设工程质量检测机构资质核准", "housing-construction")]
    [InlineData("GZ-SPYP-001", "食品经营许可证新办", "food-drug")]
    [InlineData("GZ-NY-001", "农药经营许可证核发", "agriculture-rural")]
    public async Task LicenceItemsWaiveTheBusinessLicenceCopyForTheElectronicLicence(string code, string nameZh, string department)
    {
        var item = await fixture.NewCatalog().GetItemAsync(code);

        Assert.NotNull(item);
        Assert.Equal(nameZh, item.NameZh);
        Assert.Equal(department, item.Department);
        Assert.Equal(ShippedDefinitions.StandardCaseId, item.WorkflowDefinitionId);
        Assert.Contains(ServiceChannels.Window, item.Channels);
        Assert.Equal(MaterialWaivers.ELicence, Assert.Single(item.Materials, m => m.Code == "business-licence-copy").Waiver);
    }

    [Fact]
    public async Task EveryIdCardCopyIsWaivedAndEveryBusinessLicenceCopyTakesTheElectronicLicence()
    {
        var materials = (await fixture.NewCatalog().GetItemsAsync()).SelectMany(i => i.Materials).ToList();

        Assert.All(materials.Where(m => m.NameZh.Contains("身份证复印件")), m => Assert.Equal(MaterialWaivers.IdCard, m.Waiver));
        Assert.All(materials.Where(m => m.NameZh.Contains("营业执照复印件")), m => Assert.Equal(MaterialWaivers.ELicence, m.Waiver));
    }

    [Fact]
    public async Task CrossCityAndKeyProjectItemsExist()
    {
        var items = await fixture.NewCatalog().GetItemsAsync();

        var crossCity = items.Where(i => i.WorkflowDefinitionId == ShippedDefinitions.CrossCityCaseId).ToList();
        var keyProject = items.Where(i => i.WorkflowDefinitionId == ShippedDefinitions.KeyProjectCaseId).ToList();
        Assert.True(crossCity.Count >= 3, $"expected several cross-city items, found {crossCity.Count}");
        Assert.True(keyProject.Count >= 3, $"expected several key-project items, found {keyProject.Count}");
        Assert.Contains(keyProject, i => i.Code == "GZ-FGW-001" && i.NameZh == "企业投资项目核准");
        Assert.Contains(crossCity, i => i.Code == "GZ-SCJG-101" && i.Department == "market-regulation");
    }

    [Fact]
    public async Task EachCrossCityDepartmentHasACounterpartInBothPartnerCities()
    {
        var catalog = fixture.NewCatalog();
        var departments = (await catalog.GetDepartmentsAsync()).ToDictionary(d => d.Code);

        foreach (var item in (await catalog.GetItemsAsync()).Where(i => i.Channels.Contains(ServiceChannels.CrossCity)))
        {
            Assert.Equal("qingyuan", departments["qy-" + item.Department].City);
            Assert.Equal("meizhou", departments["mz-" + item.Department].City);
        }
    }

    [Fact]
    public async Task ItemLookupIgnoresCaseAndAnUnknownCodeIsNull()
    {
        var catalog = fixture.NewCatalog();

        Assert.Equal("GZ-YJGL-001", (await catalog.GetItemAsync("gz-yjgl-001"))?.Code);
        Assert.Null(await catalog.GetItemAsync("GZ-NONE-999"));
    }
}
