using System.Collections.Concurrent;
using System.Diagnostics;
using ServiceHall.Benchmarks.EndToEnd;

namespace ServiceHall.Benchmarks.Push;

/// <summary>One command the harness sent: the case version it produced, when it was sent and when its answer came.</summary>
internal sealed record SentCommand(string CaseId, long Version, long SentAt, long AnsweredAt, bool WarmUp);

/// <summary>
/// Commands at a steady rate: command i is due at start + i / rate whether or not earlier ones were answered (open
/// loop). Each due slot advances a case of the README's standard flow whose previous command has been answered, or
/// opens a new one in the clerk's hall when none is ready. Every command is one durable change, hence one push.
/// </summary>
internal static class CommandStream
{
    private sealed class InFlight(string id)
    {
        public string Id { get; } = id;

        public int NextStep { get; set; }
    }

    public static async Task<IReadOnlyList<SentCommand>> RunAsync(
        ServiceHallClient client, double commandsPerSecond, TimeSpan warmUp, TimeSpan duration, Action onWindowStart)
    {
        var ready = new ConcurrentQueue<InFlight>();
        var sent = new ConcurrentBag<SentCommand>();
        var failures = new ConcurrentQueue<Exception>();
        var outstanding = new List<Task>();
        var warmUpCount = (int)Math.Round(commandsPerSecond * warmUp.TotalSeconds);
        var total = warmUpCount + Math.Max(1, (int)Math.Round(commandsPerSecond * duration.TotalSeconds));
        var interval = Stopwatch.Frequency / commandsPerSecond;
        var start = Stopwatch.GetTimestamp();

        async Task Fire(bool isWarmUp)
        {
            try
            {
                var sentAt = WallClock.Now();
                if (ready.TryDequeue(out var inFlight))
                {
                    var (user, action, body) = StandardCase.Steps[inFlight.NextStep];
                    var view = await client.PostAsync(user, $"/api/cases/{inFlight.Id}/actions/{action}", body, Guid.NewGuid().ToString("N"));
                    sent.Add(new SentCommand(inFlight.Id, view.GetProperty("version").GetInt64(), sentAt, WallClock.Now(), isWarmUp));
                    if (++inFlight.NextStep < StandardCase.Steps.Length)
                    {
                        ready.Enqueue(inFlight);
                    }
                }
                else
                {
                    var view = await client.PostAsync("clerk", "/api/cases", StandardCase.OpenBody, Guid.NewGuid().ToString("N"));
                    var id = view.GetProperty("id").GetString()!;
                    sent.Add(new SentCommand(id, view.GetProperty("case").GetProperty("version").GetInt64(), sentAt, WallClock.Now(), isWarmUp));
                    ready.Enqueue(new InFlight(id));
                }
            }
            catch (Exception exception)
            {
                failures.Enqueue(exception);
            }
        }

        for (var i = 0; i < total && failures.IsEmpty; i++)
        {
            if (i == warmUpCount)
            {
                onWindowStart();
            }

            var due = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var isWarmUp = i < warmUpCount;
            outstanding.Add(Task.Run(() => Fire(isWarmUp)));
        }

        await Task.WhenAll(outstanding);
        if (failures.TryDequeue(out var failure))
        {
            throw new InvalidOperationException("A command failed during the push run.", failure);
        }

        return [.. sent.OrderBy(c => c.SentAt)];
    }
}
