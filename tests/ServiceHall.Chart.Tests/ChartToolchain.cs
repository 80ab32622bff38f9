using System.Diagnostics;
using System.Text.Json;
using ServiceHall.TestSupport;

namespace ServiceHall.Chart.Tests;

/// <summary>
/// The chart checker in <c>charts/validate</c>, built once per test run: the Go renderer (text/template + sprig from
/// Debian's golang-go and golang-github-masterminds-sprig-dev, GOPATH mode) and the Node validator (ajv,
/// kubernetes-models, restored with <c>npm ci</c> from the committed lock file).
/// </summary>
public sealed class ChartToolchain : IAsyncLifetime
{
    private const string GoPath = "/usr/share/gocode";
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);
    private readonly TemporaryFolder _scratch = new("servicehall-chart");
    private Exception? _setupFailure;

    public static string ValidateFolder => Path.Combine(RepositoryPaths.Root, "charts", "validate");

    public static string ChartFolder => Path.Combine(RepositoryPaths.Root, "charts", "servicehall");

    public string Scratch => _scratch.Path;

    private string Renderer => Path.Combine(_scratch.Path, "render");

    public static bool Present(out string missing)
    {
        var absent = new List<string>();
        if (FindOnPath("go") is null)
        {
            absent.Add("Go (Debian package golang-go)");
        }

        if (!Directory.Exists(Path.Combine(GoPath, "src/github.com/Masterminds/sprig")))
        {
            absent.Add("sprig (Debian package golang-github-masterminds-sprig-dev)");
        }

        if (!Directory.Exists(Path.Combine(GoPath, "src/gopkg.in/yaml.v3")))
        {
            absent.Add("yaml.v3 (Debian package golang-gopkg-yaml.v3-dev)");
        }

        if (FindOnPath("node") is null || FindOnPath("npm") is null)
        {
            absent.Add("Node.js and npm (Debian packages nodejs, npm)");
        }

        missing = string.Join(", ", absent);
        return absent.Count == 0;
    }

    public void RequireReady()
    {
        Prerequisites.Require(Present(out var missing), missing);
        if (_setupFailure is not null)
        {
            throw new InvalidOperationException("The chart checker could not be prepared.", _setupFailure);
        }
    }

    public async Task InitializeAsync()
    {
        if (!Present(out _))
        {
            return;
        }

        try
        {
            await RunAsync("go", ["build", "-o", Renderer, "./render"], ValidateFolder, expectSuccess: true);
            // Lock file first: a restore that would drift from the committed versions fails instead.
            if (!File.Exists(Path.Combine(ValidateFolder, "node_modules", ".package-lock.json")))
            {
                await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], ValidateFolder, expectSuccess: true);
            }
        }
        catch (Exception exception)
        {
            _setupFailure = exception;
        }
    }

    public Task DisposeAsync()
    {
        _scratch.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Renders the chart with values.yaml plus <paramref name="valueFiles"/>; null output when rendering failed.</summary>
    public async Task<ToolResult> RenderChartAsync(string chartFolder, params string[] valueFiles)
    {
        var arguments = new List<string> { "-chart", chartFolder };
        foreach (var file in valueFiles)
        {
            arguments.Add("-f");
            arguments.Add(file);
        }

        return await RunAsync(Renderer, arguments, ValidateFolder);
    }

    public Task<ToolResult> RenderAsync(params string[] valueFiles) => RenderChartAsync(ChartFolder, valueFiles);

    public async Task<ValidationResult> ValidateValuesAsync(params string[] valueFiles)
    {
        var result = await RunAsync("node",
            ["validate.mjs", "values", Path.Combine(ChartFolder, "values.schema.json"), Path.Combine(ChartFolder, "values.yaml"), .. valueFiles],
            ValidateFolder);
        return ValidationResult.From(result);
    }

    public async Task<ValidationResult> ValidateManifestsAsync(string manifests)
    {
        var file = Path.Combine(_scratch.Path, $"manifests-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, manifests);
        return ValidationResult.From(await RunAsync("node", ["validate.mjs", "manifests", file], ValidateFolder));
    }

    /// <summary>The rendered documents as JSON, for assertions on what the chart wires together.</summary>
    public async Task<IReadOnlyList<JsonElement>> ParseAsync(string manifests)
    {
        var file = Path.Combine(_scratch.Path, $"parse-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, manifests);
        var result = await RunAsync("node", ["validate.mjs", "json", file], ValidateFolder, expectSuccess: true);
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("documents").EnumerateArray().Select(d => d.Clone()).ToList();
    }

    public string Case(string name) => Path.Combine(ValidateFolder, "cases", name);

    public string WriteValues(string yaml)
    {
        var file = Path.Combine(_scratch.Path, $"values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    private static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, string folder, bool expectSuccess = false)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Debian ships sprig as GOPATH sources; module mode would try to download it.
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = GoPath;
        start.Environment["GOFLAGS"] = "";
        // Go needs a build cache; CI's environment may have no HOME to derive one from.
        start.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "servicehall-go-build-cache");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(Budget);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {Budget}.");
        }

        var result = new ToolResult(process.ExitCode, await stdout, await stderr);
        if (expectSuccess && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList)} exited with {result.ExitCode}:\n{result.Output}\n{result.Errors}");
        }

        return result;
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}

public sealed record ToolResult(int ExitCode, string Output, string Errors);

public sealed record ValidationResult(bool Valid, string Json)
{
    public static ValidationResult From(ToolResult result)
    {
        if (result.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"The validator failed to run ({result.ExitCode}):\n{result.Output}\n{result.Errors}");
        }

        using var json = JsonDocument.Parse(result.Output);
        return new ValidationResult(json.RootElement.GetProperty("valid").GetBoolean(), result.Output);
    }
}
