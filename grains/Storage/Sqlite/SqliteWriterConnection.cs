using Microsoft.Data.Sqlite;

namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// The embedded file's one writer connection (not pooled) and its kept commands, used only inside a writer's turn.
/// Between turns it holds no transaction, so it pins no WAL snapshot and a checkpoint or a backup can run to the end.
/// </summary>
internal sealed class SqliteWriterConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteKeptStatement> _statements = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>Whether a transaction is still open on the connection (SQLite is not in autocommit mode).</summary>
    public bool InTransaction => connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        return command;
    }

    public SqliteKeptStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteKeptStatement(connection, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    public void Dispose()
    {
        // Finalized before the connection closes, so nothing keeps the handle open behind it.
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}
