using Microsoft.Data.Sqlite;
using ServiceHall.Grains.Cases;
using ServiceHall.TestSupport;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// Tracking codes without a state write at opening (issue 20): the board row's unique index keeps a code to one case,
/// lookups read the rows, and codes claimed in the tracking grain's own state by earlier releases still resolve.
/// </summary>
public sealed class TrackingCodeLookupTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task ANewCaseIsFoundByItsTrackingCodeFromItsBoardRowWithNoTrackingStateWritten()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => OpenAsync(cluster.NewCase())));

        foreach (var view in opened)
        {
            Assert.True(CaseIds.LooksLikeTrackingCode(view.TrackingCode!), view.TrackingCode);
            Assert.Equal(view.Id, await Tracking(view.TrackingCode!).GetCaseIdAsync());
        }

        Assert.Equal(5, opened.Select(c => c.TrackingCode).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0L, await TrackingStateRowsAsync(opened.Select(c => c.TrackingCode!)));

        // Nothing of the lookup lives in an activation: after a restart every code resolves from the rows again.
        await cluster.RestartAsync();
        foreach (var view in opened)
        {
            Assert.Equal(view.Id, await Tracking(view.TrackingCode!).GetCaseIdAsync());
            Assert.Equal(CaseOutcome.Ok, (await cluster.Case(view.Id).TrackAsync(view.TrackingCode!)).Outcome);
        }
    }

    [Fact]
    public async Task ACodeKeptOnlyInTheOldTrackingGrainStateStillResolvesAfterARestart()
    {
        // A case opened by an earlier release: its code was claimed by the tracking grain's own state row.
        var legacy = await OpenAsync(cluster.NewCase());
        var oldCode = CaseIds.NewTrackingCode();
        Assert.True(await Tracking(oldCode).AssignAsync(legacy.Id));
        Assert.False(await Tracking(oldCode).AssignAsync(CaseIds.NewCaseId()));
        Assert.Equal(1L, await TrackingStateRowsAsync([oldCode]));

        await cluster.RestartAsync();

        Assert.Equal(legacy.Id, await Tracking(oldCode).GetCaseIdAsync());
        Assert.Null(await Tracking(CaseIds.NewTrackingCode()).GetCaseIdAsync());
    }

    [Fact]
    public async Task AnOpeningWhoseOnlySaveFailsLeavesNothingAndItsRetryUnderTheSameKeyOpensTheCase()
    {
        // A clash of tracking codes fails the opening's one save as a conflict, like any other refused row; a stray
        // journal row at the case's first position fails it the same way, on demand.
        var caseId = CaseIds.NewCaseId();
        await ExecuteAsync("INSERT INTO case_journal (case_id, seq, entry) VALUES ($case, 1, '{}');", caseId);

        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => cluster.Case(caseId).OpenAsync(Application("retry-key")));
        Assert.Equal(CaseOutcome.NotFound, (await cluster.Case(caseId).GetAsync(Clerk)).Outcome);

        await ExecuteAsync("DELETE FROM case_journal WHERE case_id = $case;", caseId);
        var retried = await cluster.Case(caseId).OpenAsync(Application("retry-key"));

        Assert.Equal(CaseOutcome.Created, retried.Outcome);
        Assert.False(retried.Replayed);
        Assert.Equal(caseId, await Tracking(retried.Case!.TrackingCode!).GetCaseIdAsync());
        var replayed = await cluster.Case(caseId).OpenAsync(Application("retry-key"));
        Assert.True(replayed.Replayed);
        Assert.Equal(retried.Case.TrackingCode, replayed.Case!.TrackingCode);
    }

    private async Task ExecuteAsync(string sql, string caseId)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$case", caseId);
        await command.ExecuteNonQueryAsync();
    }

    private ITrackingGrain Tracking(string code) => cluster.Cluster.Client.GetGrain<ITrackingGrain>(ITrackingGrain.Key(code));

    private async Task<long> TrackingStateRowsAsync(IEnumerable<string> codes)
    {
        await using var connection = await OpenDatabaseAsync();
        var count = 0L;
        foreach (var code in codes)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM grain_state WHERE state_name = 'tracking' AND grain_id LIKE '%' || $key;";
            command.Parameters.AddWithValue("$key", ITrackingGrain.Key(code));
            count += (long)(await command.ExecuteScalarAsync())!;
        }

        return count;
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
