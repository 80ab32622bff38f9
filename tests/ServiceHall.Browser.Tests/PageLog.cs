using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// What one page did, with times since it opened: console messages, uncaught errors, each request with its status
/// and duration (or its failure), WebSockets, navigations and lifecycle events. Written next to the page's final
/// screenshot, it shows what a failed wait was waiting for.
/// </summary>
public sealed class PageLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly StringBuilder _lines = new();

    public PageLog(IPage page)
    {
        page.Console += (_, message) => Add($"console {message.Type}: {message.Text}");
        page.PageError += (_, error) => Add($"page error: {error}");
        page.Request += (_, request) => Add($"→ {request.Method} {PathOf(request.Url)}");
        page.Response += (_, response) => Add($"← {response.Status} {response.Request.Method} {PathOf(response.Url)}");
        page.RequestFinished += (_, request) => Add($"done {request.Method} {PathOf(request.Url)}");
        page.RequestFailed += (_, request) => Add($"✗ {request.Method} {PathOf(request.Url)}: {request.Failure}");
        page.WebSocket += (_, socket) =>
        {
            Add($"websocket open {PathOf(socket.Url)}");
            socket.Close += (_, _) => Add($"websocket closed {PathOf(socket.Url)}");
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                Add($"navigated to {PathOf(frame.Url)}");
            }
        };
        page.DOMContentLoaded += (_, _) => Add("DOMContentLoaded");
        page.Load += (_, _) => Add("load");
        page.Close += (_, _) => Add("page closed");
    }

    public string Text()
    {
        lock (_lines)
        {
            return _lines.ToString();
        }
    }

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Append($"{_clock.Elapsed.TotalSeconds,8:F3} s  ").AppendLine(line);
        }
    }

    private static string PathOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ws" or "wss" ? uri.PathAndQuery : url;
}
