using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// A statement of the writer connection compiled once and bound by hand, for the case save's hot statements. A
/// <see cref="SqliteCommand"/> allocates per execution: a binder object per parameter, a UTF-8 copy of every string
/// (the head's and entries' JSON above all), a data reader and its statement enumerator, boxes for numbers; together
/// about a sixth of the bytes a command allocated in the silo (issue 20). Here text is bound from UTF-8 bytes or
/// UTF-16 characters as they are (SQLite copies them; the column holds the same UTF-8 text either way), numbers as
/// 64-bit integers, and the statement is reset after each run. Used only inside the writer's turn that owns the
/// connection; parameters are 1-based positions looked up by name once.
/// </summary>
public sealed class SqliteKeptStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    internal SqliteKeptStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        // SQLITE_PREPARE_PERSISTENT: kept for the connection's lifetime, so SQLite may place it outside its lookaside.
        var rc = raw.sqlite3_prepare_v3(_database, sql, 1, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _database);
    }

    /// <summary>The positions of a caller's parameters, looked up once (<see cref="Parameter"/>) and kept with the statement.</summary>
    public int[]? Positions { get; set; }

    /// <summary>The position of <paramref name="name"/> (with its prefix, e.g. <c>$case</c> or <c>@hall</c>).</summary>
    public int Parameter(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter '{name}'.", nameof(name));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Text from its UTF-8 bytes (SQLite copies them).</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    /// <summary>Text, or NULL for null (SQLite converts to the file's UTF-8 itself, without a copy on the heap).</summary>
    public void Bind(int index, string? text) =>
        Check(text is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, text.AsSpan()));

    public void Bind(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs the statement to its end; returns the rows it changed. A failure throws <see cref="SqliteException"/>.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            // Ready for the next run; the bindings are all set again before it.
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }
}
