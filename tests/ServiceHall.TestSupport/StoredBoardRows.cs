using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ServiceHall.TestSupport;

/// <summary>
/// The stored board rows (<c>case_summary</c>), counted or removed behind the silo's back, as an operator with sqlite3
/// or psql (or a database from before the rows existed) could leave them. Use it while the silo is stopped.
/// </summary>
public sealed class StoredBoardRows
{
    private readonly Func<Task<DbConnection>> _open;

    private StoredBoardRows(Func<Task<DbConnection>> open) => _open = open;

    /// <summary>The embedded mode's rows in <c>servicehall.db</c> under <paramref name="dataFolder"/>.</summary>
    public static StoredBoardRows Sqlite(string dataFolder) => new(async () =>
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "servicehall.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    });

    /// <summary>The PostgreSQL mode's rows.</summary>
    public static StoredBoardRows Postgres(string connectionString) => new(async () =>
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    });

    /// <summary>How many rows a hall's cases have (every hall's when <paramref name="hall"/> is null).</summary>
    public async Task<int> CountAsync(string? hall = null) => (int)await ScalarAsync(
        hall is null ? "SELECT count(*) FROM case_summary;" : "SELECT count(*) FROM case_summary WHERE hall_key = @hall;", hall);

    /// <summary>Deletes a hall's rows (every row when <paramref name="hall"/> is null), as if they had never been written.</summary>
    public Task DeleteAsync(string? hall = null) => ScalarAsync(
        hall is null ? "DELETE FROM case_summary;" : "DELETE FROM case_summary WHERE hall_key = @hall;", hall);

    private async Task<long> ScalarAsync(string sql, string? hall)
    {
        await using var connection = await _open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (hall is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@hall";
            parameter.Value = hall.ToLowerInvariant();
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
