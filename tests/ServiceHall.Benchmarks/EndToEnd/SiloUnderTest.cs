using System.Security.Cryptography;
using Npgsql;
using ServiceHall.TestSupport;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>
/// A ServiceHall silo process started the way an operator would (the built assembly, command-line settings), in
/// Embedded mode (SQLite in a temp folder) or PostgreSQL mode (a database on the given server), on free loopback ports.
/// </summary>
public sealed class SiloUnderTest : IAsyncDisposable
{
    private readonly SiloProcess _process;
    private readonly TemporaryFolder _data;

    private SiloUnderTest(SiloProcess process, TemporaryFolder data, string? connectionString, int gatewayPort)
    {
        _process = process;
        _data = data;
        ConnectionString = connectionString;
        GatewayPort = gatewayPort;
    }

    public string BaseUrl => _process.BaseUrl;

    /// <summary>The silo's Orleans gateway on loopback, for a harness-side cluster client.</summary>
    public int GatewayPort { get; }

    public int ProcessId => _process.ProcessId;

    /// <summary>The silo's data folder (in Embedded mode its SQLite file, <c>servicehall.db</c>, lives here).</summary>
    public string DataFolder => _data.Path;

    /// <summary>The silo's database in PostgreSQL mode; null in Embedded mode.</summary>
    public string? ConnectionString { get; }

    /// <summary>
    /// Starts a silo; <paramref name="postgres"/> null means Embedded mode. <paramref name="extraSettings"/> are more
    /// <c>--Key=value</c> settings, as an operator would pass them.
    /// </summary>
    public static async Task<SiloUnderTest> StartAsync(PostgresServer? postgres, bool requireRelease, IEnumerable<string>? extraSettings = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        await EnsureBuiltAsync(requireRelease);
        var data = new TemporaryFolder("servicehall-bench");
        var gatewayPort = FreePort.Next();
        var settings = new List<string>
        {
            $"--ServiceHall:DataFolder={data.Path}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={gatewayPort}",
            $"--ServiceHall:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            SiloProcess.DemoMode,
            "--ServiceHall:Cluster:AdvertisedIPAddress=127.0.0.1",
            "--ServiceHall:Cluster:ListenOnAnyHostAddress=false",
        };
        string? connectionString = null;
        if (postgres is not null)
        {
            // Npgsql's default pool (100), not the test fixtures' 50: what an operator gets without tuning.
            connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { MaxPoolSize = 100 }.ToString();
            settings.Add("--ServiceHall:Storage:Mode=Postgres");
            settings.Add($"--ServiceHall:Storage:Postgres:ConnectionString={connectionString}");
        }

        settings.AddRange(extraSettings ?? []);
        var process = SiloProcess.Start("dotnet", [RepositoryPaths.SiloAssembly], Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!,
            FreePort.Next(), settings, environment);
        var silo = new SiloUnderTest(process, data, connectionString, gatewayPort);
        try
        {
            await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The harness project references the silo project (without its assembly), so building the harness in Release
    /// builds the silo in Release beside it; a missing build (e.g. a Debug run of the harness) is built here.
    /// </summary>
    private static async Task EnsureBuiltAsync(bool requireRelease)
    {
        if (requireRelease && RepositoryPaths.Configuration != "Release")
        {
            throw new InvalidOperationException(
                $"The harness was built {RepositoryPaths.Configuration}; measure a Release silo: dotnet run -c Release --project tests/ServiceHall.Benchmarks");
        }

        if (!File.Exists(RepositoryPaths.SiloAssembly))
        {
            await ProcessRunner.RunAsync("dotnet",
                ["build", Path.Combine(RepositoryPaths.Root, "silo"), "-c", RepositoryPaths.Configuration, "-nologo", "-v", "quiet"],
                TimeSpan.FromMinutes(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _data.Dispose();
    }
}
