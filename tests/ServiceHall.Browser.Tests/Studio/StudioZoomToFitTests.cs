using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>
/// Issue 22, Elsa Studio: "zoom to fit" clipped both ends of the standard workflow. The studio's zoom to fit
/// (designer bundle: X6 <c>zoomToFit({ padding: 20, minScale: 0.5, maxScale: 3 })</c>) scales the nodes' boxes into the
/// graph element but never below half size, so a shipped flow fits only if its layout, at half size, is no larger than
/// the canvas (less 20 px each side, where the port labels beyond each card's box must also stay). Measured on a
/// clerk's or manager's 1366×768 screen, where the canvas is what the toolbox, the property panel and the activity
/// panel below leave, and on a designer's 1920×1080 screen.
/// </summary>
public sealed class StudioZoomToFitTests(StudioFixture fixture, ITestOutputHelper output) : StudioTest(fixture, output)
{
    [SkippableTheory]
    [InlineData(Standard, 1366, 768)]
    [InlineData("servicehall-key-project", 1366, 768)]
    [InlineData("servicehall-instant", 1366, 768)]
    [InlineData("servicehall-cross-city", 1366, 768)]
    [InlineData(Standard, 1920, 1080)]
    [InlineData("servicehall-key-project", 1920, 1080)]
    [InlineData("servicehall-instant", 1920, 1080)]
    [InlineData("servicehall-cross-city", 1920, 1080)]
    public async Task AfterZoomToFitEveryActivityOfAShippedWorkflowIsInsideTheCanvas(string definitionId, int width, int height)
    {
        var page = await OpenStudioAsync("designer", new ViewportSize { Width = width, Height = height });
        await WaitForDefinitionListAsync(page);
        var designer = await OpenDefinitionAsync(page, definitionId);
        var api = await Walker.AsAsync("designer");
        var definition = (await api.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest")).Json;
        await Assertions.Expect(designer.Nodes).ToHaveCountAsync(Activities(definition).Count, Rendered);

        await designer.ZoomToFitAsync();

        // The cards' sizes in graph units (what a layout has to leave room for), and the canvas, for whoever lays the
        // flow out again.
        var sizes = await page.EvaluateAsync<string[]>(
            "host => [...document.querySelectorAll(host + ' g.x6-node')].map(n => { const b = n.getBBox(); return `${n.getAttribute('data-cell-id')} ${Math.round(b.width)}x${Math.round(b.height)}`; })",
            StudioDesigner.EditorElement);
        Output.WriteLine($"{definitionId} cards: {string.Join(", ", sizes)}");

        // Each node's card against the visible canvas, in page pixels.
        var measured = await page.EvaluateAsync<string[]>(
            """
            host => {
                // What of the canvas is on screen: the graph element, cut by every ancestor that clips it (the activity
                // panel below the canvas covers the graph's lower part) and by the window.
                const graph = document.querySelector(host + ' .x6-graph');
                const g = graph.getBoundingClientRect();
                const canvas = { left: Math.max(g.left, 0), top: Math.max(g.top, 0), right: Math.min(g.right, innerWidth), bottom: Math.min(g.bottom, innerHeight) };
                for (let e = graph.parentElement; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host) || null) {
                    const style = getComputedStyle(e);
                    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
                        const r = e.getBoundingClientRect();
                        canvas.left = Math.max(canvas.left, r.left); canvas.top = Math.max(canvas.top, r.top);
                        canvas.right = Math.min(canvas.right, r.right); canvas.bottom = Math.min(canvas.bottom, r.bottom);
                    }
                }
                const nodes = [...document.querySelectorAll(host + ' g.x6-node')].map(n => n.getBoundingClientRect());
                const extent = nodes.reduce((a, r) => ({ left: Math.min(a.left, r.left), top: Math.min(a.top, r.top), right: Math.max(a.right, r.right), bottom: Math.max(a.bottom, r.bottom) }),
                    { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity });
                const scale = document.querySelector(host + ' .x6-graph-svg-viewport').getScreenCTM().a;
                const summary = `canvas ${Math.round(canvas.right - canvas.left)}x${Math.round(canvas.bottom - canvas.top)} px (graph element ${Math.round(g.width)}x${Math.round(g.height)}),`
                    + ` nodes ${Math.round(extent.right - extent.left)}x${Math.round(extent.bottom - extent.top)} px at scale ${scale.toFixed(3)}`;
                return [summary, ...[...document.querySelectorAll(host + ' g.x6-node')].map(node => {
                    const r = node.getBoundingClientRect();
                    const inside = r.left >= canvas.left - 0.5 && r.right <= canvas.right + 0.5 && r.top >= canvas.top - 0.5 && r.bottom <= canvas.bottom + 0.5;
                    return inside ? null : `${node.getAttribute('data-cell-id')} [${Math.round(r.left)}..${Math.round(r.right)}] x [${Math.round(r.top)}..${Math.round(r.bottom)}]`
                        + ` outside the canvas [${Math.round(canvas.left)}..${Math.round(canvas.right)}] x [${Math.round(canvas.top)}..${Math.round(canvas.bottom)}]`;
                }).filter(Boolean)];
            }
            """,
            StudioDesigner.EditorElement);
        Output.WriteLine($"{definitionId} at {width}×{height}: {measured[0]}");
        var outside = measured.Skip(1).ToArray();
        Assert.True(outside.Length == 0, string.Join(Environment.NewLine, outside));
        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, $"studio-zoom-to-fit-{definitionId}-{width}");
        await DocumentationShotAsync(page, definitionId, width);
    }

    /// <summary>
    /// The canvas of each shipped flow on a clerk-size screen after zoom to fit, for docs/screenshots, only when
    /// docs/screenshots/take.sh asks (an ordinary test run leaves the clone's tracked files alone). Under 150 KB.
    /// </summary>
    private async Task DocumentationShotAsync(IPage page, string definitionId, int width)
    {
        if (width != 1366 || Environment.GetEnvironmentVariable(DocumentationScreenshots.Switch) != "1")
        {
            return;
        }

        // The canvas and the designer's toolbar above it (with the zoom-to-fit button): the panels around say nothing here.
        var graph = await new StudioDesigner(page).Graph.BoundingBoxAsync() ?? throw new InvalidOperationException("The canvas is not on the page.");
        var top = Math.Max(0, graph.Y - 64);
        var file = Path.Combine(RepositoryPaths.Root, "docs", "screenshots", $"studio-zoom-to-fit-{definitionId["servicehall-".Length..]}-1366.png");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = file,
            Animations = ScreenshotAnimations.Disabled,
            Clip = new Clip { X = graph.X, Y = top, Width = graph.Width, Height = Math.Min(graph.Y + graph.Height, 768) - top },
        });
        var bytes = new FileInfo(file).Length;
        Output.WriteLine($"{Path.GetFileName(file)}: {bytes / 1024} KB");
        Assert.True(bytes <= 150 * 1024, $"{Path.GetFileName(file)} is {bytes / 1024} KB (limit 150 KB)");
    }
}
