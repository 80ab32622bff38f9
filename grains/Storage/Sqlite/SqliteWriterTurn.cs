using Microsoft.Data.Sqlite;

namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// One writer's turn on the embedded file (<see cref="SqliteDatabase.EnterWriterAsync"/>); dispose to pass it on. A
/// turn may write on the process's one long-lived writer connection, whose commands stay prepared from turn to turn:
/// Microsoft.Data.Sqlite keeps a compiled statement only inside its <see cref="SqliteCommand"/>, and compiling the
/// case save's statements (the board row's 45-column upsert with its daily-figure triggers above all) was half of
/// SQLite's CPU per save when every save created new commands on a pooled connection (issue 20).
/// </summary>
public sealed class SqliteWriterTurn : IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SemaphoreSlim _gate;
    private SqliteWriterConnection? _writer;
    private bool _discard;
    private int _released;

    internal SqliteWriterTurn(SqliteDatabase database, SemaphoreSlim gate) => (_database, _gate) = (database, gate);

    /// <summary>
    /// The writer connection, open and outside any transaction; the turn owns it until disposed (never dispose it).
    /// Whatever the turn begins on it must end within the turn: a transaction left open, or a turn that
    /// <see cref="Discard"/>s it, closes the connection and the next turn opens a fresh one.
    /// </summary>
    public async Task<SqliteConnection> ConnectionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _released) != 0, this);
        _writer ??= await _database.WriterConnectionAsync(cancellationToken);
        return _writer.Connection;
    }

    /// <summary>
    /// The writer connection's command for <paramref name="sql"/>, prepared on its first use and kept for later turns
    /// (its parameters too: set them with <see cref="Bind"/>). Not to be disposed. Call <see cref="ConnectionAsync"/> first.
    /// </summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction)
    {
        var writer = _writer ?? throw new InvalidOperationException("Open the writer connection (ConnectionAsync) before asking for its commands.");
        var command = writer.Command(sql);
        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// The writer connection's statement for <paramref name="sql"/> bound by hand (<see cref="SqliteKeptStatement"/>),
    /// compiled on its first use and kept for later turns; it runs inside whatever transaction the turn has begun on the
    /// connection. Not to be disposed. Call <see cref="ConnectionAsync"/> first.
    /// </summary>
    public SqliteKeptStatement Statement(string sql) =>
        (_writer ?? throw new InvalidOperationException("Open the writer connection (ConnectionAsync) before asking for its statements.")).Statement(sql);

    /// <summary>
    /// Runs one statement in autocommit (its own transaction) with the writer connection's kept command for
    /// <paramref name="sql"/>: <paramref name="bind"/> sets its parameters (<see cref="Bind"/>), <paramref name="execute"/>
    /// runs it. A failure closes the connection at the end of the turn (<see cref="Discard"/>).
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        string sql, Action<SqliteCommand> bind, Func<SqliteCommand, Task<T>> execute, CancellationToken cancellationToken = default)
    {
        await ConnectionAsync(cancellationToken);
        try
        {
            var command = Command(sql, null);
            bind(command);
            return await execute(command);
        }
        catch
        {
            Discard();
            throw;
        }
    }

    /// <summary>Sets <paramref name="name"/> on a kept command, adding it on the command's first use.</summary>
    public static void Bind(SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }
    }

    /// <summary>
    /// After an error that may have left the connection or a kept statement in a state nobody checked (I/O, a busy
    /// timeout, a cancellation half way): the connection is closed when the turn ends and the next turn opens a new one.
    /// An expected refusal (a stale revision, a position already taken) rolls back and keeps it.
    /// </summary>
    public void Discard() => _discard = true;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        try
        {
            if (_writer is { } writer && (_discard || writer.InTransaction))
            {
                _database.DropWriterConnection(writer);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
