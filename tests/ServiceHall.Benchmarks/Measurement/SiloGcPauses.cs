using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace ServiceHall.Benchmarks.Measurement;

/// <summary>
/// Every pause of the silo's collector while a load runs, each with its time: an EventPipe session on the silo's
/// runtime GC events (informational level, the GC keyword only), from the moment the runtime starts suspending managed
/// threads to the moment it has restarted them. dotnet-counters' one-second samples say how long the collector paused
/// in a second; this says when, to the millisecond, so a burst of slow commands can be matched with a pause or cleared
/// of one (issue 20's ninth pass).
/// </summary>
public sealed class SiloGcPauses : IAsyncDisposable
{
    private const double ListedMs = 5;

    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reading;
    private readonly List<(DateTime StartedUtc, double Ms, int Generation)> _pauses = [];
    private DateTime? _suspending;
    private int _generation = -1;
    private bool _backgroundCollecting;
    private bool _stopped;

    private SiloGcPauses(EventPipeSession session)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Clr.GCStart += e =>
        {
            // A blocking collection and the start of a background one can share a suspension: the deeper names it.
            _generation = Math.Max(_generation, e.Depth);
            _backgroundCollecting |= e.Type == GCType.BackgroundGC;
        };
        _source.Clr.GCStop += e => _backgroundCollecting &= e.Depth != 2;
        _source.Clr.GCSuspendEEStart += e => _suspending = e.TimeStamp.ToUniversalTime();
        _source.Clr.GCRestartEEStop += e =>
        {
            if (_suspending is { } started)
            {
                // A background collection suspends a second time to finish, with no GCStart of its own: it is gen2's.
                var generation = _generation >= 0 ? _generation : _backgroundCollecting ? 2 : -1;
                lock (_pauses)
                {
                    _pauses.Add((started, (e.TimeStamp.ToUniversalTime() - started).TotalMilliseconds, generation));
                }
            }

            _suspending = null;
            _generation = -1;
        };
        _reading = Task.Run(() => _source.Process());
    }

    /// <summary>Null, with the reason on stderr, when the silo's diagnostics port does not answer: a run is not lost for it.</summary>
    public static SiloGcPauses? Start(int pid)
    {
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC);
        EventPipeSession? session = null;
        try
        {
            session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false);
            return new SiloGcPauses(session);
        }
        catch (Exception exception) when (exception is ServerNotAvailableException or DiagnosticsClientException or TimeoutException or IOException)
        {
            session?.Dispose();
            Console.Error.WriteLine($"The silo's GC pauses are not read: {exception.Message}");
            return null;
        }
    }

    /// <summary>
    /// Ends the session and waits until every event it buffered is read: EventPipe delivers in batches, so the pauses of
    /// a loop's last few hundred milliseconds arrive only now. Safe to call twice.
    /// </summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            await _session.StopAsync(CancellationToken.None);
            await _reading;
        }
        catch (Exception exception)
        {
            // The silo went, or its stream broke: what was read stays, and the load's own outcome is not hidden.
            Console.Error.WriteLine($"The silo's GC pause session ended with: {exception.Message}");
        }
    }

    /// <summary>
    /// Call after <see cref="StopAsync"/>. The pauses that began after <paramref name="loopStart"/> (its settling seconds
    /// included): how many, their total and longest, and each over 5 ms with its start in
    /// seconds after <paramref name="loopStart"/> (a <see cref="Stopwatch"/> timestamp of this process), so they can be
    /// read beside the open loop's "slow due at (s)". The generation is the collection's (-1 when a suspension was not
    /// for a collection).
    /// </summary>
    public BenchmarkRow Row(string section, string mode, long loopStart)
    {
        var loopStartUtc = DateTime.UtcNow - Stopwatch.GetElapsedTime(loopStart);
        List<(DateTime StartedUtc, double Ms, int Generation)> pauses;
        lock (_pauses)
        {
            pauses = [.. _pauses.Where(p => p.StartedUtc >= loopStartUtc)];
        }

        var listed = pauses.Where(p => p.Ms > ListedMs).ToList();
        return new BenchmarkRow(section, $"{mode}: the silo's GC pauses meanwhile, settling seconds included (EventPipe, suspension to restart)",
            new Dictionary<string, double>
            {
                ["pauses"] = pauses.Count,
                ["total ms"] = pauses.Sum(p => p.Ms),
                ["max ms"] = pauses.Count == 0 ? 0 : pauses.Max(p => p.Ms),
                [$"over {ListedMs:F0} ms"] = listed.Count,
            },
            new Dictionary<string, string>
            {
                ["pauses over 5 ms began at (s): ms (gen)"] = string.Join(" ", listed.Select(p => string.Create(CultureInfo.InvariantCulture,
                    $"{(p.StartedUtc - loopStartUtc).TotalSeconds:F2}:{p.Ms:F0}(g{p.Generation})"))),
            });
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _source.Dispose();
        _session.Dispose();
    }
}
