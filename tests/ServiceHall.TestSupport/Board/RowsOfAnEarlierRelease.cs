using System.Data.Common;
using ServiceHall.Grains.Cases.Board;

namespace ServiceHall.TestSupport.Board;

/// <summary>
/// Board rows as a release before the SLA wake column (SQLite step 11, PostgreSQL V0017) wrote them, into a schema of
/// that release: today's upsert names the column, so it exists only for these writes and is dropped again after them.
/// </summary>
public static class RowsOfAnEarlierRelease
{
    public static async Task UpsertBeforeSlaWakeAsync(DbConnection connection, params CaseSummaryRow[] rows)
    {
        await ExecuteAsync(connection, "ALTER TABLE case_summary ADD COLUMN sla_wake_at bigint;");
        foreach (var row in rows)
        {
            await CaseSummaryRows.UpsertAsync(connection, null, row);
        }

        await ExecuteAsync(connection, "ALTER TABLE case_summary DROP COLUMN sla_wake_at;");
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
