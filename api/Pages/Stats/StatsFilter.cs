using System.Globalization;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Stats;

/// <summary>
/// The hall and period the statistics page shows: a manager's own hall, any hall for an admin; by default the last
/// 30 days up to today in the hall's time. <see cref="Error"/> names the page string explaining a refused filter.
/// </summary>
public sealed record StatsFilter(string Hall, DateOnly From, DateOnly To, bool CanChooseHall, string? Error = null)
{
    public const int DefaultDays = 30;

    public static bool MayRead(CaseActor actor) => actor.Role is StaffRoles.Manager or StaffRoles.Admin;

    public string FromText => Date(From);

    public string ToText => Date(To);

    /// <summary>The same scope as query parameters (for /api/stats/... and the page's own refresh).</summary>
    public string Query => $"hall={Uri.EscapeDataString(Hall)}&from={FromText}&to={ToText}";

    public static StatsFilter Resolve(CaseActor actor, OrganisationDirectory organisation, DateOnly today, string? hall, string? from, string? to)
    {
        var canChoose = actor.Role == StaffRoles.Admin;
        var defaultTo = today;
        var defaultFrom = today.AddDays(1 - DefaultDays);
        var scope = canChoose ? organisation.FindHall(hall ?? actor.Hall)?.Code ?? organisation.Halls.FirstOrDefault()?.Code ?? "" : actor.Hall ?? "";
        string? error = null;
        if (organisation.FindHall(scope) is null || (canChoose && hall is { Length: > 0 } && organisation.FindHall(hall) is null))
        {
            error = "error.hall";
        }

        var first = Parse(from, defaultFrom, ref error);
        var last = Parse(to, defaultTo, ref error);
        if (error is null && first > last)
        {
            error = "error.order";
        }

        return new StatsFilter(scope, first, last, canChoose, error);
    }

    private static DateOnly Parse(string? text, DateOnly fallback, ref string? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        error ??= "error.date";
        return fallback;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
