using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>
/// Open loop at a fixed command rate: command i is due at start + i / rate whether or not earlier ones have been
/// answered, and its latency is measured from that due time, so a stall shows in the percentiles instead of slowing
/// the generator (no coordinated omission). Each due slot goes to a case whose previous command has been answered;
/// when none is ready, the slot opens a new case, so the mix settles at one open per six steps.
/// </summary>
public static class OpenLoop
{
    private sealed class InFlight(string id)
    {
        public string Id { get; } = id;

        public int NextStep { get; set; }
    }

    public static async Task<LoadResult> RunAsync(ServiceHallClient client, double commandsPerSecond, TimeSpan duration)
    {
        var ready = new ConcurrentQueue<InFlight>();
        var completed = new ConcurrentBag<string>();
        var latencies = new ConcurrentBag<double>();
        var timings = new ConcurrentBag<CommandTiming>();
        var failures = new ConcurrentQueue<Exception>();
        var outstanding = new List<Task>();
        var total = (int)(commandsPerSecond * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / commandsPerSecond;

        void Record(long due, long began, string step)
        {
            var latency = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            latencies.Add(latency);
            timings.Add(new CommandTiming(Stopwatch.GetElapsedTime(start, due).TotalMilliseconds,
                Stopwatch.GetElapsedTime(due, began).TotalMilliseconds, latency, step));
        }

        async Task Fire(long due)
        {
            // Dispatch lag: from the due time to this task running (the harness's own timer and thread pool).
            var began = Stopwatch.GetTimestamp();
            try
            {
                if (ready.TryDequeue(out var inFlight))
                {
                    var status = await StandardCase.StepAsync(client, inFlight.Id, inFlight.NextStep);
                    Record(due, began, StandardCase.Steps[inFlight.NextStep].Action);
                    if (++inFlight.NextStep == StandardCase.Steps.Length)
                    {
                        StandardCase.RequireCompleted(inFlight.Id, status);
                        completed.Add(inFlight.Id);
                    }
                    else
                    {
                        ready.Enqueue(inFlight);
                    }
                }
                else
                {
                    var id = await StandardCase.OpenAsync(client);
                    Record(due, began, "open");
                    ready.Enqueue(new InFlight(id));
                }
            }
            catch (Exception exception)
            {
                failures.Enqueue(exception);
            }
        }

        // The client must not pause while it times the silo: a stall of the harness itself (every command due within
        // 40 ms leaving together, dispatch lag 45 → 10 ms) once showed as a burst of slow commands. Blocking full
        // collections are the likely cause, so they are held back for the loop's seconds.
        var latencyMode = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        try
        {
            await DispatchAsync();
        }
        finally
        {
            GCSettings.LatencyMode = latencyMode;
        }

        async Task DispatchAsync()
        {
            for (var i = 0; i < total && failures.IsEmpty; i++)
            {
                var due = start + (long)(i * interval);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    // Timer resolution is about a millisecond; a late dispatch is charged to the latency, never hidden.
                    await Task.Delay(wait);
                }

                outstanding.Add(Task.Run(() => Fire(due)));
            }

            await Task.WhenAll(outstanding);
        }

        if (failures.TryDequeue(out var failure))
        {
            throw new InvalidOperationException("A command failed under open-loop load.", failure);
        }

        var samples = new LatencySamples();
        foreach (var latency in latencies)
        {
            samples.Record(latency);
        }

        return new LoadResult(duration.TotalSeconds, completed.Count, latencies.Count, LatencySamples.Merge([samples]), [.. completed], latencies.Count)
        {
            Timings = [.. timings.OrderBy(t => t.DueMs)],
        };
    }
}
