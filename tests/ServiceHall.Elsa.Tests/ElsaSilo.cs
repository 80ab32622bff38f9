using System.Security.Cryptography;
using ServiceHall.TestSupport;

namespace ServiceHall.Elsa.Tests;

/// <summary>One embedded silo process for every Elsa test class, on free ports with its own data folder.</summary>
public sealed class ElsaSilo : IAsyncLifetime
{
    private readonly TemporaryFolder _data = new("servicehall-elsa");
    private SiloProcess? _silo;

    public string BaseUrl => _silo!.BaseUrl;

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.StartBuilt(FreePort.Next(),
        [
            $"--ServiceHall:DataFolder={_data.Path}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            $"--ServiceHall:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            SiloProcess.DemoMode,
        ]);
        await _silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _data.Dispose();
    }
}

/// <summary>The test classes share one silo; each makes its own definitions and cases, and the one that republishes a shipped definition restores it.</summary>
[CollectionDefinition(Name)]
public sealed class ElsaSiloCollection : ICollectionFixture<ElsaSilo>
{
    public const string Name = "elsa-silo";
}
