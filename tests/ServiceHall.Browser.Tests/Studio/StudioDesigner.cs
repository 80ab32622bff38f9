using Microsoft.Playwright;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>A point in the page's client coordinates, the ones <see cref="IMouse"/> takes.</summary>
public readonly record struct Point(double X, double Y)
{
    public static Point Center(LocatorBoundingBoxResult box) => new(box.X + box.Width / 2, box.Y + box.Height / 2);
}

/// <summary>
/// The studio's designer (or the instance viewer's read-only copy of it) driven the way a person does: the toolbar by
/// its tooltips, the toolbox by dragging an entry onto the canvas, ports and edges of the X6 graph with the mouse.
/// X6 draws nodes as SVG groups (<c>g.x6-node[data-cell-id=activity id]</c>) holding the activity card in a
/// foreignObject and one <c>g.x6-port-body[port][port-group]</c> per port; edges are <c>g.x6-edge</c> paths.
/// </summary>
public sealed class StudioDesigner(IPage page, string host = StudioDesigner.EditorElement)
{
    public const string EditorElement = "elsa-workflow-definition-editor";
    public const string ViewerElement = "elsa-workflow-instance-viewer";

    private static readonly LocatorBoundingBoxOptions Quick = new() { Timeout = BrowserTest.Patience };

    public ILocator Nodes => page.Locator($"{host} g.x6-node");

    public ILocator Graph => page.Locator($"{host} .x6-graph");

    public Task<string[]> NodeIdsAsync() => Nodes.EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.getAttribute('data-cell-id'))");

    public ILocator Label(string activityId) => page.Locator($"{host} g.x6-node[data-cell-id=\"{activityId}\"] .activity-label");

    // ---- toolbar --------------------------------------------------------------------------------------------------

    private ILocator ToolbarItems => page.Locator($"{host} [role=toolbar] .mud-tooltip-root:has(button)");

    private ILocator OpenTooltips => page.Locator(".mud-tooltip.mud-popover-open");

    /// <summary>The tooltip of every toolbar button, as a pointer hovering each one shows it (the buttons have no text).</summary>
    public async Task<IReadOnlyList<string>> ToolbarTooltipsAsync()
    {
        var tooltips = new List<string>();
        await foreach (var (tooltip, _) in ToolbarAsync())
        {
            tooltips.Add(tooltip);
        }

        return tooltips;
    }

    public async Task<ILocator> ToolbarButtonAsync(string tooltip)
    {
        var seen = new List<string>();
        await foreach (var (text, button) in ToolbarAsync())
        {
            if (text == tooltip)
            {
                return button;
            }

            seen.Add(text);
        }

        throw new InvalidOperationException($"No toolbar button with the tooltip '{tooltip}'; the toolbar has: {string.Join(" | ", seen)}.");
    }

    private async IAsyncEnumerable<(string Tooltip, ILocator Button)> ToolbarAsync()
    {
        var count = await ToolbarItems.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var item = ToolbarItems.Nth(i);
            if (!await item.IsVisibleAsync())
            {
                continue;
            }

            await item.HoverAsync();
            var text = "";
            try
            {
                await OpenTooltips.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 3_000 });
                text = (await OpenTooltips.First.InnerTextAsync()).Trim();
            }
            catch (TimeoutException)
            {
                // A button without a tooltip.
            }

            // Away from the toolbar, so the next hover's tooltip is the only one open.
            await page.Mouse.MoveAsync(1, 1);
            await Assertions.Expect(OpenTooltips).ToHaveCountAsync(0);
            yield return (text, item.Locator("button").First);
        }
    }

    // ---- canvas ---------------------------------------------------------------------------------------------------

    public async Task ZoomToFitAsync()
    {
        await (await ToolbarButtonAsync("Zoom to fit the screen")).ClickAsync();
        await page.Mouse.MoveAsync(1, 1);
        await Assertions.Expect(OpenTooltips).ToHaveCountAsync(0);
        await WaitForSteadyViewAsync();
    }

    /// <summary>Waits until the graph's pan/zoom transform stops changing (X6 may animate a zoom).</summary>
    public async Task WaitForSteadyViewAsync() =>
        await page.WaitForFunctionAsync(
            """
            host => {
                const viewport = document.querySelector(host + ' .x6-graph-svg-viewport');
                const transform = viewport && viewport.getAttribute('transform');
                const steady = transform !== null && window.__studioTransform === transform;
                window.__studioTransform = transform;
                return steady;
            }
            """,
            host, new PageWaitForFunctionOptions { PollingInterval = 250, Timeout = BrowserTest.Patience });

    /// <summary>Where a point of the graph (the coordinates stored in metadata.designer.position) is on the page now.</summary>
    public async Task<Point> ToClientAsync(double x, double y)
    {
        var point = await page.EvaluateAsync<double[]>(
            """
            ([host, x, y]) => {
                const m = document.querySelector(host + ' .x6-graph-svg-viewport').getScreenCTM();
                return [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
            }
            """,
            new object[] { host, x, y });
        return new Point(point[0], point[1]);
    }

    public async Task<Point> PortAsync(string activityId, string port, string group)
    {
        var circle = page.Locator($"{host} g.x6-node[data-cell-id=\"{activityId}\"] g.x6-port-body[port=\"{port}\"][port-group=\"{group}\"] circle.elsa-designer-port-circle");
        return Point.Center((await circle.BoundingBoxAsync(Quick))
            ?? throw new InvalidOperationException($"Port {port} ({group}) of '{activityId}' is not on the canvas."));
    }

    /// <summary>Press, move in small steps (X6 and HTML drag-and-drop both need intermediate moves), release.</summary>
    public async Task DragAsync(Point from, Point to)
    {
        await page.Mouse.MoveAsync((float)from.X, (float)from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)from.X + 6, (float)from.Y + 6, new MouseMoveOptions { Steps = 3 });
        await page.Mouse.MoveAsync((float)to.X, (float)to.Y, new MouseMoveOptions { Steps = 20 });
        await page.Mouse.UpAsync();
    }

    /// <summary>
    /// Clicks empty canvas, which clears the selection: a selected node wears a selection box that sits over its ports
    /// and would turn a drag from a port into moving the node.
    /// </summary>
    public async Task ClickBlankAsync()
    {
        var spot = await page.EvaluateAsync<double[]?>(
            """
            host => {
                const graph = document.querySelector(host + ' .x6-graph');
                const r = graph.getBoundingClientRect();
                for (let y = r.top + 15; y < r.bottom - 15; y += 15)
                    for (let x = r.left + 15; x < r.right - 15; x += 15) {
                        const hit = document.elementFromPoint(x, y);
                        if (hit && graph.contains(hit) && !hit.closest('.x6-cell, .x6-cell-tools, [class*="x6-widget"]'))
                            return [x, y];
                    }
                return null;
            }
            """,
            host) ?? throw new InvalidOperationException("The canvas has no empty spot to click.");
        await page.Mouse.ClickAsync((float)spot[0], (float)spot[1]);
        await Assertions.Expect(page.Locator($"{host} .x6-widget-selection-box")).ToHaveCountAsync(0);
    }

    /// <summary>Drags a port onto another node's port. The press is a little off the port's centre, where an edge
    /// already leaving it would otherwise take the press (and add a bend instead of a new connection).</summary>
    public async Task ConnectAsync(string sourceId, string outcome, string targetId)
    {
        await ClickBlankAsync();
        var outPort = await PortAsync(sourceId, outcome, "out");
        var inPort = await PortAsync(targetId, "In", "in");
        await DragAsync(new Point(outPort.X - 2, outPort.Y - 2), inPort);
    }

    /// <summary>The edge whose path runs from one port to another (the DOM does not name an edge's ends).</summary>
    public async Task<string?> EdgeAsync(Point source, Point target)
    {
        var found = await page.EvaluateAsync<string?>(
            """
            ([host, sx, sy, tx, ty]) => {
                let best = null, bestScore = 6;
                for (const edge of document.querySelectorAll(host + ' g.x6-edge')) {
                    const path = edge.querySelector('path');
                    const length = path.getTotalLength(), m = path.getScreenCTM();
                    const at = d => { const p = path.getPointAtLength(d); return [m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f]; };
                    const [ax, ay] = at(0), [bx, by] = at(length);
                    const score = Math.hypot(ax - sx, ay - sy) + Math.hypot(bx - tx, by - ty);
                    if (score < bestScore) { best = edge.getAttribute('data-cell-id'); bestScore = score; }
                }
                return best;
            }
            """,
            new object[] { host, source.X, source.Y, target.X, target.Y });
        return found;
    }

    /// <summary>Hovers the edge where nothing else covers it, then clicks the remove button the designer shows on hover.</summary>
    public async Task RemoveEdgeAsync(string edgeId)
    {
        var spot = await page.EvaluateAsync<double[]?>(
            """
            ([host, id]) => {
                const edge = document.querySelector(`${host} g.x6-edge[data-cell-id="${id}"]`);
                const path = edge.querySelector('path');
                const length = path.getTotalLength(), m = path.getScreenCTM();
                for (let i = 1; i < 60; i++) {
                    const p = path.getPointAtLength(length * i / 60);
                    const x = m.a * p.x + m.c * p.y + m.e, y = m.b * p.x + m.d * p.y + m.f;
                    const hit = document.elementFromPoint(x, y);
                    if (hit && hit.closest('g.x6-edge') === edge) return [x, y];
                }
                return null;
            }
            """,
            new object[] { host, edgeId }) ?? throw new InvalidOperationException($"Edge {edgeId} is covered everywhere; it cannot be hovered.");
        await page.Mouse.MoveAsync((float)spot[0], (float)spot[1], new MouseMoveOptions { Steps = 5 });
        var remove = page.Locator($"{host} g.x6-cell-tool-button[data-tool-name=\"button-remove\"][data-cell-id=\"{edgeId}\"]").First;
        await remove.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = BrowserTest.Patience });
        var button = Point.Center((await remove.BoundingBoxAsync(Quick))!);
        await page.Mouse.MoveAsync((float)button.X, (float)button.Y, new MouseMoveOptions { Steps = 3 });
        await page.Mouse.ClickAsync((float)button.X, (float)button.Y);
        await Assertions.Expect(page.Locator($"{host} g.x6-edge[data-cell-id=\"{edgeId}\"]")).ToHaveCountAsync(0);
    }

    // ---- toolbox --------------------------------------------------------------------------------------------------

    /// <summary>
    /// Opens the toolbox category and drags the entry onto the canvas (HTML drag and drop, which Chromium starts from
    /// real mouse input); returns the new node's activity id. A drag that started while the category was still
    /// unfolding selects text instead of dropping, so a drop that added no node is tried again (three times at most).
    /// </summary>
    public async Task<string> DropFromToolboxAsync(string category, string entry, Point target)
    {
        var panel = page.Locator($"{host} .mud-expand-panel").Filter(new LocatorFilterOptions
        {
            Has = page.Locator(".mud-expand-panel-header", new PageLocatorOptions { HasTextString = category }),
        });
        if (!await panel.Locator(".mud-collapse-entered").IsVisibleAsync())
        {
            await panel.Locator(".mud-expand-panel-header").ClickAsync();
        }

        await panel.Locator(".mud-collapse-entered").WaitForAsync();
        var item = panel.Locator("div[draggable=true]").Filter(new LocatorFilterOptions { HasTextString = entry });
        await item.ScrollIntoViewIfNeededAsync();
        var before = await NodeIdsAsync();
        for (var attempt = 1; ; attempt++)
        {
            await DragAsync(Point.Center((await item.BoundingBoxAsync(Quick))!), target);
            try
            {
                await page.WaitForFunctionAsync("([host, n]) => document.querySelectorAll(host + ' g.x6-node').length > n",
                    new object[] { host, before.Length }, new PageWaitForFunctionOptions { Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }

        return (await NodeIdsAsync()).Except(before).Single();
    }
}
