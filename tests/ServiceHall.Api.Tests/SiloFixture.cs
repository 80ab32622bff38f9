using System.Security.Cryptography;
using ServiceHall.TestSupport;

namespace ServiceHall.Api.Tests;

/// <summary>A silo process on free ports with its own data folder (embedded) or its own database (PostgreSQL).</summary>
public class SiloFixture : IAsyncLifetime
{
    private readonly bool _postgres;
    private readonly TemporaryFolder _data = new("servicehall-api");
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _certificateKey = Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKey());
    private PostgresServer? _server;
    private string? _connectionString;
    private readonly string _clusterId = $"api-{Guid.NewGuid():N}";
    private SiloProcess? _silo;

    protected SiloFixture(bool postgres) => _postgres = postgres;

    public SiloFixture() : this(postgres: false)
    {
    }

    public string BaseUrl => _silo!.BaseUrl;

    public bool Postgres => _postgres;

    /// <summary>The silo's data folder (the embedded database lives here).</summary>
    public string DataFolder => _data.Path;

    /// <summary>The PostgreSQL mode's server (a test may stop and start it), or null in embedded mode.</summary>
    public PostgresServer? Server => _server;

    /// <summary>The PostgreSQL mode's database, or null in embedded mode.</summary>
    public string? ConnectionString => _connectionString;

    public async Task InitializeAsync()
    {
        if (_postgres)
        {
            _server = await PostgresServer.StartAsync();
            _connectionString = await _server.CreateDatabaseAsync();
        }

        await StartAsync();
    }

    /// <summary>
    /// Stops the silo (graceful, or kill -9) and starts a new process on the same data, running
    /// <paramref name="whileDown"/> in between (e.g. to inspect or edit stored rows).
    /// </summary>
    public async Task RestartAsync(bool kill, Func<Task>? whileDown = null)
    {
        if (kill)
        {
            _silo!.KillHard();
        }

        await _silo!.DisposeAsync();
        if (whileDown is not null)
        {
            await whileDown();
        }

        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _data.Dispose();
    }

    public ApiClient Client() => new(BaseUrl);

    /// <summary>More <c>--key=value</c> settings a derived fixture needs (more staff, a test clock, calendar days, small upload limits).</summary>
    protected virtual IEnumerable<string> ExtraSettings => [];

    private async Task StartAsync()
    {
        var settings = new List<string>
        {
            $"--ServiceHall:DataFolder={_data.Path}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            $"--ServiceHall:Auth:SigningKey={_signingKey}",
            SiloProcess.DemoMode,
        };
        settings.AddRange(ExtraSettings);
        if (_postgres)
        {
            settings.Add("--ServiceHall:Storage:Mode=Postgres");
            settings.Add($"--ServiceHall:Storage:Postgres:ConnectionString={_connectionString}");
            settings.Add("--ServiceHall:Cluster:AdvertisedIPAddress=127.0.0.1");
            settings.Add("--ServiceHall:Cluster:ListenOnAnyHostAddress=false");
            settings.Add($"--ServiceHall:Cluster:ClusterId={_clusterId}");
            // PostgreSQL mode signs electronic certificates only with a configured key (every silo shares it).
            settings.Add($"--ServiceHall:Certificates:SigningKey={_certificateKey}");
            // Loopback timings, so a silo killed by a test is declared dead in seconds (orleans-notes.md).
            settings.Add("--ServiceHall:Cluster:Membership:ProbeTimeout=00:00:01");
            settings.Add("--ServiceHall:Cluster:Membership:NumMissedProbesLimit=2");
            settings.Add("--ServiceHall:Cluster:Membership:NumVotesForDeathDeclaration=1");
            settings.Add("--ServiceHall:Cluster:Membership:TableRefreshTimeout=00:00:02");
            settings.Add("--ServiceHall:Cluster:Membership:IAmAliveTablePublishTimeout=00:00:05");
        }

        settings.AddRange(ExtraSettings);
        _silo = SiloProcess.StartBuilt(FreePort.Next(), settings);
        await _silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
    }
}

/// <summary>The same tests against PostgreSQL mode.</summary>
public sealed class PostgresSiloFixture() : SiloFixture(postgres: true);
