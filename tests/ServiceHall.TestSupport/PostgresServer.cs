using System.Globalization;
using Npgsql;

namespace ServiceHall.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server: initdb into a temp folder, started on 127.0.0.1 and a free port (as user
/// <c>postgres</c> when the tests run as root), stopped and deleted on dispose. Binaries come from
/// <c>/usr/lib/postgresql/*/bin</c>, never PATH, because a fresh machine may have the package without the symlinks.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _binaries;
    private readonly string? _runAs;
    private readonly bool _durable;
    private readonly int? _maxConnections;
    private bool _running;

    private PostgresServer(string binaries, string folder, int port, bool durable, int? maxConnections)
    {
        _maxConnections = maxConnections;
        _binaries = binaries;
        _runAs = ProcessRunner.IsRoot ? "postgres" : null;
        _durable = durable;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public string DataDirectory => Path.Combine(Folder, "data");

    public int Port { get; }

    /// <summary>The newest installed server's bin folder, or null when none is installed.</summary>
    public static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    /// <summary>
    /// Starts a new server. <paramref name="durable"/> keeps fsync on (benchmarks); tests run faster without it
    /// and never pull the power. <paramref name="maxConnections"/> null leaves the server's own setting (a fresh
    /// server's 100, or what ALTER SYSTEM set), as an operator's server would have.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false, int? maxConnections = 300)
    {
        var binaries = FindBinaries();
        Prerequisites.Require(binaries is not null, "PostgreSQL server (Debian package postgresql)");
        var folder = Path.Combine("/tmp", $"servicehall-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var server = new PostgresServer(binaries!, folder, FreePort.Next(), durable, maxConnections);
        try
        {
            if (server._runAs is not null)
            {
                await ProcessRunner.RunAsync("chown", ["postgres:postgres", folder], CommandTimeout);
            }

            await server.RunToolAsync("initdb", "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync");
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the (stopped) server again on the same port and data.</summary>
    public async Task StartAsync()
    {
        var settings = string.Join(' ',
            $"-p {Port}", $"-k {Folder}", "-c listen_addresses=127.0.0.1",
            _maxConnections is { } connections ? $"-c max_connections={connections}" : "",
            _durable ? "-c fsync=on" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await RunToolAsync("pg_ctl", "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(Folder, "server.log"),
            "-o", settings, "start");
        _running = true;
    }

    public bool IsRunning => _running;

    /// <summary>Starts the server again unless it runs (a test that stopped it may have failed before restarting it).</summary>
    public Task StartIfStoppedAsync() => _running ? Task.CompletedTask : StartAsync();

    /// <summary>Stops the server (fast shutdown: open sessions are disconnected).</summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        await RunToolAsync("pg_ctl", "-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "stop");
    }

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        MaxPoolSize = 50,
        Timeout = 15,
    }.ToString();

    /// <summary>
    /// Runs one of the server's client programs (<c>pg_dump</c>, <c>pg_restore</c>, <c>psql</c>) as the test's own user,
    /// as an operator's backup job would, against this server; files it writes belong to that user.
    /// </summary>
    public Task<string> RunClientAsync(string tool, params string[] arguments) =>
        ProcessRunner.RunAsync(Path.Combine(_binaries, tool), ["--host=127.0.0.1", $"--port={Port}", "--username=postgres", .. arguments], CommandTimeout);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "sh_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PostgreSQL 127.0.0.1:{Port} ({Folder})");

    private Task<string> RunToolAsync(string tool, params string[] arguments) =>
        ProcessRunner.RunAsync(Path.Combine(_binaries, tool), arguments, CommandTimeout, _runAs);
}
