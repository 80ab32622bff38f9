using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Api.Pages.Guide;

/// <summary>
/// A picture of a published workflow for the service guide: each activity of the root flowchart as a box where the
/// designer placed it (its display text), each connection as a line labelled with its outcome. Drawn from the
/// definition itself, so a designer's published change shows at once. Returned as SVG markup; every text is escaped.
/// </summary>
public static class WorkflowPicture
{
    private const double DefaultWidth = 200;
    private const double DefaultHeight = 60;
    private const double Pad = 20;

    // Plumbing the applicant never meets (the start, the clock, internal notices) is left out of the picture.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "Elsa.Start", "ServiceHall.SlaTimer" };

    public sealed record Box(string Id, string Text, string Type, double X, double Y, double Width, double Height);

    public sealed record Line(string From, string To, string Port);

    public static (IReadOnlyList<Box> Boxes, IReadOnlyList<Line> Lines) Layout(WorkflowDefinition definition)
    {
        var activities = definition.Root?.Activities ?? [];
        var boxes = new List<Box>();
        for (var i = 0; i < activities.Count; i++)
        {
            var node = activities[i];
            if (Hidden.Contains(node.Type))
            {
                continue;
            }

            var designer = node.Metadata["designer"] as JsonObject;
            var position = designer?["position"] as JsonObject;
            var size = designer?["size"] as JsonObject;
            boxes.Add(new Box(
                node.Id, node.DisplayText, node.Type,
                Number(position?["x"]) ?? (i % 4) * 240,
                Number(position?["y"]) ?? (i / 4) * 120,
                Number(size?["width"]) ?? DefaultWidth,
                Number(size?["height"]) ?? DefaultHeight));
        }

        var shown = boxes.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var lines = (definition.Root?.Connections ?? [])
            .Where(c => shown.Contains(c.Source.Activity) && shown.Contains(c.Target.Activity))
            .Select(c => new Line(c.Source.Activity, c.Target.Activity, c.SourcePort))
            .ToList();
        return (boxes, lines);
    }

    public static string Svg(WorkflowDefinition definition, string title)
    {
        var (boxes, lines) = Layout(definition);
        if (boxes.Count == 0)
        {
            return "";
        }

        // Designer positions are the boxes' top-left corners on Elsa Studio's canvas; lines join the centres.
        var left = boxes.Min(b => b.X) - Pad;
        var top = boxes.Min(b => b.Y) - Pad;
        var width = boxes.Max(b => b.X + b.Width) - left + Pad;
        var height = boxes.Max(b => b.Y + b.Height) - top + Pad;
        var byId = boxes.ToDictionary(b => b.Id, StringComparer.Ordinal);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"workflow-picture\" role=\"img\" viewBox=\"{F(left)} {F(top)} {F(width)} {F(height)}\" data-testid=\"workflow-picture\">");
        svg.Append("<title>").Append(E(title)).Append("</title>");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#888\"/></marker></defs>");
        foreach (var line in lines)
        {
            var (from, to) = (Centre(byId[line.From]), Centre(byId[line.To]));
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"wf-line\" data-from=\"{E(line.From)}\" data-to=\"{E(line.To)}\"><line x1=\"{F(from.X)}\" y1=\"{F(from.Y)}\" x2=\"{F(to.X)}\" y2=\"{F(to.Y)}\" stroke=\"#888\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{F((from.X + to.X) / 2)}\" y=\"{F(((from.Y + to.Y) / 2) - 4)}\" font-size=\"11\" fill=\"#666\" text-anchor=\"middle\">{E(line.Port)}</text></g>");
        }

        foreach (var box in boxes)
        {
            var human = box.Type.StartsWith("ServiceHall.", StringComparison.Ordinal) && box.Type != "ServiceHall.Notify";
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"wf-box\" data-activity=\"{E(box.Id)}\"><rect x=\"{F(box.X)}\" y=\"{F(box.Y)}\" width=\"{F(box.Width)}\" height=\"{F(box.Height)}\" rx=\"8\" fill=\"{(human ? "#fdecea" : "#f4f4f4")}\" stroke=\"{(human ? "#bb0000" : "#999")}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{F(box.X + (box.Width / 2))}\" y=\"{F(box.Y + (box.Height / 2) + 5)}\" font-size=\"14\" text-anchor=\"middle\">{E(box.Text)}</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static (double X, double Y) Centre(Box box) => (box.X + (box.Width / 2), box.Y + (box.Height / 2));

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out double number) ? number : null;

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => System.Net.WebUtility.HtmlEncode(text);
}
