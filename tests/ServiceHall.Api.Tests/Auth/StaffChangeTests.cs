using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// Issue 18, finding 8: a token carries the staff record it was issued for. When an operator changes the account's
/// scope or role (configuration, then a restart), tokens issued before are refused, though the signing key is the same.
/// </summary>
public sealed class StaffChangeTests
{
    [Fact]
    public async Task ARescopedAccountsEarlierTokensAreRefusedAfterTheRestart()
    {
        using var data = new TemporaryFolder("servicehall-staff-change");
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        string token;
        await using (var before = await StartAsync(data.Path, signingKey, hall: "gz"))
        {
            using var clerk = await new ApiClient(before.BaseUrl).SignInAsync("wu.clerk");
            token = clerk.AccessToken!;
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(before.BaseUrl, token));
        }

        await using var after = await StartAsync(data.Path, signingKey, hall: "qy");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(after.BaseUrl, token));
        using var again = await new ApiClient(after.BaseUrl).SignInAsync("wu.clerk");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(after.BaseUrl, again.AccessToken!));
    }

    private static async Task<SiloProcess> StartAsync(string dataFolder, string signingKey, string hall)
    {
        var silo = SiloProcess.StartBuilt(FreePort.Next(),
        [
            SiloProcess.DemoMode,
            $"--ServiceHall:DataFolder={dataFolder}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            $"--ServiceHall:Auth:SigningKey={signingKey}",
            "--ServiceHall:Organisation:Staff:0:Username=wu.clerk",
            "--ServiceHall:Organisation:Staff:0:DisplayName=吴",
            "--ServiceHall:Organisation:Staff:0:Role=clerk",
            $"--ServiceHall:Organisation:Staff:0:Hall={hall}",
            "--ServiceHall:Organisation:Staff:0:Window=general-1",
            $"--ServiceHall:Organisation:Staff:0:Password={ApiClient.DemoPassword}",
        ]);
        try
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(string baseUrl, string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
