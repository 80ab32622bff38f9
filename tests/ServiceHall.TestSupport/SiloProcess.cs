using System.Diagnostics;
using System.Text;

namespace ServiceHall.TestSupport;

/// <summary>
/// A ServiceHall silo running as its own OS process, so tests can kill -9 it. Output is kept for the failure
/// message; the process (and anything it started) is killed on dispose.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        FailureEvidence.Started(this);
    }

    /// <summary>
    /// The demo staff (<c>clerk</c>, <c>admin</c>, … with password <c>servicehall</c>) and plain-text staff passwords exist
    /// only in demo mode, which a built silo outside Development leaves off; a fixture that signs in passes this.
    /// </summary>
    public const string DemoMode = "--ServiceHall:Demo=true";

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line as it arrives, for counting past the tail that <see cref="Output"/> keeps.</summary>
    public event Action<string>? LineReceived;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the built silo assembly with <c>dotnet</c>, working directory = its bin folder (appsettings.json).</summary>
    public static SiloProcess StartBuilt(int httpPort, IEnumerable<string> settings) =>
        Start("dotnet", [RepositoryPaths.SiloAssembly], Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!, httpPort, settings);

    /// <summary>Starts any command that launches the silo (e.g. the README's <c>dotnet run --project silo</c>).</summary>
    /// <param name="environment">More environment variables for the silo alone (e.g. the runtime's <c>DOTNET_GC…</c> knobs a benchmark compares).</param>
    public static SiloProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, int httpPort, IEnumerable<string> settings,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        // Every test calls from 127.0.0.1, far faster than any applicant: the anonymous allowance would trip the suite.
        // A test that proves the 429 sets a small one (a later setting wins).
        start.ArgumentList.Add("--ServiceHall:AnonymousRateLimit:PermitLimit=1000000");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        return new SiloProcess(process, $"http://127.0.0.1:{httpPort}");
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails with the process output otherwise.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The silo at {BaseUrl} was not ready within {timeout}:\n{Output}");
    }

    /// <summary>
    /// For a silo expected to refuse to start: its exit code once it has exited (and its output has been read to the
    /// end, which Process.WaitForExitAsync waits for); throws when it runs on.
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo at {BaseUrl} still runs after {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no goodbye to the cluster — a crashed node.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>
    /// SIGTERM, as Kubernetes stops a pod: the silo drains (not ready, in-flight requests finish) and leaves the
    /// cluster. Returns its exit code; kills it and throws when it does not exit within <paramref name="timeout"/>.
    /// </summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                ?? throw new InvalidOperationException("Could not run kill.");
            await signal.WaitForExitAsync();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                KillHard();
                throw new TimeoutException($"The silo at {BaseUrl} did not stop within {timeout} after SIGTERM:\n{Output}");
            }
        }

        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        FailureEvidence.Stopped(this);
        KillHard();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail only: a long run must not grow without bound.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }

            _output.AppendLine(line);
        }

        LineReceived?.Invoke(line);
    }
}
