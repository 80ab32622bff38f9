using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Base of the browser tests: a fresh browser context per test (Chinese locale, the silo as base URL), sign-in through
/// the real login form, screenshots saved under artifacts/screenshots, and the API for arranging cases.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserFixture Fixture { get; } = fixture;

    protected ITestOutputHelper Output { get; } = output;

    protected CaseWalker Walker { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    public virtual Task InitializeAsync()
    {
        Prerequisites.Require(BrowserFixture.ChromiumInstalled, $"Chromium ({BrowserFixture.ChromiumPath}, Debian package chromium)");
        Walker = new CaseWalker(Fixture.BaseUrl);
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        Walker?.Dispose();
    }

    /// <summary>A new page in its own context; signed in through /login when a username is given.</summary>
    protected async Task<IPage> OpenAsync(string path, string? username = null, ViewportSize? viewport = null)
    {
        var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = viewport ?? new ViewportSize { Width = 1400, Height = 900 },
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (ShouldLog(message))
            {
                Output.WriteLine($"[browser {message.Type}] {message.Text}");
            }
        };
        page.PageError += (_, error) => Output.WriteLine($"[browser error] {error}");
        if (username is not null)
        {
            await SignInAsync(page, username, path);
        }
        else
        {
            await page.GotoAsync(path);
        }

        return page;
    }

    /// <summary>Which browser console messages go to the test output (all, unless a page is chatty).</summary>
    protected virtual bool ShouldLog(IConsoleMessage message) => true;

    protected static async Task SignInAsync(IPage page, string username, string returnUrl)
    {
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", ApiClient.DemoPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == returnUrl || new Uri(url).AbsolutePath == returnUrl);
    }

    /// <summary>A full-page PNG under artifacts/screenshots, kept as a test artefact.</summary>
    protected async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Output.WriteLine($"screenshot: {path}");
    }
}
