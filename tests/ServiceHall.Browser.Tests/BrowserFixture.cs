using System.Security.Cryptography;
using Microsoft.Playwright;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// One silo process (embedded mode, its own data folder, free ports) and one headless Debian Chromium, shared by the
/// browser tests; each test opens its own browser context, so cookies and pages never leak between tests.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TemporaryFolder _data;
    private SiloProcess? _silo;
    private IPlaywright? _playwright;

    public BrowserFixture()
        : this("servicehall-browser")
    {
    }

    /// <summary>For a collection that needs a silo of its own (xUnit wants one public constructor per fixture).</summary>
    protected BrowserFixture(string dataFolderPrefix) => _data = new TemporaryFolder(dataFolderPrefix);

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => _silo!.BaseUrl;

    public string SiloOutput => _silo?.Output ?? "";

    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    /// <summary>Command-line settings a derived fixture adds to its silo (e.g. calendar days).</summary>
    protected virtual IEnumerable<string> ExtraSettings => [];

    public async Task InitializeAsync()
    {
        if (!ChromiumInstalled)
        {
            // The tests themselves report the missing browser (skip, or fail under CI=true).
            return;
        }

        _silo = SiloProcess.StartBuilt(FreePort.Next(),
        [
            $"--ServiceHall:DataFolder={_data.Path}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            $"--ServiceHall:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            SiloProcess.DemoMode,
            .. ExtraSettings,
        ]);
        await _silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));

        // Expectations wait for the page (a live push, a re-render); Playwright's 5 s default is too tight for a busy
        // 2-core machine. A real defect still fails, only later.
        Assertions.SetDefaultExpectTimeout(BrowserTest.Patience);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's Chromium: Playwright downloads nothing when it is given a browser.
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No look-ups of Google's hosts: the tests reach loopback only.
            Args = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"],
        });
    }

    public async Task DisposeAsync()
    {
        // Null-safe: a failed start must not hide its own error behind one from clean-up.
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
