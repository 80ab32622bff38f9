using System.Globalization;

namespace ServiceHall.Cluster.Tests;

/// <summary>What the checker found, in the figures the issue asks for.</summary>
public sealed record LedgerFigures(
    int Cases,
    int Issued,
    int Acknowledged,
    int Unacknowledged,
    int Lost,
    int Duplicated,
    int JournalGaps,
    int StuckCases,
    int StaleRefusals,
    int FailedAttempts,
    TimeSpan LongestUnavailability,
    IReadOnlyList<string> Problems)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cases {Cases}, issued {Issued}, acknowledged {Acknowledged}, unacknowledged {Unacknowledged}, lost {Lost}, " +
        $"duplicated {Duplicated}, journal gaps {JournalGaps}, stuck cases {StuckCases}, stale refusals {StaleRefusals}, failed attempts (retried) {FailedAttempts}, " +
        $"longest unavailability {LongestUnavailability.TotalSeconds:F2} s");
}

/// <summary>
/// Reads every case the load generator touched and holds it to the generator's own ledger: each issued command
/// acknowledged and in its case's journal exactly once, journal sequence numbers 1..n without a gap, every case
/// completed (none stuck half-way).
/// </summary>
public static class LedgerChecker
{
    public static async Task<LedgerFigures> CheckAsync(LoadGenerator load)
    {
        var ledger = load.Ledger;
        var problems = new List<string>();
        int lost = 0, duplicated = 0, gaps = 0, stuck = 0, stale = 0;
        var cases = ledger.Cases.ToList();
        foreach (var @case in cases)
        {
            var commands = @case.Commands.ToList();
            if (@case.Id is null)
            {
                // The open itself never got through: nothing of this case can be read, each of its commands is lost.
                lost += commands.Count;
                problems.Add($"{@case.Key}: open never acknowledged ({commands.Count} command(s))");
                continue;
            }

            // No answer from a stale copy (issue 20): the generator sends a case's next command only after the one
            // before was acknowledged, so a 409 that still offers that earlier action came from a copy of the case
            // older than an acknowledged command.
            foreach (var (before, refused) in commands.Zip(commands.Skip(1)))
            {
                if (refused.RefusalStatus == 409 && before.AcknowledgedAt is not null && refused.RefusedWithAvailable.Contains(before.Action))
                {
                    stale++;
                    problems.Add($"{@case.Id} {refused.Action}: refused from a stale copy, {before.Action} acknowledged at " +
                        $"{before.AcknowledgedAt.Value.TotalSeconds:F1} s but still offered: {refused.Refusal}");
                }
            }

            var view = await load.ReadCaseAsync(@case.Id);
            var journal = view.GetProperty("journal").EnumerateArray()
                .Select(e => (Sequence: e.GetProperty("sequence").GetInt64(), Action: e.GetProperty("action").GetString()!))
                .ToList();
            var sequences = journal.Select(e => e.Sequence).Order().ToList();
            if (!sequences.SequenceEqual(Enumerable.Range(1, sequences.Count).Select(i => (long)i)))
            {
                gaps++;
                problems.Add($"{@case.Id}: journal sequences {string.Join(',', sequences)}");
            }

            foreach (var command in commands)
            {
                var times = journal.Count(e => e.Action == command.Action);
                if (times == 0 || command.AcknowledgedAt is null)
                {
                    lost++;
                    problems.Add($"{@case.Id} {command.Action}: in journal {times}×, acknowledged {command.AcknowledgedAt is not null}, refusal {command.Refusal ?? "-"}");
                }
                else if (times > 1)
                {
                    duplicated += times - 1;
                    problems.Add($"{@case.Id} {command.Action}: in journal {times}×");
                }
            }

            // A case whose commands were all acknowledged must have reached the end of the standard flow.
            var status = view.GetProperty("status").GetString();
            if (commands.Count == 7 && commands.All(c => c.AcknowledgedAt is not null) && status != "completed")
            {
                stuck++;
                problems.Add($"{@case.Id}: all seven commands acknowledged but status {status}, stage {view.GetProperty("stage").GetString()}");
            }
            else if (commands.Count < 7)
            {
                stuck++;
                problems.Add($"{@case.Id}: the generator stopped after {commands.Count} command(s)");
            }
        }

        var all = ledger.Commands.ToList();
        return new LedgerFigures(
            cases.Count,
            all.Count,
            all.Count(c => c.AcknowledgedAt is not null),
            all.Count(c => c.AcknowledgedAt is null),
            lost,
            duplicated,
            gaps,
            stuck,
            stale,
            ledger.Failures.Count,
            all.Select(c => c.Unavailable).DefaultIfEmpty().Max(),
            problems);
    }

    public static string Describe(IEnumerable<string> problems) => string.Join("\n", problems.Take(20));
}
