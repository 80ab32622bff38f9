using System.Net;

namespace ServiceHall.Api.Tests.Operations;

/// <summary><c>GET /api/admin/retention</c> on the real silo: admins read the retention setting and log, nobody else does.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class RetentionLogApiTests(SiloFixture silo) : IDisposable
{
    private const string Path = "/api/admin/retention";
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task AdminsReadTheRetentionSettingAndLogAndOthersAreRefused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _walker.Anonymous.GetAsync(Path)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _walker.AsAsync("clerk")).GetAsync(Path)).Status);

        // The job schedules its first run once the silo is active, which may be just after it answers HTTP.
        var admin = await _walker.AsAsync("admin");
        var log = await Eventually.UntilAsync(() => admin.GetAsync(Path), l => l.Status != HttpStatusCode.OK || l.Json["nextRunAt"] is not null,
            "the retention job scheduled its first run");
        Assert.True(log.Status == HttpStatusCode.OK, log.ToString());
        Assert.Equal(30, log.Json["years"]!.GetValue<int>());
        // Other tests on this silo may move its test clock past a run; none of their cases is decades old.
        Assert.All(log.Json["runs"]!.AsArray(), run => Assert.Equal(0, run!["purged"]!.GetValue<int>()));
    }
}
