using System.Net;
using System.Security.Cryptography;
using Npgsql;
using ServiceHall.TestSupport;
using Xunit.Abstractions;

namespace ServiceHall.Host.Tests;

/// <summary>
/// The README's PostgreSQL steps, exactly: <c>silo/postgres-setup.sh</c> against a fresh server (its own default
/// <c>max_connections</c>, only the superuser), the restart it asks for, then a silo in PostgreSQL mode on the
/// connection string it printed.
/// </summary>
public sealed class PostgresSetupScriptTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task TheSetupScriptPreparesAFreshServerOnWhichASiloOpensACase()
    {
        await using var postgres = await PostgresServer.StartAsync(maxConnections: null);
        Assert.True(await MaxConnectionsAsync(postgres) < 200, "a fresh server starts below what ServiceHall asks for");

        var first = ConnectionStringIn(await RunScriptAsync(postgres));
        // Asked to restart for max_connections, as the operator would.
        await postgres.StopAsync();
        await postgres.StartAsync();
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(200, await MaxConnectionsAsync(postgres));

        // Running it again changes nothing it already did, and prints a working connection string (a new password).
        var transcript = await RunScriptAsync(postgres);
        output.WriteLine(transcript.Replace(ConnectionStringIn(transcript), "(connection string)"));
        var connectionString = ConnectionStringIn(transcript);
        Assert.NotEqual(first, connectionString);
        Assert.Contains("max_connections: 200", transcript);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var who = new NpgsqlCommand("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user", connection);
            await using var reader = await who.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("servicehall", reader.GetString(0));
            Assert.False(reader.GetBoolean(1), "the application role is no superuser");
        }

        using var data = new TemporaryFolder("servicehall-pg-setup");
        await using var silo = SiloProcess.StartBuilt(FreePort.Next(),
        [
            "--ServiceHall:Storage:Mode=Postgres",
            $"--ServiceHall:Storage:Postgres:ConnectionString={connectionString}",
            $"--ServiceHall:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))}",
            $"--ServiceHall:DataFolder={data.Path}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            "--ServiceHall:Cluster:AdvertisedIPAddress=127.0.0.1",
            "--ServiceHall:Cluster:ListenOnAnyHostAddress=false",
            SiloProcess.DemoMode,
        ]);
        await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        using var walker = new CaseWalker(silo.BaseUrl);
        var opened = await walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var read = await walker.GetAsync(CaseWalker.Id(opened));
        Assert.Equal(CaseWalker.Id(opened), CaseWalker.Id(read));
    }

    [SkippableFact]
    public async Task TheSetupScriptRefusesANameThatIsNoPlainIdentifier()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => RunScriptAsync(postgres, "--database", "hall; DROP"));
        Assert.Contains("not a plain lower-case PostgreSQL name", refusal.Message);
    }

    private static Task<string> RunScriptAsync(PostgresServer postgres, params string[] extra) =>
        ProcessRunner.RunAsync("bash",
            [Path.Combine(RepositoryPaths.Root, "silo", "postgres-setup.sh"), "--host", "127.0.0.1",
             "--port", postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-install", .. extra],
            ScriptTimeout);

    private static string ConnectionStringIn(string transcript) =>
        transcript.Split('\n', StringSplitOptions.TrimEntries).LastOrDefault(line => line.StartsWith("Host=", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("the script printed no connection string:\n" + transcript);

    private static async Task<int> MaxConnectionsAsync(PostgresServer postgres)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW max_connections", connection);
        return int.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
