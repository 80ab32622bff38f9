using System.Collections.Concurrent;
using System.Diagnostics;
using ServiceHall.Grains.Live;

namespace ServiceHall.Benchmarks.Fanout;

/// <summary>How a change travels from the case grain to one subscriber per silo.</summary>
public enum FanoutMechanism
{
    /// <summary>The product's way: one-way call to the feed grain, whose ObserverManager calls one observer per silo.</summary>
    Observer,

    /// <summary>Orleans memory streams: the publisher awaits <c>OnNextAsync</c>; pulling agents deliver to one explicit subscriber per silo.</summary>
    Stream,
}

/// <summary>One variant under test; <see cref="StreamPoll"/> is the pulling agents' queue polling period (Orleans' default 100 ms).</summary>
public sealed record FanoutSetup(FanoutMechanism Mechanism, TimeSpan StreamPoll)
{
    public string Label => Mechanism == FanoutMechanism.Observer
        ? "observer (feed grain + ObserverManager)"
        : $"memory stream (poll {StreamPoll.TotalMilliseconds:0} ms)";
}

/// <summary>The stream the benchmark publishes to: one stream for all changes, as the feed grain is one feed.</summary>
internal static class FanoutStreams
{
    public const string Provider = "live";

    public static readonly StreamId Id = StreamId.Create("case-feed", "all");

    /// <summary>A change shaped like a real one, its sequence number in <see cref="CaseChanged.Version"/>.</summary>
    public static CaseChanged Change(long sequence) => new()
    {
        Id = "fanout",
        Number = "GZ-2026-000001",
        Stage = "formal-review",
        Status = "open",
        DueAt = DateTimeOffset.UnixEpoch,
        SlaState = "on-track",
        Version = sequence,
        Hall = "gz",
        Window = "w1",
        Departments = ["scjg"],
        Channel = "window",
        TrackingCode = "ABCDEFGHJKLMNPQR",
    };
}

/// <summary>
/// Every subscriber's receipts, keyed by silo, stamped with <see cref="Stopwatch.GetTimestamp"/> when its callback ran
/// (the whole cluster is in this process, so one clock serves publishers and subscribers).
/// </summary>
public sealed class FanoutRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(long Sequence, long At)>> _bySilo = new();

    public void Record(string silo, long sequence) =>
        _bySilo.GetOrAdd(silo, _ => new ConcurrentQueue<(long, long)>()).Enqueue((sequence, Stopwatch.GetTimestamp()));

    public IReadOnlyList<(long Sequence, long At)> For(string silo) =>
        _bySilo.TryGetValue(silo, out var receipts) ? [.. receipts] : [];

    public int Count(string silo, Func<long, bool> counts) =>
        _bySilo.TryGetValue(silo, out var receipts) ? receipts.Count(r => counts(r.Sequence)) : 0;

    public void Clear() => _bySilo.Clear();
}
