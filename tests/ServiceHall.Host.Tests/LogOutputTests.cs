using System.Text.Json;
using ServiceHall.TestSupport;

namespace ServiceHall.Host.Tests;

/// <summary>
/// The silo's console log: one readable line per event when asked (the switch), JSON lines when stdout is no terminal
/// and nothing is asked, and request lines that never show a tracking code or search text.
/// </summary>
public sealed class LogOutputTests
{
    private const string TrackingCode = "K7Q2M9XW4PZZ";
    private const string ApplicantName = "张三丰";

    [Fact]
    public async Task TheSwitchChoosesReadableSingleLinesAndTheRequestLineMasksTheTrackingCode()
    {
        using var data = new TemporaryFolder("servicehall-logs");
        await using var silo = Start(data, "--Logging:Console:FormatterName=simple");
        await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));

        var requestLine = await RequestTrackingPageAsync(silo);

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: Microsoft\.AspNetCore\.HttpLogging", requestLine);
        Assert.Contains("/api/track/****?q=***", requestLine);
        AssertNothingPersonal(silo.Output);
        // One event, one line: the start-up banner's category and message share a line.
        Assert.Contains(Lines(silo.Output), line => line.Contains("info: ServiceHall.Silo") && line.Contains("Listening on"));
        Assert.DoesNotContain(Lines(silo.Output), line => line.TrimStart().StartsWith('{'));
    }

    [Fact]
    public async Task WithoutTheSwitchAPipedSiloWritesJsonLinesAndTheRequestLineMasksTheTrackingCode()
    {
        using var data = new TemporaryFolder("servicehall-logs");
        // Empty overrides the test harness's own "simple": the silo decides, and its stdout is a pipe.
        await using var silo = Start(data, "--Logging:Console:FormatterName=");
        await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));

        var requestLine = await RequestTrackingPageAsync(silo);

        using var request = JsonDocument.Parse(requestLine);
        Assert.Equal("Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware", request.RootElement.GetProperty("Category").GetString());
        Assert.Contains("/api/track/****?q=***", request.RootElement.GetProperty("Message").GetString());
        AssertNothingPersonal(silo.Output);
        foreach (var line in Lines(silo.Output).Where(line => line.StartsWith('{')))
        {
            using var _ = JsonDocument.Parse(line);
        }

        Assert.Contains(Lines(silo.Output), line => line.StartsWith("{\"Timestamp\"") && line.Contains("\"Category\":\"ServiceHall.Silo\""));
    }

    private static SiloProcess Start(TemporaryFolder data, string formatter) => SiloProcess.StartBuilt(FreePort.Next(),
    [
        $"--ServiceHall:DataFolder={data.Path}",
        $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
        $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
        // The request log is off by default; an operator turns it on by its category.
        "--Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Information",
        formatter,
    ]);

    /// <summary>An applicant's tracker request with a search text beside it; returns the silo's request line for it.</summary>
    private static async Task<string> RequestTrackingPageAsync(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var response = await http.GetAsync($"/api/track/{TrackingCode}?q={Uri.EscapeDataString(ApplicantName)}");
        return await Eventually.UntilAsync(
            () => Task.FromResult(Lines(silo.Output).FirstOrDefault(line => line.Contains("/api/track/"))),
            line => line is not null,
            "the request line of GET /api/track/{code}") ?? "";
    }

    private static void AssertNothingPersonal(string output)
    {
        Assert.DoesNotContain(TrackingCode, output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ApplicantName, output);
        Assert.DoesNotContain(Uri.EscapeDataString(ApplicantName), output, StringComparison.OrdinalIgnoreCase);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
