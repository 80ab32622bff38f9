using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// The embedded mode's single SQLite file: hands out configured connections and brings the schema up to date.
/// Grain state and reminders share it so that one file is the whole durable state of a one-machine hall.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteStorageOptions _options;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeProvider _time;
    private volatile bool _schemaReady;
    private volatile bool _backgroundCheckpoints;

    // The per-connection pragmas last as long as the physical connection, which the pool hands out again and again:
    // they run once per SQLite handle, and again only for the auto-checkpoint when BackgroundCheckpoints changed since.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, StrongBox<bool>> _configured = new();

    // Only touched inside a writer's turn (under _writeGate).
    private SqliteWriterConnection? _writer;

    public SqliteDatabase(IOptions<SqliteStorageOptions> options, TimeProvider time, ILogger<SqliteDatabase> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
        }.ToString();

        // Its own, unpooled: closing it after an error really closes it instead of handing it to a reader.
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
    }

    public string DatabasePath => _options.DatabasePath;

    /// <summary>The current time as stored in audit columns (ISO 8601, UTC).</summary>
    public string UtcNowText() => _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Opens a pooled connection with the per-connection pragmas applied; the schema is ready by then.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken);
        }

        return await OpenConfiguredAsync(_connectionString, cancellationToken);
    }

    /// <summary>
    /// Waits, in this process, for the one writer's turn; dispose to pass it on. SQLite lets one transaction write at
    /// a time, and a writer that finds the file locked polls in SQLite's busy handler, sleeping 1, 2, 5, 10 … 100 ms
    /// on a thread-pool thread between tries. Behind the group commit's writer, which takes the lock again as soon as
    /// it commits, such a writer (a case number, a reminder, another grain's state) could miss every short gap and wait
    /// for tens of milliseconds, holding a thread the while (issue 20's latency tail). Writers here queue in order on
    /// this gate instead, without holding a thread; busy_timeout still covers another process (a backup) holding the
    /// file. The turn also lends the long-lived writer connection with its prepared commands
    /// (<see cref="SqliteWriterTurn.ConnectionAsync"/>).
    /// </summary>
    public async Task<SqliteWriterTurn> EnterWriterAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        return new SqliteWriterTurn(this, _writeGate);
    }

    /// <summary>The writer connection, opened on first use; called inside a turn only.</summary>
    internal async Task<SqliteWriterConnection> WriterConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken);
        }

        if (_writer is { } open)
        {
            // BackgroundCheckpoints may have changed since the last turn (the checkpointer starting or stopping).
            await ConfigureAsync(open.Connection, cancellationToken);
            return open;
        }

        return _writer = new SqliteWriterConnection(await OpenConfiguredAsync(_writerConnectionString, cancellationToken));
    }

    /// <summary>Closes the writer connection after a turn that may have left it in a bad state; called inside that turn.</summary>
    internal void DropWriterConnection(SqliteWriterConnection writer)
    {
        if (ReferenceEquals(_writer, writer))
        {
            _writer = null;
        }

        try
        {
            writer.Dispose();
        }
        catch (SqliteException exception)
        {
            // Closing cannot fail in a way that matters: the handle is released either way.
            _logger.LogWarning(exception, "Embedded storage: closing the writer connection failed");
        }
    }

    /// <summary>Closes the writer connection when the silo stops (after its last writer: it waits for the turn).</summary>
    public void Dispose()
    {
        var hasTurn = _writeGate.Wait(TimeSpan.FromSeconds(10));
        try
        {
            if (_writer is { } writer)
            {
                DropWriterConnection(writer);
            }
        }
        finally
        {
            if (hasTurn)
            {
                _writeGate.Release();
            }
        }
    }

    /// <summary>Creates the folder, switches the file to WAL and applies pending schema steps. Safe to call repeatedly.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_options.DatabasePath)!);
            await using var connection = await OpenConfiguredAsync(_connectionString, cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
            var applied = await SqliteSchema.ApplyAsync(connection, UtcNowText(), cancellationToken);
            if (applied > 0)
            {
                _logger.LogInformation("Embedded storage {Path}: applied {Count} schema step(s)", _options.DatabasePath, applied);
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenConfiguredAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ConfigureAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applies the per-connection pragmas unless this physical connection already has them.</summary>
    private async Task ConfigureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var handle = connection.Handle!;
        var background = BackgroundCheckpoints;
        if (_configured.TryGetValue(handle, out var applied))
        {
            if (applied.Value != background)
            {
                await ExecuteAsync(connection, AutoCheckpoint(background), cancellationToken);
                applied.Value = background;
            }

            return;
        }

        var busyMs = ((long)_options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await ExecuteAsync(
            connection,
            $"PRAGMA busy_timeout={busyMs}; PRAGMA synchronous={SynchronousLevel()}; PRAGMA foreign_keys=ON;{AutoCheckpoint(background)}",
            cancellationToken);
        _configured.AddOrUpdate(handle, new StrongBox<bool>(background));
    }

    /// <summary>
    /// Set while <see cref="SqliteCheckpointer"/> runs: connections opened meanwhile leave checkpoints to it instead of
    /// checkpointing inside a commit. A process without it (a command-line tool, a test) keeps SQLite's auto-checkpoint.
    /// </summary>
    internal bool BackgroundCheckpoints { get => _backgroundCheckpoints; set => _backgroundCheckpoints = value; }

    private static string AutoCheckpoint(bool background) => background ? " PRAGMA wal_autocheckpoint=0;" : " PRAGMA wal_autocheckpoint=1000;";

    private string SynchronousLevel() => _options.Synchronous.ToUpperInvariant() switch
    {
        "FULL" or "NORMAL" or "EXTRA" or "OFF" => _options.Synchronous.ToUpperInvariant(),
        var other => throw new InvalidOperationException(
            $"ServiceHall:Storage:Sqlite:Synchronous must be FULL, NORMAL, EXTRA or OFF, not '{other}'."),
    };

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
