using System.Net;
using ServiceHall.TestSupport;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 22 item 2 at the counter: an application with several mistakes (a window the hall does not have, a pickup hall
/// that does not exist; materials the item does not ask for) is refused once, naming every one, and opens nothing.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class CaseOpeningAllErrorsTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task APlacementWithTwoMistakesNamesBothAndOpensNothing()
    {
        var clerk = await _walker.AsAsync("clerk");
        var before = await CountAsync(clerk);

        var reply = await clerk.PostAsync("/api/cases",
            CaseWalker.Application("GZ-SCJG-002", window: "no-such-window", delivery: new { method = "window", hall = "no-such-hall" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        var fields = reply.Json["errors"]!.AsObject().Select(e => e.Key).Order().ToList();
        Assert.Equal(["delivery.hall", "window"], fields);
        Assert.Equal(before, await CountAsync(clerk));
    }

    [Fact]
    public async Task TwoMaterialsTheItemDoesNotAskForAreBothNamed()
    {
        var clerk = await _walker.AsAsync("clerk");
        var before = await CountAsync(clerk);

        var reply = await clerk.PostAsync("/api/cases", new
        {
            serviceItemCode = "GZ-SCJG-002",
            channel = "window",
            applicant = new { name = "张三丰", idNumber = ApiClient.ValidIdNumbers[0], phone = "13800138000" },
            materials = new[] { new { code = "no-such-material", form = "original" }, new { code = "another-unknown", form = "copy" } },
            delivery = new { method = "window" },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        var fields = reply.Json["errors"]!.AsObject().Select(e => e.Key).Order().ToList();
        Assert.Equal(["materials[0].code", "materials[1].code"], fields);
        Assert.Equal(before, await CountAsync(clerk));
    }

    private static async Task<int> CountAsync(ApiClient clerk) =>
        (await clerk.GetAsync("/api/cases")).Json["total"]!.GetValue<int>();
}
