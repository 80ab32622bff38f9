using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// Issue 18, finding 2: outside demo mode nobody signs in with the published demo password, the sign-in page lists no
/// demo accounts, and the only accounts are those configured (with a hash) and the first-start admin, whose one-time
/// password is in a file of the data folder and in no log line.
/// </summary>
[Collection(NonDemoApiCollection.Name)]
public sealed class NonDemoModeTests(NonDemoSiloFixture silo)
{
    [Theory]
    [InlineData("admin")]
    [InlineData("clerk")]
    [InlineData("reviewer")]
    [InlineData("designer")]
    public async Task TheDemoAccountsDoNotExist(string username)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(username, ApiClient.DemoPassword));
    }

    [Fact]
    public async Task TheSignInPageListsNoDemoAccounts()
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        var page = await http.GetStringAsync("/login");

        Assert.Contains("name=\"password\"", page);
        Assert.DoesNotContain("演示账号", page);
        Assert.DoesNotContain("密码 servicehall", page);
    }

    [Fact]
    public async Task TheFirstStartAdminSignsInWithThePasswordWrittenToTheDataFolderAndNoPasswordIsLogged()
    {
        var file = Path.Combine(silo.DataFolder, "initial-admin-password.txt");
        var password = await silo.FirstAdminPasswordAsync();
        Assert.True(password.Length >= 20, "a long random password");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password });
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("admin", body!.Role);

        var log = silo.Output;
        Assert.Contains("initial-admin-password.txt", log);
        Assert.DoesNotContain(password, log);
        Assert.DoesNotContain(NonDemoSiloFixture.ClerkPassword, log);
        Assert.DoesNotContain(silo.ClerkPasswordHash, log);
        Assert.DoesNotContain("password " + ApiClient.DemoPassword, log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AStaffAccountConfiguredWithAHashFromTheHashPasswordCommandSignsIn()
    {
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(NonDemoSiloFixture.ClerkUsername, NonDemoSiloFixture.ClerkPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(NonDemoSiloFixture.ClerkUsername, silo.ClerkPasswordHash));
    }

    private async Task<HttpStatusCode> SignInStatusAsync(string username, string password)
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password });
        return response.StatusCode;
    }

    private sealed record TokenBody(string AccessToken, string Role);
}
