using System.Collections.Concurrent;
using System.Diagnostics;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>
/// Open loop at a fixed command rate: command i is due at start + i / rate whether or not earlier ones have been
/// answered, and its latency is measured from that due time, so a stall shows in the percentiles instead of slowing
/// the generator (no coordinated omission). Each due slot goes to a case whose previous command has been answered;
/// when none is ready, the slot opens a new case, so the mix settles at one open per six steps.
/// The loop first runs <c>settle</c> at the same rate without measuring: it starts right after the closed loop has
/// saturated the silo, and its first second or two held that run's aftermath (the store catching up on checkpoints
/// and vacuum, new cases opened all at once while no case is in flight yet) rather than the silo at half load. Those
/// commands are kept apart (<see cref="LoadResult.SettleTimings"/>) and reported beside the measured ones.
/// </summary>
public static class OpenLoop
{
    private sealed class InFlight(string id)
    {
        public string Id { get; } = id;

        public int NextStep { get; set; }
    }

    public static async Task<LoadResult> RunAsync(ServiceHallClient client, double commandsPerSecond, TimeSpan settle, TimeSpan duration)
    {
        var ready = new ConcurrentQueue<InFlight>();
        var completed = new ConcurrentBag<string>();
        var timings = new ConcurrentBag<CommandTiming>();
        var failures = new ConcurrentQueue<Exception>();
        var outstanding = new List<Task>();
        var total = (int)(commandsPerSecond * (settle + duration).TotalSeconds);
        var settleMs = settle.TotalMilliseconds;
        var settleTimings = new ConcurrentBag<CommandTiming>();
        var measuredCases = 0;
        var start = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / commandsPerSecond;

        void Record(long due, long began, string step)
        {
            var latency = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            var timing = new CommandTiming(Stopwatch.GetElapsedTime(start, due).TotalMilliseconds,
                Stopwatch.GetElapsedTime(due, began).TotalMilliseconds, latency, step);
            if (timing.DueMs < settleMs)
            {
                settleTimings.Add(timing);
                return;
            }

            timings.Add(timing);
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
                        if (Stopwatch.GetElapsedTime(start, due).TotalMilliseconds >= settleMs)
                        {
                            Interlocked.Increment(ref measuredCases);
                        }
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

        await OpenLoopRun.HoldingCollectionsAsync(DispatchAsync);

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

        return OpenLoopRun.Result(duration, start, measuredCases, timings, settleTimings, completed);
    }
}
