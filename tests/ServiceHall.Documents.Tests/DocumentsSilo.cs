using System.Security.Cryptography;
using ServiceHall.TestSupport;

namespace ServiceHall.Documents.Tests;

/// <summary>
/// One silo process for the document tests, with a public base URL configured (as a hall behind a proxy has), and
/// the cases they read: <see cref="Approved"/> went through a correction round to its certificate, <see cref="Rejected"/>
/// was turned away at the window, <see cref="Denied"/> was denied by the department after review.
/// </summary>
public sealed class DocumentsSilo : IAsyncLifetime
{
    // With a path and a trailing slash, to prove both survive into the printed URLs as a hall would expect.
    public const string PublicBaseUrl = "https://zwfw.gz.example/hall/";

    private readonly TemporaryFolder _data = new("servicehall-documents");
    private SiloProcess? _silo;

    public string BaseUrl => _silo!.BaseUrl;

    public WalkedCase Approved { get; private set; } = null!;

    public WalkedCase Rejected { get; private set; } = null!;

    /// <summary>Accepted, then denied by the department after review (不予行政许可).</summary>
    public WalkedCase Denied { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new[]
        {
            $"--ServiceHall:DataFolder={_data.Path}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            $"--ServiceHall:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--ServiceHall:PublicBaseUrl={PublicBaseUrl}",
            SiloProcess.DemoMode,
        };
        _silo = SiloProcess.StartBuilt(FreePort.Next(), settings);
        await _silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));

        using var walker = new CaseWalker(BaseUrl);
        Approved = await walker.WalkToCertificateAsync();
        Rejected = await walker.RejectAsync();
        Denied = await walker.DenyAsync();
    }

    public DocumentClient Client() => new(BaseUrl);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DocumentsCollection : ICollectionFixture<DocumentsSilo>
{
    public const string Name = "documents";
}
