using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>
/// Issue 22, Elsa Studio: "zoom to fit" clipped both ends of the standard workflow. The studio's zoom to fit never goes
/// below half size (X6 zoomToFit with minScale 0.5 in the designer bundle), so a shipped flow fits only if its layout is
/// compact enough for the canvas at that scale: the shipped definitions lay their steps out in rows (main line down the
/// middle column, corrections and ends beside the step they leave) instead of one 2,700-unit line. Measured on a
/// designer's desktop screen (1920×1080), where the canvas is what the toolbox and the two property panels leave
/// (about 1,300×700 px). On a 1366×768 screen the canvas is about 750×390 px, i.e. 1,420×700 graph units at half size,
/// which sixteen bilingual cards (210–600 units wide with their port labels) cannot share legibly.
/// </summary>
public sealed class StudioZoomToFitTests(StudioFixture fixture, ITestOutputHelper output) : StudioTest(fixture, output)
{
    private static readonly ViewportSize Desktop = new() { Width = 1920, Height = 1080 };

    [SkippableTheory]
    [InlineData(Standard)]
    [InlineData("servicehall-key-project")]
    [InlineData("servicehall-instant")]
    [InlineData("servicehall-cross-city")]
    public async Task AfterZoomToFitEveryActivityOfAShippedWorkflowIsInsideTheCanvas(string definitionId)
    {
        var page = await OpenStudioAsync("designer", Desktop);
        await WaitForDefinitionListAsync(page);
        var designer = await OpenDefinitionAsync(page, definitionId);
        var api = await Walker.AsAsync("designer");
        var definition = (await api.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest")).Json;
        await Assertions.Expect(designer.Nodes).ToHaveCountAsync(Activities(definition).Count, Rendered);

        await designer.ZoomToFitAsync();

        // The cards' sizes in graph units (what a layout has to leave room for), for whoever lays the flow out again.
        var sizes = await page.EvaluateAsync<string[]>(
            "host => [...document.querySelectorAll(host + ' g.x6-node')].map(n => { const b = n.getBBox(); return `${n.getAttribute('data-cell-id')} ${Math.round(b.width)}x${Math.round(b.height)}`; })",
            StudioDesigner.EditorElement);
        Output.WriteLine($"{definitionId} cards: {string.Join(", ", sizes)}");

        // Each node's card against the visible canvas, in page pixels.
        var outside = await page.EvaluateAsync<string[]>(
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
                return [...document.querySelectorAll(host + ' g.x6-node')].map(node => {
                    const r = node.getBoundingClientRect();
                    const inside = r.left >= canvas.left - 0.5 && r.right <= canvas.right + 0.5 && r.top >= canvas.top - 0.5 && r.bottom <= canvas.bottom + 0.5;
                    return inside ? null : `${node.getAttribute('data-cell-id')} [${Math.round(r.left)}..${Math.round(r.right)}] x [${Math.round(r.top)}..${Math.round(r.bottom)}]`
                        + ` outside the canvas [${Math.round(canvas.left)}..${Math.round(canvas.right)}] x [${Math.round(canvas.top)}..${Math.round(canvas.bottom)}]`;
                }).filter(Boolean);
            }
            """,
            StudioDesigner.EditorElement);
        Assert.True(outside.Length == 0, string.Join(Environment.NewLine, outside));
        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, $"studio-zoom-to-fit-{definitionId}");
    }
}
