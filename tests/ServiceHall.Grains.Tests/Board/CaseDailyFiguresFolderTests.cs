using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.TestSupport;
using static ServiceHall.TestSupport.Board.CaseRowSamples;

namespace ServiceHall.Grains.Tests.Board;

/// <summary>
/// The daily figures are folded on a timer too, not only when someone reads the statistics: a hall whose statistics
/// page stays closed must not collect change rows for weeks.
/// </summary>
public sealed class CaseDailyFiguresFolderTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task ChangesAreFoldedWhenTheIntervalPassesWithoutAnyStatisticsRequest()
    {
        var database = new SqliteCaseRowsDatabase(_file.Database);
        await using (var connection = await database.OpenAsync())
        {
            foreach (var id in new[] { "a1", "a2", "a3" })
            {
                await CaseSummaryRows.UpsertAsync(connection, null, Row(id));
            }
        }

        Assert.Equal(3, await CountAsync(database, "SELECT count(*) FROM case_daily_change"));

        var clock = new FakeTimeProvider(Start);
        using var folder = new CaseDailyFiguresFolder(
            database, Options.Create(new CaseDailyFiguresOptions { FoldInterval = TimeSpan.FromMinutes(5) }), clock,
            NullLogger<CaseDailyFiguresFolder>.Instance);
        await folder.StartAsync(CancellationToken.None);
        try
        {
            // The service starts its loop on its own thread (.NET 10), so the timer may be created after StartAsync
            // returns: the clock moves on one interval at a time until the fold shows, with real time as the bound.
            await Eventually.UntilAsync(
                async () =>
                {
                    clock.Advance(TimeSpan.FromMinutes(5));
                    return await CountAsync(database, "SELECT count(*) FROM case_daily_change");
                },
                pending => pending == 0, "the timer has folded every change row");

            Assert.Equal(3, await CountAsync(database, "SELECT coalesce(sum(opened), 0) FROM case_daily"));
        }
        finally
        {
            await folder.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<long> CountAsync(ICaseRowsDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _file.Dispose();
}
