using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServiceHall.Cluster.Tests;

/// <summary>What the load generator did, kept by the generator itself: the ground truth the checker holds the cluster to.</summary>
public sealed class CommandLedger
{
    private readonly ConcurrentQueue<IssuedCommand> _commands = new();
    private readonly ConcurrentQueue<AttemptFailure> _failures = new();
    private readonly ConcurrentDictionary<string, LedgerCase> _cases = new();
    private int _acknowledged;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public IReadOnlyCollection<IssuedCommand> Commands => _commands;

    public IReadOnlyCollection<AttemptFailure> Failures => _failures;

    public IReadOnlyCollection<LedgerCase> Cases => (IReadOnlyCollection<LedgerCase>)_cases.Values;

    public LedgerCase Case(string key) => _cases.GetOrAdd(key, k => new LedgerCase(k));

    public IssuedCommand Issue(LedgerCase @case, string action, string idempotencyKey)
    {
        var command = new IssuedCommand(@case, action, idempotencyKey, Clock.Elapsed);
        @case.Commands.Enqueue(command);
        _commands.Enqueue(command);
        return command;
    }

    public void Acknowledge(IssuedCommand command)
    {
        command.AcknowledgedAt = Clock.Elapsed;
        Interlocked.Increment(ref _acknowledged);
    }

    /// <summary>
    /// The longest stretch between <paramref name="from"/> and <paramref name="to"/> in which no command was
    /// acknowledged by any silo, and when it began: what a client of the hall waits for at worst.
    /// </summary>
    public (TimeSpan Length, TimeSpan StartedAt) LongestSilence(TimeSpan from, TimeSpan to)
    {
        var acknowledged = _commands.Select(c => c.AcknowledgedAt).OfType<TimeSpan>().Where(t => t > from && t < to).Order().ToList();
        var (longest, startedAt, previous) = (TimeSpan.Zero, from, from);
        foreach (var at in acknowledged.Append(to))
        {
            if (at - previous > longest)
            {
                (longest, startedAt) = (at - previous, previous);
            }

            previous = at;
        }

        return (longest, startedAt);
    }

    public void Fail(IssuedCommand command, string silo, string kind, TimeSpan startedAt, string? retryAfter = null)
    {
        command.FirstFailureAt ??= Clock.Elapsed;
        Interlocked.Increment(ref command.FailedAttempts);
        _failures.Enqueue(new AttemptFailure(command, silo, kind, startedAt, Clock.Elapsed, retryAfter));
    }
}

/// <summary>One case the generator drives: a key of its own (the open's Idempotency-Key), and the id the cluster gave it.</summary>
public sealed class LedgerCase(string key)
{
    public string Key { get; } = key;

    public string? Id { get; set; }

    public ConcurrentQueue<IssuedCommand> Commands { get; } = new();
}

/// <summary>One command as issued (action + Idempotency-Key) and how it went.</summary>
public sealed class IssuedCommand(LedgerCase @case, string action, string idempotencyKey, TimeSpan issuedAt)
{
    public int FailedAttempts;

    public LedgerCase Case { get; } = @case;

    public string Action { get; } = action;

    public string IdempotencyKey { get; } = idempotencyKey;

    public TimeSpan IssuedAt { get; } = issuedAt;

    public TimeSpan? FirstFailureAt { get; set; }

    public TimeSpan? AcknowledgedAt { get; set; }

    /// <summary>An answer other than success or a passing failure (a 4xx): the command was refused.</summary>
    public string? Refusal { get; set; }

    /// <summary>A refusal's status code (409: not available now), or null.</summary>
    public int? RefusalStatus { get; set; }

    /// <summary>The actions a 409 listed as available when it refused this command.</summary>
    public IReadOnlyList<string> RefusedWithAvailable { get; set; } = [];

    /// <summary>How long this command's client could not get through: first failure to acknowledgement.</summary>
    public TimeSpan Unavailable => FirstFailureAt is { } failed && AcknowledgedAt is { } acked ? acked - failed : TimeSpan.Zero;
}

/// <summary>One failed attempt: which silo, what (refused, connection, timeout, 503, 5xx), when the request started and ended.</summary>
public sealed record AttemptFailure(IssuedCommand Command, string Silo, string Kind, TimeSpan StartedAt, TimeSpan EndedAt, string? RetryAfter);
