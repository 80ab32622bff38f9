using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ServiceHall.TestSupport;
using Xunit.Abstractions;

namespace ServiceHall.Host.Tests;

/// <summary>The README's run command, exactly (plus free ports and a temp data folder), from the repository root.</summary>
public sealed class ReadmeRunCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DotnetRunProjectSiloAnswersReadyAndKeepsItsSigningKeysAcrossRestarts()
    {
        using var data = new TemporaryFolder("servicehall-readme");
        string[] settings =
        [
            $"--ServiceHall:DataFolder={data.Path}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
        ];
        var keyFile = Path.Combine(data.Path, "keys", "token-signing.key");
        var certificateKeyFile = Path.Combine(data.Path, "keys", "certificate-signing.pem");

        string firstKey, firstCertificateKey;
        (long StartTicks, long Version)? sweep;
        await using (var silo = StartReadmeCommand(settings))
        {
            var ready = await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(4));
            output.WriteLine($"dotnet run --project silo: ready after {ready.TotalSeconds:F1} s (includes the incremental build)");
            Assert.True(File.Exists(Path.Combine(data.Path, "servicehall.db")), "the embedded database is in the data folder");
            firstKey = await File.ReadAllTextAsync(keyFile);
            firstCertificateKey = await File.ReadAllTextAsync(certificateKeyFile);
            await AssertOperationsEndpointsAnswerAsync(silo.BaseUrl);

            // The product's silo registers the SLA sweep's one reminder once it is active (test clusters sweep by hand).
            sweep = await Eventually.UntilAsync(() => SweepReminderAsync(data.Path), row => row is not null, "the SLA sweep's reminder registered");
        }

        await using (var again = StartReadmeCommand(settings))
        {
            await again.WaitUntilReadyAsync(TimeSpan.FromMinutes(4));
            Assert.Equal(firstKey, await File.ReadAllTextAsync(keyFile));
            Assert.Equal(firstCertificateKey, await File.ReadAllTextAsync(certificateKeyFile));
            // Kept as it was, not registered again (which would push its next tick back at every start). Ready comes
            // before the silo's Active-stage participants run, so the check waits for the start's own log line.
            await Eventually.UntilAsync(() => Task.FromResult(again.Output), output => output.Contains("SLA sweep: its reminder", StringComparison.Ordinal),
                "the restarted silo's SLA sweep start");
            Assert.Contains("SLA sweep: its reminder was registered already", again.Output);
            Assert.Equal(sweep, await SweepReminderAsync(data.Path));
        }
    }

    /// <summary>The SLA sweep's reminder row (its first tick and version), or null before it is registered.</summary>
    private static async Task<(long StartTicks, long Version)?> SweepReminderAsync(string dataFolder)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "servicehall.db"), Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT start_ticks, version FROM reminders WHERE reminder_name = 'sla-sweep';";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private static async Task AssertOperationsEndpointsAnswerAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        Assert.Contains("Healthy", await http.GetStringAsync("/health/live"));
        Assert.Contains("\"openapi\"", await http.GetStringAsync("/openapi/v1.json"));
        // Scalar and the dashboard must serve their own assets: the hall's network reaches no CDN.
        var scalar = await http.GetStringAsync("/scalar/");
        Assert.Contains("scalar.js", scalar);
        Assert.DoesNotContain("cdn.", scalar, StringComparison.OrdinalIgnoreCase);

        // `dotnet run` starts in Development (silo/Properties/launchSettings.json), which is demo mode: the README's
        // demo admin signs in, and only an admin sees the dashboard.
        using (var anonymous = await http.GetAsync("/dashboard/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var signIn = await http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "servicehall" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var token = JsonNode.Parse(await signIn.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var dashboard = await http.GetStringAsync("/dashboard/");
        Assert.Contains("index.min.js", dashboard);
        using var script = await http.GetAsync("/dashboard/index.min.js");
        Assert.True(script.IsSuccessStatusCode, $"dashboard script: {(int)script.StatusCode}");
    }

    private static SiloProcess StartReadmeCommand(string[] settings) =>
        SiloProcess.Start(
            "dotnet", ["run", "--project", "silo", "--configuration", RepositoryPaths.Configuration, "--"],
            RepositoryPaths.Root, FreePort.Next(), settings);
}
