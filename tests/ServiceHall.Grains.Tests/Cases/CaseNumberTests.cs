using System.Globalization;
using Microsoft.Data.Sqlite;
using ServiceHall.Grains.Cases;
using ServiceHall.TestSupport;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// The day's case numbers come from blocks the number grain reserves with one write each (issue 20: opening commits
/// once): unique and increasing under concurrent opens, and a graceful deactivation or restart leaves no gap. Its own
/// fixture, so the hall's numbers start at 1.
/// </summary>
public sealed class CaseNumberTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task NumbersAreUniqueAndIncreasingUnderConcurrentOpensAndGoOnWithoutAGapAfterDeactivationAndRestart()
    {
        // 40 at once: more than one block, so the second reservation happens under load too.
        var first = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => OpenAsync(cluster.NewCase())));
        var sequences = first.Select(c => Sequence(c.Number)).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), sequences.Order());
        Assert.All(first, c => Assert.Equal("GZ-20250301", c.Number[..^7]));

        // Two reservations for 40 numbers, not 40 writes; the stored mark is the end of the second block.
        var (writes, mark) = await StoredNumbersAsync("gz", "20250301");
        Assert.Equal(2, writes);
        Assert.Equal(2 * CaseNumberGrain.BlockSize, mark);

        // Deactivation hands back the unused rest of the block: the next activation goes on from 41, not 65.
        await cluster.Cluster.DeactivateAsync(Numbers("gz", new DateOnly(2025, 3, 1)));
        await Eventually.UntilAsync(() => StoredNumbersAsync("gz", "20250301"), s => s.Mark == 40, "the issued number written back on deactivation");
        var afterDeactivation = await OpenAsync(cluster.NewCase());
        Assert.Equal(41, Sequence(afterDeactivation.Number));

        // A graceful restart (a rolling deploy) does the same, and no number is ever issued twice.
        await cluster.RestartAsync();
        var afterRestart = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => OpenAsync(cluster.NewCase())));
        Assert.Equal([42L, 43L, 44L], afterRestart.Select(c => Sequence(c.Number)).Order());
    }

    private ICaseNumberGrain Numbers(string hall, DateOnly day) => cluster.Cluster.Client.GetGrain<ICaseNumberGrain>(CaseNumberGrain.Key(hall, day));

    private static long Sequence(string number) => long.Parse(number[^6..], CultureInfo.InvariantCulture);

    /// <summary>How many times the number grain's row was written (its version) and the number it stores.</summary>
    private async Task<(long Writes, long Mark)> StoredNumbersAsync(string hall, string day)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, json_extract(CAST(payload AS TEXT), '$.last') FROM grain_state
            WHERE state_name = 'case-numbers' AND grain_id LIKE '%' || $key;
            """;
        command.Parameters.AddWithValue("$key", $"numbers-{hall}-{day}");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no stored row for the number grain");
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<SqliteConnection> OpenDatabaseAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(cluster.DataFolder, "servicehall.db"),
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
