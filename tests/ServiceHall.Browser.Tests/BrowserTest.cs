using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Base of the browser tests: a fresh browser context per test (Chinese locale, the silo as base URL), sign-in through
/// the real login form, screenshots saved under artifacts/screenshots, and the API for arranging cases. Every page
/// keeps a log of its console, errors, requests and lifecycle; when the test ends, the log and a screenshot of each
/// page go to artifacts/browser/{test}/ (kept for failed tests, see <see cref="FailureEvidence"/>).
/// </summary>
/// <remarks>
/// Navigation never waits for the "load" event: pages here hold a SignalR connection, and a wait for "load" once ran
/// out its 30 s in CI on a case page whose scripts had already run and connected. Navigations wait for the new
/// document to commit and for its parser to finish (the pages' scripts are synchronous at the end of the body, so
/// they have run by then); a test then waits for what it needs on the page itself.
/// </remarks>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>How long a page may take to show what a test waits for (a live push, a re-render) on a busy 2-core CI machine.</summary>
    public const float Patience = 30_000;

    private readonly List<(IBrowserContext Context, IPage Page, PageLog Log)> _pages = [];

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
        var folder = FailureEvidence.BrowserFolder(TestNames.Of(Output));
        for (var index = 0; index < _pages.Count; index++)
        {
            var (context, page, log) = _pages[index];
            await KeepEvidenceAsync(folder, index + 1, page, log);
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
        context.SetDefaultTimeout(Patience * 2);
        context.SetDefaultNavigationTimeout(Patience * 2);
        var page = await context.NewPageAsync();
        var log = new PageLog(page);
        _pages.Add((context, page, log));
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
            await GoToAsync(page, path);
        }

        return page;
    }

    /// <summary>Which browser console messages go to the test output (all, unless a page is chatty).</summary>
    protected virtual bool ShouldLog(IConsoleMessage message) => true;

    /// <summary>Navigates and returns once the new document is parsed (its scripts have run); see the remarks above.</summary>
    protected static async Task<IResponse?> GoToAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await ParsedAsync(page);
        return response;
    }

    /// <summary>Reloads, waiting as <see cref="GoToAsync"/> does.</summary>
    protected static async Task ReloadAsync(IPage page)
    {
        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Commit });
        await ParsedAsync(page);
    }

    /// <summary>
    /// Waits until a navigation (a form post, a link, a script) reaches a matching URL and its document is parsed, by
    /// asking the page itself. Not Playwright's WaitForURLAsync: when the URL already matches as it is called, it waits
    /// for the frame's load state as its client recorded it (even with WaitUntil = Commit), and under load that record
    /// can miss the new document's "load": the wait then ran out although the page had loaded and connected its hub
    /// (reproduced here at a load average of 36; the page log showed "load" 0.06 s after the navigation).
    /// </summary>
    protected static Task WaitForUrlAsync(IPage page, Func<Uri, bool> matches) =>
        Eventually.UntilAsync(
            () => DocumentAsync(page),
            document => document is { Parsed: true } && matches(document.Url),
            "a parsed document at the expected URL", TimeSpan.FromMilliseconds(Patience * 2),
            document => document is null ? "navigating" : $"{document.Url} ({(document.Parsed ? "parsed" : "loading")})");

    private static async Task<PageDocument?> DocumentAsync(IPage page)
    {
        try
        {
            var state = await page.EvaluateAsync<string[]>("() => [location.href, document.readyState]");
            return new PageDocument(new Uri(state[0]), state[1] != "loading");
        }
        catch (PlaywrightException)
        {
            // The execution context went away with a navigation in progress; ask the next document.
            return null;
        }
    }

    private sealed record PageDocument(Uri Url, bool Parsed);

    protected static async Task SignInAsync(IPage page, string username, string returnUrl)
    {
        await GoToAsync(page, "/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", ApiClient.DemoPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await WaitForUrlAsync(page, url => url.PathAndQuery == returnUrl || url.AbsolutePath == returnUrl);
    }

    /// <summary>
    /// The document's parser has finished. Polled in the page rather than taken from Playwright's lifecycle events, so a
    /// document that committed before the wait began is recognised as well.
    /// </summary>
    private static Task ParsedAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new PageWaitForFunctionOptions { PollingInterval = 50 });

    /// <summary>A full-page PNG under artifacts/screenshots, kept as a test artefact.</summary>
    protected async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Output.WriteLine($"screenshot: {path}");
    }

    private async Task KeepEvidenceAsync(string folder, int index, IPage page, PageLog log)
    {
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, $"page-{index}.log"), log.Text());
            if (!page.IsClosed)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(folder, $"page-{index}.png"), FullPage = true, Timeout = 10_000,
                });
            }
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException or IOException)
        {
            // Evidence is best effort: the test's own outcome must not change because a dead page cannot be shot.
            Output.WriteLine($"no evidence of page {index}: {exception.Message}");
        }
    }
}
