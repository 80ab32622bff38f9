using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using IRequest = Microsoft.Playwright.IRequest;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>
/// Base of the tests that drive the stock Elsa Studio 3.8.2 at /studio/ (our host page around its custom elements) in
/// Chromium. The studio is a Blazor WebAssembly app of about 76 MB; the first load on a busy 2-core machine takes tens of
/// seconds, so waits for it are long but bounded, and every wait is for something on the page, never a fixed sleep.
/// </summary>
[Collection(StudioCollection.Name)]
public abstract class StudioTest(StudioFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    public const string Standard = "servicehall-standard";

    /// <summary>A service item whose cases run the standard-case definition.</summary>
    public const string StandardItem = "GZ-SCJG-002";

    protected const float FirstLoad = 120_000;
    protected const float ViewChange = 60_000;

    /// <summary>
    /// A large screen, so that the toolbox, the canvas and both property panels all have room and drags land where a
    /// test aims (the shipped flows fit a 1366×768 screen too: StudioZoomToFitTests).
    /// </summary>
    protected static readonly ViewportSize Wide = new() { Width = 2560, Height = 1440 };

    protected static readonly LocatorAssertionsToHaveCountOptions Rendered = new() { Timeout = ViewChange };

    // The studio logs every HTTP call at Information level; its warnings and errors are what explains a failure.
    protected override bool ShouldLog(IConsoleMessage message) =>
        message.Type is "error" or "warning" && !message.Text.Contains("manhattan algorithm", StringComparison.Ordinal);

    protected Task<IPage> OpenStudioAsync(string username, ViewportSize? viewport = null) => OpenAsync("/studio/", username, viewport ?? Wide);

    protected static ILocator ListCell(IPage page, string definitionId, string column) =>
        page.Locator("elsa-workflow-definition-list tbody tr")
            .Filter(new LocatorFilterOptions { Has = page.Locator($"td[data-label=ID]:text-is(\"{definitionId}\")") })
            .Locator($"td[data-label=\"{column}\"]");

    protected static Task WaitForDefinitionListAsync(IPage page) =>
        page.Locator("elsa-workflow-definition-list td[data-label=ID]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = FirstLoad });

    /// <summary>Clicks the definition's row in the list, as a designer does; the host page switches to the designer.</summary>
    protected static async Task<StudioDesigner> OpenDefinitionAsync(IPage page, string definitionId)
    {
        await ListCell(page, definitionId, "ID").ClickAsync();
        await WaitForUrlAsync(page, url => url.Fragment == "#/definitions/" + definitionId);
        var designer = new StudioDesigner(page);
        await designer.Nodes.First.WaitForAsync(new LocatorWaitForOptions { Timeout = ViewChange });
        return designer;
    }

    /// <summary>Blazor shows #blazor-error-ui on any unhandled exception in a studio component.</summary>
    protected static Task AssertNoStudioErrorAsync(IPage page) => Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();

    protected static bool IsSave(IRequest request) =>
        request.Method == "POST" && new Uri(request.Url).AbsolutePath == "/elsa/api/workflow-definitions";

    /// <summary>
    /// Runs a designer action and waits for the save the designer sends for it (autosave, about 500 ms after an edit,
    /// or publish), identified by what the posted model carries; returns the stored definition from the response.
    /// </summary>
    protected static async Task<JsonNode> SaveAsync(IPage page, Func<Task> action, bool publish, Func<JsonNode, bool> carries, string what)
    {
        IResponse response;
        try
        {
            response = await page.RunAndWaitForResponseAsync(action, r => IsSave(r.Request) && Posted(r.Request) is { } body
                && (body["publish"] is JsonValue flag && flag.GetValue<bool>()) == publish && carries(body["model"]!),
                new PageRunAndWaitForResponseOptions { Timeout = 30_000 });
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"The designer sent no {(publish ? "publish" : "autosave")} carrying {what} within 30 s.", ex);
        }

        var text = await response.TextAsync();
        Assert.True(response.Status == 200, $"saving {what}: {response.Status} {text}");
        return JsonNode.Parse(text)!["workflowDefinition"]!;

        static JsonNode? Posted(IRequest request) => request.PostData is { } data ? JsonNode.Parse(data) : null;
    }

    public static JsonArray Activities(JsonNode definition) => definition["root"]!["activities"]!.AsArray();

    public static string Id(JsonNode? node) => node!["id"]!.GetValue<string>();

    public static string Text(JsonNode? node, string property) => node![property]!.GetValue<string>();

    /// <summary>What the canvas and the journal call an activity: its display text, else its name.</summary>
    public static string DisplayName(JsonNode activity) =>
        activity["metadata"]?["displayText"]?.GetValue<string>() is { Length: > 0 } text ? text : Text(activity, "name");

    public static bool HasConnection(JsonNode definition, string source, string port, string target) =>
        definition["root"]!["connections"]!.AsArray().Any(c =>
            Text(c!["source"], "activity") == source && (c["source"]!["port"]?.GetValue<string>() ?? "Done") == port && Text(c["target"], "activity") == target);
}
