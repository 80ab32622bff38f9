using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using Xunit;

namespace ServiceHall.TestSupport.Board;

/// <summary>What the summary-row writer must do on every engine (SQLite and PostgreSQL run the same checks).</summary>
public static class CaseRowsWriterContract
{
    public static async Task ARowReadsBackAsWritten(ICaseRowsDatabase database)
    {
        var written = CaseRowSamples.Row("c1", status: CaseStatuses.Completed, deliveryHall: "panyu", coordinator: "coordinator", district: "nansha");

        await using var connection = await database.OpenAsync();
        Assert.True(await CaseSummaryRows.UpsertAsync(connection, null, written));
        var read = await ReadAsync(database, "c1");

        AssertSame(written.Summary, read);
    }

    public static async Task AnOlderVersionNeverReplacesANewerOne(ICaseRowsDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await CaseSummaryRows.UpsertAsync(connection, null, CaseRowSamples.Row("c2", version: 5, stage: "review"));

        Assert.False(await CaseSummaryRows.UpsertAsync(connection, null, CaseRowSamples.Row("c2", version: 4, stage: "acceptance")));
        Assert.False(await CaseSummaryRows.UpsertAsync(connection, null, CaseRowSamples.Row("c2", version: 5, stage: "acceptance")));
        Assert.Equal("review", (await ReadAsync(database, "c2")).Stage);

        Assert.True(await CaseSummaryRows.UpsertAsync(connection, null, CaseRowSamples.Row("c2", version: 6, stage: "certificate")));
        var newest = await ReadAsync(database, "c2");
        Assert.Equal(("certificate", 6L), (newest.Stage, newest.Version));
    }

    public static async Task ARowWrittenInARolledBackTransactionIsGone(ICaseRowsDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await CaseSummaryRows.UpsertAsync(connection, transaction, CaseRowSamples.Row("c3"));
            await transaction.RollbackAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM case_summary WHERE case_id = 'c3';";
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync()));
    }

    public static void AssertSame(CaseSummary expected, CaseSummary actual)
    {
        // Lists compare by content; everything else field by field through the record's equality.
        Assert.Equal(expected.Departments, actual.Departments);
        Assert.Equal(expected.RoutedDepartments, actual.RoutedDepartments);
        Assert.Equal(expected, actual with { Departments = expected.Departments, RoutedDepartments = expected.RoutedDepartments });
    }

    private static async Task<CaseSummary> ReadAsync(ICaseRowsDatabase database, string id)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CaseSummaryRows.Columns} FROM case_summary WHERE case_id = @id;";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row for {id}");
        return CaseSummaryRows.Read(reader);
    }
}
