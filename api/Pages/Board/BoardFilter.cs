using System.Globalization;
using Microsoft.AspNetCore.Http;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Pages.Board;

/// <summary>The board's filters, as the page's query string carries them (<c>/board?hall=&amp;window=&amp;…</c>).</summary>
/// <remarks><c>q</c> searches the case number, the applicant and the item (a tracking code opens its case instead).</remarks>
public sealed record BoardFilter(string? Hall, string? Window, string? Department, string? Channel, bool Overdue, string? Q = null)
{
    /// <summary>The board's columns, in the order a case moves through the hall.</summary>
    public static readonly IReadOnlyList<string> Stages =
        ["acceptance", "formal-review", "back-office-review", "awaiting-correction", "certificate", "pickup"];

    /// <param name="ownWindow">
    /// A clerk's own window: the board opens on it when the query does not mention a window at all; an explicit empty
    /// <c>window=</c> (the filter's "any") still shows every window.
    /// </param>
    public static BoardFilter FromQuery(IQueryCollection query, string? ownWindow = null) => new(
        Clean(query["hall"]), query.ContainsKey("window") ? Clean(query["window"]) : ownWindow, Clean(query["department"]), Clean(query["channel"]),
        query["overdue"] is { Count: > 0 } overdue && overdue[0] is "1" or "true" or "on", Clean(query["q"]));

    public CaseQuery ToQuery(string stage) => new()
    {
        Stage = stage,
        Window = Window,
        Department = Department,
        Channel = Channel,
        Overdue = Overdue,
        Text = Q,
        ActiveOnly = true,
    };

    /// <summary>Whether a card belongs on this board (the live path checks what the read model's query checks).</summary>
    public bool Shows(BoardCardModel card) =>
        Stages.Contains(card.Stage)
        && !CaseStatuses.IsFinal(card.Status)
        && (Hall is null || string.Equals(card.Hall, Hall, StringComparison.OrdinalIgnoreCase) || string.Equals(card.DeliveryHall, Hall, StringComparison.OrdinalIgnoreCase))
        && (Window is null || string.Equals(card.Window, Window, StringComparison.OrdinalIgnoreCase))
        && (Department is null || card.Departments.Contains(Department, StringComparer.OrdinalIgnoreCase))
        && (Channel is null || string.Equals(card.Channel, Channel, StringComparison.OrdinalIgnoreCase))
        && (!Overdue || card.SlaState == "breached")
        && (Q is null || card.Number.Contains(Q, StringComparison.OrdinalIgnoreCase)
            || card.ApplicantName.Contains(Q, StringComparison.OrdinalIgnoreCase)
            || card.ItemZh.Contains(Q, StringComparison.OrdinalIgnoreCase));

    public string ToQueryString()
    {
        var parts = new List<string>();
        Add("hall", Hall);
        // Always present, so a live re-read keeps "any window" rather than falling back to the clerk's own.
        parts.Add("window=" + Uri.EscapeDataString(Window ?? ""));
        Add("department", Department);
        Add("channel", Channel);
        Add("q", Q);
        if (Overdue)
        {
            parts.Add("overdue=1");
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={Uri.EscapeDataString(value)}"));
            }
        }
    }

    private static string? Clean(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count > 0 && !string.IsNullOrWhiteSpace(value[0]) ? value[0]!.Trim() : null;
}
