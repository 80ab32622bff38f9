using System.Net;

namespace ServiceHall.Api.Tests;

/// <summary>A tracking code reaches its own case, masked, and nothing else.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class ApplicantIsolationTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task ATrackingCodeShowsOnlyItsOwnCaseWithPersonalDataMasked()
    {
        var first = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002", applicant: 0));
        var second = await _walker.OpenAsync(CaseWalker.Application("GZ-YJGL-001", applicant: 1));

        var mine = await _walker.Anonymous.GetAsync($"/api/track/{first["trackingCode"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal(CaseWalker.Id(first), CaseWalker.Id(mine.Json));
        Assert.Equal("张*丰", mine.Json["applicant"]!["name"]!.GetValue<string>());
        Assert.Equal("110105********002X", mine.Json["applicant"]!["idNumber"]!.GetValue<string>());
        Assert.Equal("138****8000", mine.Json["applicant"]!["phone"]!.GetValue<string>());
        // Staff appear by role only, never by user name.
        Assert.All(mine.Json["journal"]!.AsArray(), e => Assert.Equal(e!["role"]!.GetValue<string>(), e["actor"]!.GetValue<string>()));
        Assert.All(mine.Json["availableActions"]!.AsArray(), a => Assert.Equal("applicant", a!["role"]!.GetValue<string>()));

        var theirs = await _walker.Anonymous.GetAsync($"/api/track/{second["trackingCode"]!.GetValue<string>()}");
        Assert.Equal(CaseWalker.Id(second), CaseWalker.Id(theirs.Json));
        Assert.NotEqual(CaseWalker.Id(mine.Json), CaseWalker.Id(theirs.Json));

        // Neither a case id, a case number nor a lower-cased or altered code opens anything.
        foreach (var probe in new[] { CaseWalker.Id(first), first["number"]!.GetValue<string>(), Altered(first["trackingCode"]!.GetValue<string>()) })
        {
            var reply = await _walker.Anonymous.GetAsync($"/api/track/{probe}");
            Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        }

        var staffOnly = await _walker.Anonymous.GetAsync($"/api/cases/{CaseWalker.Id(first)}");
        Assert.Equal(HttpStatusCode.Unauthorized, staffOnly.Status);
        var withdrawOther = await _walker.Anonymous.PostAsync($"/api/track/{Altered(first["trackingCode"]!.GetValue<string>())}/actions/withdraw", new { reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, withdrawOther.Status);
    }

    private static string Altered(string code) => (code[0] == 'Z' ? 'Y' : 'Z') + code[1..];
}
