using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 21, 南沙专窗 as the reform report describes it: the municipal hall's Nansha window takes Nansha district
/// business — 内资独资公司设立 and the hazardous-chemicals licence among it — and the district's departments review it.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class NanshaWindowTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task NanshaCompanySetUpIsTakenAtTheNanshaWindowAndReviewedByTheDistrictsDepartment()
    {
        var item = (await _walker.Anonymous.GetAsync("/api/catalog/items/GZ-NS-001")).Json;
        Assert.Equal(("南沙区内资独资公司设立登记", "ns-market-regulation"), (item["nameZh"]!.GetValue<string>(), item["department"]!.GetValue<string>()));
        Assert.Equal(["nansha"], item["channels"]!.AsArray().Select(c => c!.GetValue<string>()));

        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-NS-001", channel: "nansha"), "clerk-nansha");
        var id = CaseWalker.Id(opened);
        Assert.Equal(["ns-market-regulation"], opened["reviewDepartments"]!.AsArray().Select(d => d!.GetValue<string>()));
        await _walker.ActAsync(id, "clerk-nansha", "accept");

        // The city's market-regulation reviewer is not the Nansha district's.
        var cityReviewer = await (await _walker.AsAsync("reviewer")).PostAsync($"/api/cases/{id}/actions/pass", new { });
        Assert.Equal(HttpStatusCode.Forbidden, cityReviewer.Status);
        await _walker.ActAsync(id, "reviewer-ns-market-regulation", "pass");
        await _walker.ActAsync(id, "reviewer-ns-market-regulation", "approve", new { opinion = "同意" });
        await _walker.ActAsync(id, "clerk-nansha", "issue-certificate", new { form = "paper" });
        Assert.Equal("completed", CaseWalker.Status(await _walker.ActAsync(id, "clerk-nansha", "picked-up", new { collector = "agent", by = "李四", idNumber = "11010519491231002X" })));
    }

    [Fact]
    public async Task TheHazardousChemicalsLicenceGoesToNanshasEmergencyBureauAtTheNanshaWindowAndTheCitysElsewhere()
    {
        var atNansha = await _walker.OpenAsync(CaseWalker.Application("GZ-YJGL-001", channel: "nansha"), "clerk-nansha");
        var atGeneral = await _walker.OpenAsync(CaseWalker.Application("GZ-YJGL-001", channel: "window"));

        Assert.Equal(["ns-emergency-management"], atNansha["reviewDepartments"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["emergency-management"], atGeneral["reviewDepartments"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public async Task TheCatalogueRefusesTheNanshaChannelForADepartmentNanshaHasNot()
    {
        var admin = await _walker.AsAsync("admin");
        var before = (await admin.GetAsync("/api/catalog/items/GZ-GHZY-001")).Json;
        var edited = before.DeepClone().AsObject();
        edited["channels"] = new JsonArray("key-project", "nansha");

        var refused = await admin.PutAsync("/api/catalog/items/GZ-GHZY-001", edited);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "channels[1]"), (refused.Status, refused.Field));
        Assert.Equal(before.ToJsonString(), (await admin.GetAsync("/api/catalog/items/GZ-GHZY-001")).Json.ToJsonString());
    }
}
