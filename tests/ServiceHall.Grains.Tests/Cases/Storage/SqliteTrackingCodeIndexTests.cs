using Microsoft.Data.Sqlite;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Storage.Sqlite;
using ServiceHall.TestSupport.Board;
using ServiceHall.TestSupport.Cases;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>
/// The tracking code's uniqueness in the embedded file (schema step 9): the same contract as on PostgreSQL, and a file
/// written before the step keeps its rows and gains the unique index when the silo opens it.
/// </summary>
public sealed class SqliteTrackingCodeIndexTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public Task ACaseWhoseTrackingCodeAnotherCaseHoldsIsRefusedWholeAndAloneInItsGroup()
    {
        var store = new SqliteCaseStore(_file.Database);
        return TrackingCodeContract.ACaseWhoseTrackingCodeAnotherCaseHoldsIsRefusedWhole(store, store, new SqliteCaseRowsDatabase(_file.Database));
    }

    [Fact]
    public async Task AFileFromBeforeTheStepKeepsItsRowsAndMakesTheCodeUnique()
    {
        // The file as the release before step 9 left it, written before the silo's database class first opens it.
        var path = _file.Database.DatabasePath;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await SqliteSchema.ApplyAsync(connection, "2026-01-01T00:00:00Z", CancellationToken.None, through: 8);
            await RowsOfAnEarlierRelease.UpsertBeforeSlaWakeAsync(connection, CaseRowSamples.Row("before-a"), CaseRowSamples.Row("before-b"));
            Assert.False(await IsUniqueAsync(connection));
        }

        var rows = new SqliteCaseRowsDatabase(_file.Database);
        Assert.Equal("before-a", await CaseTrackingRows.CaseIdAsync(rows, "TRKBEFORE-A"));
        Assert.Equal("before-b", await CaseTrackingRows.CaseIdAsync(rows, "TRKBEFORE-B"));
        await using (var connection = (SqliteConnection)await rows.OpenAsync())
        {
            Assert.True(await IsUniqueAsync(connection));
        }

        await TrackingCodeContract.TheTrackingCodeIndexIsUniqueAsync(rows);
    }

    private static async Task<bool> IsUniqueAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"unique\" FROM pragma_index_list('case_summary') WHERE name = 'case_summary_tracking';";
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    public void Dispose() => _file.Dispose();
}
