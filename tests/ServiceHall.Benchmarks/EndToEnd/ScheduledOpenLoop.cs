using System.Collections.Concurrent;
using System.Diagnostics;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>
/// Open loop whose command mix does not depend on the silo's answers, as a hall's does not: case k is opened at
/// k × 7 / rate, and its six steps are due one think time apart after that (a clerk takes a moment between steps).
/// A step is sent at its due time, or when the case's previous command is answered if that comes later, and its
/// latency runs from the due time either way, so waiting on a slow answer is charged, never hidden.
/// <see cref="OpenLoop"/> instead gives each slot to whichever case is ready and opens a new case when none is: when
/// answers slow, every slot becomes an open (the costliest command: a new activation, its reads, the first rows), just
/// as the silo has least room for them. Issue 20's sixth pass found runs of 10-15 opens back to back inside every
/// slow burst of that loop; this one keeps one open per seven commands whatever the latency.
/// </summary>
public static class ScheduledOpenLoop
{
    public static async Task<LoadResult> RunAsync(
        ServiceHallClient client, double commandsPerSecond, TimeSpan settle, TimeSpan duration, TimeSpan think)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(think.Ticks, "--think-ms");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(commandsPerSecond);
        var end = (settle + duration).TotalSeconds;
        var caseInterval = StandardCase.Commands / commandsPerSecond;
        var slots = new List<(double Due, int Case, int Step)>();
        for (var k = 0; k * caseInterval < end; k++)
        {
            for (var step = 0; step < StandardCase.Commands; step++)
            {
                var due = k * caseInterval + step * think.TotalSeconds;
                if (due < end)
                {
                    slots.Add((due, k, step));
                }
            }
        }

        slots.Sort((a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Case != b.Case ? a.Case.CompareTo(b.Case) : a.Step.CompareTo(b.Step));
        var chains = new Task<string>[slots.Max(s => s.Case) + 1];
        var completed = new ConcurrentBag<string>();
        var timings = new ConcurrentBag<CommandTiming>();
        var settleTimings = new ConcurrentBag<CommandTiming>();
        var failures = new ConcurrentQueue<Exception>();
        var settleMs = settle.TotalMilliseconds;
        var measuredCases = 0;
        var start = Stopwatch.GetTimestamp();

        async Task<string> Fire(long due, int step, Task<string>? previous)
        {
            var began = Stopwatch.GetTimestamp();
            try
            {
                string id;
                string action;
                if (step == 0)
                {
                    id = await StandardCase.OpenAsync(client);
                    action = "open";
                }
                else
                {
                    id = await previous!;
                    var status = await StandardCase.StepAsync(client, id, step - 1);
                    action = StandardCase.Steps[step - 1].Action;
                    if (step == StandardCase.Commands - 1)
                    {
                        StandardCase.RequireCompleted(id, status);
                        completed.Add(id);
                        if (Stopwatch.GetElapsedTime(start, due).TotalMilliseconds >= settleMs)
                        {
                            Interlocked.Increment(ref measuredCases);
                        }
                    }
                }

                var timing = new CommandTiming(Stopwatch.GetElapsedTime(start, due).TotalMilliseconds,
                    Stopwatch.GetElapsedTime(due, began).TotalMilliseconds, Stopwatch.GetElapsedTime(due).TotalMilliseconds, action);
                (timing.DueMs < settleMs ? settleTimings : timings).Add(timing);
                return id;
            }
            catch (Exception exception)
            {
                failures.Enqueue(exception);
                throw;
            }
        }

        var outstanding = new List<Task>(slots.Count);
        await OpenLoopRun.HoldingCollectionsAsync(async () =>
        {
            foreach (var (dueSeconds, caseNumber, step) in slots)
            {
                if (!failures.IsEmpty)
                {
                    break;
                }

                var due = start + (long)(dueSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                // Slots are in due order and a case's steps are due one think time apart, so the case's chain holds
                // its previous command when this one is dispatched.
                var previous = chains[caseNumber];
                var command = Task.Run(() => Fire(due, step, previous));
                chains[caseNumber] = command;
                outstanding.Add(command);
            }

            try
            {
                await Task.WhenAll(outstanding);
            }
            catch
            {
                // Collected in failures.
            }
        });

        if (failures.TryDequeue(out var failure))
        {
            throw new InvalidOperationException("A command failed under open-loop load.", failure);
        }

        return OpenLoopRun.Result(duration, start, measuredCases, timings, settleTimings, completed);
    }
}
