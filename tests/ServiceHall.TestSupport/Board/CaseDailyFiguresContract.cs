using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using Xunit;
using static ServiceHall.TestSupport.Board.CaseRowSamples;

namespace ServiceHall.TestSupport.Board;

/// <summary>
/// The statistics read from the daily figures (kept by the summary rows' triggers, folded before reading) must equal the
/// statistics computed from every summary row, on every engine, after a workload like a hall's: cases opened across hall
/// days and windows, accepted, corrected, breaching their SLA, moved to another window, completed, rejected or left open;
/// saves repeated and arriving late, saves rolled back, several cases per transaction, folds in between, and closed
/// cases purged (the fastest among them too).
/// </summary>
public static class CaseDailyFiguresContract
{
    private static readonly string[] Halls = ["tianhe", "panyu"];
    private static readonly string[] Channels = ["window", "online", "key-project", "instant"];
    private static readonly string?[] Windows = ["W1", "W2", null];

    public static async Task DailyFiguresEqualFiguresFromRowsAfterAMixedWorkload(ICaseRowsDatabase database)
    {
        var random = new Random(20);
        var cases = Enumerable.Range(0, 240).Select(i => History(i, random)).ToList();

        // Workers take cases in turn and write a few cases' next versions per transaction (as group commit does), folding
        // now and then; on PostgreSQL four at once with a folder running beside them, SQLite has one writer.
        var workers = database.IsPostgres ? 4 : 1;
        using var stop = new CancellationTokenSource();
        var folder = database.IsPostgres ? Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await CaseDailyFigures.FoldAsync(database);
                await Task.Delay(5);
            }
        }) : Task.CompletedTask;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => WorkAsync(database, [.. cases.Where((_, i) => i % workers == w)], new Random(w))));
        await stop.CancelAsync();
        await folder;

        // Retention purges closed cases: the fastest completed case of each hall goes, and a few others.
        await using (var connection = await database.OpenAsync())
        {
            var purged = Halls.Select(hall => cases.Select(c => c[^1].Summary).Where(s => s.Hall == hall && s.Status == CaseStatuses.Completed)
                .MinBy(s => s.ClosedAt!.Value - s.OpenedAt)!.Id).ToList();
            purged.AddRange(cases.Select(c => c[^1].Summary).Where(s => s.ClosedAt is not null && !purged.Contains(s.Id)).Take(7).Select(s => s.Id));
            foreach (var id in purged)
            {
                await DeleteAsync(connection, id);
            }
        }

        var first = DateOnly.FromDateTime(Start.UtcDateTime);
        var compared = 0;
        foreach (var hall in Halls)
        {
            foreach (var (from, to) in new[]
            {
                (DateOnly.MinValue, DateOnly.MaxValue), (first, first.AddDays(60)), (first.AddDays(3), first.AddDays(3)),
                (first.AddDays(10), first.AddDays(24)), (first.AddDays(-30), first.AddDays(-1)),
            })
            {
                var fromRows = await CaseRowsStatistics.ReadFromRowsAsync(database, hall, from, to);
                var fromDays = await CaseRowsStatistics.ReadAsync(database, hall, from, to);
                Assert.Equal(Canonical(fromRows), Canonical(fromDays));
                compared += fromRows.Opened;
            }
        }

        // The workload really exercised the figures (and the fold left no change behind).
        var all = await CaseRowsStatistics.ReadAsync(database, "tianhe", DateOnly.MinValue, DateOnly.MaxValue);
        Assert.True(all.Opened > 60 && all.Completed > 10 && all.SlaBreaches > 0 && all.FastestHandlingMinutes is not null
            && all.ByWindow.Count == 3 && all.ByStatus.Count >= 3 && all.AverageWaitMinutes is not null, Canonical(all));
        Assert.True(compared > 400);
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM case_daily_change;"));
        Assert.True(await ScalarAsync(database, "SELECT count(*) FROM case_daily;") < await ScalarAsync(database, "SELECT count(*) FROM case_summary;"));
    }

    /// <summary>Statistics as text with every object's members sorted, so two equal figures compare equal whatever the order.</summary>
    private static string Canonical(CaseStatistics statistics) => Sorted(JsonSerializer.SerializeToNode(statistics)!).ToJsonString();

    private static JsonNode Sorted(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(i => i is null ? null : Sorted(i))]),
        _ => node.DeepClone(),
    };

    /// <summary>One case's successive summary rows, version by version.</summary>
    private static List<CaseSummaryRow> History(int i, Random random)
    {
        var id = "m" + i.ToString("000", CultureInfo.InvariantCulture);
        // Spread over 40 days at any hour, so some open just before and some just after a hall midnight (16:00 UTC).
        var opened = Start.AddDays(random.Next(40)).AddMinutes(random.Next(24 * 60));
        var template = Row(id, hall: Halls[random.Next(Halls.Length)], openedAt: opened, channel: Channels[random.Next(Channels.Length)]).Summary with
        {
            Window = Windows[random.Next(Windows.Length)],
            CorrectionRounds = 0,
            CopiesSaved = random.Next(3),
            IdCardCopiesWaived = random.Next(2),
            LicenceCopiesWaived = 0,
            SlaState = "on-track",
            AcceptedAt = null,
            ClosedAt = null,
            AppointmentCode = random.Next(3) == 0 ? "A-" + id : null,
            Stage = "acceptance",
            Status = CaseStatuses.Open,
        };
        var versions = new List<CaseSummary> { template };
        CaseSummary Next(Func<CaseSummary, CaseSummary> change) => change(versions[^1]) with { Version = versions[^1].Version + 1 };
        void Add(Func<CaseSummary, CaseSummary> change) => versions.Add(Next(change));

        var ending = random.Next(10);
        if (ending == 0)
        {
            Add(s => s with { Status = CaseStatuses.Rejected, Stage = "closed", ClosedAt = s.OpenedAt.AddMinutes(20) });
        }
        else
        {
            Add(s => s with { Stage = "formal-review", AcceptedAt = s.OpenedAt.AddMinutes(5 + random.Next(60)), LicenceCopiesWaived = 1 });
            Add(s => s with { Stage = "back-office-review" }); // no figure changes: the update trigger skips it
            if (random.Next(3) == 0)
            {
                Add(s => s with { Stage = "awaiting-correction", CorrectionRounds = s.CorrectionRounds + 1 });
                Add(s => s with { Stage = "back-office-review" });
            }

            if (random.Next(4) == 0)
            {
                Add(s => s with { SlaState = "breached" });
            }

            if (random.Next(5) == 0)
            {
                Add(s => s with { Window = Windows[(Array.IndexOf(Windows, s.Window) + 1) % Windows.Length] });
            }

            if (ending <= 6)
            {
                Add(s => s with { Status = CaseStatuses.Completed, Stage = "closed", ClosedAt = s.OpenedAt.AddMinutes(90 + random.Next(5000)), CopiesSaved = s.CopiesSaved + 1 });
            }
            else if (ending == 7)
            {
                Add(s => s with { Status = CaseStatuses.Withdrawn, Stage = "closed", ClosedAt = s.OpenedAt.AddHours(30) });
            }
        }

        return [.. versions.Select(s => new CaseSummaryRow(s, "TRK" + id.ToUpperInvariant(), null))];
    }

    private static async Task WorkAsync(ICaseRowsDatabase database, List<List<CaseSummaryRow>> cases, Random random)
    {
        var next = cases.Select(_ => 0).ToArray();
        await using var connection = await database.OpenAsync();
        var writes = 0;
        while (next.Select((at, i) => at < cases[i].Count).Any(left => left))
        {
            // A few cases that still have a version to write, in one transaction.
            var group = Enumerable.Range(0, cases.Count).Where(i => next[i] < cases[i].Count).OrderBy(_ => random.Next()).Take(1 + random.Next(4)).ToList();
            var rollBack = random.Next(12) == 0;
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                foreach (var i in group)
                {
                    var history = cases[i];
                    await CaseSummaryRows.UpsertAsync(connection, transaction, history[next[i]]);
                    // A repeated save and a late one (an older version) change nothing.
                    if (random.Next(6) == 0)
                    {
                        await CaseSummaryRows.UpsertAsync(connection, transaction, history[next[i]]);
                    }

                    if (next[i] > 0 && random.Next(6) == 0)
                    {
                        await CaseSummaryRows.UpsertAsync(connection, transaction, history[random.Next(next[i])]);
                    }
                }

                if (rollBack)
                {
                    await transaction.RollbackAsync();
                    continue;
                }

                await transaction.CommitAsync();
            }

            foreach (var i in group)
            {
                next[i]++;
            }

            if (++writes % 40 == 0)
            {
                await CaseDailyFigures.FoldAsync(database);
            }
        }
    }

    private static async Task DeleteAsync(DbConnection connection, string caseId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM case_summary WHERE case_id = @id;";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = caseId;
        command.Parameters.Add(parameter);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<long> ScalarAsync(ICaseRowsDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
