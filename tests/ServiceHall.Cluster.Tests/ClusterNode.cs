using ServiceHall.TestSupport;

namespace ServiceHall.Cluster.Tests;

/// <summary>
/// One silo of the test cluster. Its ports stay the same across restarts, as a pod's address and a load balancer's
/// target would, so clients keep sending to it while it is down.
/// </summary>
public sealed class ClusterNode(string name, int httpPort, IReadOnlyList<string> settings) : IAsyncDisposable
{
    private SiloProcess? _process;

    public string Name { get; } = name;

    public string BaseUrl { get; } = $"http://127.0.0.1:{httpPort}";

    public bool IsRunning => _process is { HasExited: false };

    public string Output => _process?.Output ?? "";

    /// <summary>How often a start had to be repeated because the silo exited while joining (see <see cref="StartAsync"/>).</summary>
    public int RepeatedStarts { get; private set; }

    /// <summary>
    /// Starts the silo and waits until it is ready. A silo that exits while joining (on two starved cores the others
    /// may declare a joining silo dead, and Orleans then stops it) is started again, at most twice, as Kubernetes
    /// restarts a crashed pod; <see cref="RepeatedStarts"/> counts those.
    /// </summary>
    public async Task StartAsync(TimeSpan readyWithin)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await StartOnceAsync(readyWithin);
                return;
            }
            catch (InvalidOperationException) when (attempt < 2 && _process is { HasExited: true })
            {
                RepeatedStarts++;
            }
        }
    }

    private async Task StartOnceAsync(TimeSpan readyWithin)
    {
        if (IsRunning)
        {
            return;
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _process = SiloProcess.StartBuilt(httpPort, settings);
        await _process.WaitUntilReadyAsync(readyWithin);
    }

    /// <summary>kill -9: no drain, no goodbye to the cluster.</summary>
    public void Kill() => _process?.KillHard();

    /// <summary>SIGTERM and wait: the graceful stop a rolling update uses.</summary>
    public Task<int> StopGracefullyAsync(TimeSpan within) =>
        _process?.StopGracefullyAsync(within) ?? Task.FromResult(0);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    public override string ToString() => $"{Name} ({BaseUrl})";
}
