using Microsoft.Data.Sqlite;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Storage.Sqlite;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>
/// How SQLite plans a clerk's board column (schema step 10). SQLite plans without statistics, so the plan is the same
/// for an empty file as for a million cases: these tests read it instead of timing it. At 1,000,000 cases the delivery
/// subqueries planned on the open-cases index read every open case of every hall, and the board page took 971 ms.
/// </summary>
public sealed class SqliteBoardPlanTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task EachScopeOfABoardColumnIsOneIndexRangeAndNoneWalksEveryOpenCase()
    {
        await using var connection = await _file.Database.OpenAsync();
        var plan = await PlanAsync(connection);

        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX case_summary_board_window", StringComparison.Ordinal)
            || step.Contains("USING INDEX case_summary_board_window", StringComparison.Ordinal));
        Assert.Equal(2, plan.Count(step => step.Contains("USING INDEX case_summary_delivery (delivery_hall_key=? AND is_open=?)", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, step => step.Contains("case_summary_open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BeforeStepTenTheDeliveryScopesWalkedTheOpenCasesIndex()
    {
        // The file as the release before step 10 left it: the planner preferred the index giving the whole order.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file.Database.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await SqliteSchema.ApplyAsync(connection, "2026-01-01T00:00:00Z", CancellationToken.None, through: 9);

        var plan = await PlanAsync(connection);

        Assert.Equal(2, plan.Count(step => step.Contains("case_summary_open", StringComparison.Ordinal)));
    }

    /// <summary>The plan of a clerk's board column at hall gz, window general-1: the hall's scope and two delivery scopes.</summary>
    private static async Task<IReadOnlyList<string>> PlanAsync(SqliteConnection connection)
    {
        var column = new CaseQuery { Stage = "formal-review", Window = "general-1", ActiveOnly = true };
        var request = new CaseRowsRequest
        {
            Scopes =
            [
                new HallQuery("gz", column),
                new HallQuery("mz", column with { DeliveryHall = "gz" }),
                new HallQuery("qy", column with { DeliveryHall = "gz" }),
            ],
            Take = 50,
        };

        await using var command = connection.CreateCommand();
        CaseRowsQueries.Page(command, request);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    public void Dispose() => _file.Dispose();
}
