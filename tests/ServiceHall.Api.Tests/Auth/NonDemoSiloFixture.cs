using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// A silo started as an operator starts one (<c>dotnet ServiceHall.Silo.dll</c>, Production environment, no demo
/// setting): its only accounts are a clerk configured with a hash from the <c>hash-password</c> command and the admin
/// created at first start.
/// </summary>
public sealed class NonDemoSiloFixture : IAsyncLifetime
{
    public const string ClerkUsername = "li.na";
    public const string ClerkPassword = "窗口-Chuang-2026!";

    private readonly TemporaryFolder _data = new("servicehall-nondemo");
    private SiloProcess? _silo;

    public string BaseUrl => _silo!.BaseUrl;

    public string DataFolder => _data.Path;

    /// <summary>The silo's second address, the only one the dashboard answers on.</summary>
    public string DashboardUrl { get; private set; } = "";

    public string Output => _silo!.Output;

    public string ClerkPasswordHash { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ClerkPasswordHash = await HashPasswordAsync(ClerkPassword);
        var httpPort = FreePort.Next();
        var dashboardPort = FreePort.Next();
        DashboardUrl = $"http://127.0.0.1:{dashboardPort}";
        _silo = SiloProcess.StartBuilt(httpPort,
        [
            "--environment=Production",
            // As the chart runs it: the dashboard on a port of its own beside the public one.
            $"--urls=http://127.0.0.1:{httpPort};{DashboardUrl}",
            $"--ServiceHall:Dashboard:Port={dashboardPort}",
            $"--ServiceHall:DataFolder={_data.Path}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            $"--ServiceHall:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--ServiceHall:Organisation:Staff:0:Username={ClerkUsername}",
            "--ServiceHall:Organisation:Staff:0:DisplayName=李娜",
            "--ServiceHall:Organisation:Staff:0:Role=clerk",
            "--ServiceHall:Organisation:Staff:0:Hall=gz",
            "--ServiceHall:Organisation:Staff:0:Window=general-2",
            $"--ServiceHall:Organisation:Staff:0:PasswordHash={ClerkPasswordHash}",
        ]);
        await _silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _data.Dispose();
    }

    /// <summary>The first-start admin's password, as the operator reads it from the data folder.</summary>
    public async Task<string> FirstAdminPasswordAsync()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(DataFolder, "initial-admin-password.txt"));
        var line = text.Split('\n').Single(l => l.StartsWith("password: ", StringComparison.Ordinal));
        return line["password: ".Length..].Trim();
    }

    /// <summary>A bearer token for a user of this silo, or fails.</summary>
    public async Task<string> TokenAsync(string username, string password)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {username}: {(int)response.StatusCode} {body}");
        return System.Text.Json.Nodes.JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
    }

    /// <summary>The operator's way to a hash: the password on standard input, the hash on standard output.</summary>
    public static async Task<string> HashPasswordAsync(string password)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        start.ArgumentList.Add("hash-password");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(password);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("hash-password did not exit within a minute.");
        }

        Assert.True(process.ExitCode == 0, $"hash-password exited with {process.ExitCode}: {await error}");
        var hash = (await output).Trim();
        Assert.DoesNotContain(password, hash);
        return hash;
    }
}

[CollectionDefinition(Name)]
public sealed class NonDemoApiCollection : ICollectionFixture<NonDemoSiloFixture>
{
    public const string Name = "non-demo-api";
}
