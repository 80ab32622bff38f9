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

    /// <summary>The error of a manager asking for another hall's figures (answered 403, like the API).</summary>
    public const string OtherHall = "error.otherHall";

    public static bool MayRead(CaseActor actor) => actor.Role is StaffRoles.Manager or StaffRoles.Admin;

    public string FromText => Date(From);

    public string ToText => Date(To);

    /// <summary>The same scope as query parameters (for /api/stats/... and the page's own refresh).</summary>
    public string Query => $"hall={Uri.EscapeDataString(Hall)}&from={FromText}&to={ToText}";

    public static StatsFilter Resolve(CaseActor actor, OrganisationDirectory organisation, DateOnly today, string? hall, string? from, string? to)
    {
        var asked = string.IsNullOrWhiteSpace(hall) ? null : hall.Trim();
        var canChoose = actor.Role == StaffRoles.Admin;
        var (scope, error) = canChoose ? ChosenHall(organisation, asked) : OwnHall(actor, organisation, asked);
        var first = Parse(from, today.AddDays(1 - DefaultDays), ref error);
        var last = Parse(to, today, ref error);
        if (error is null && first > last)
        {
            error = "error.order";
        }

        return new StatsFilter(scope, first, last, canChoose, error);
    }

    /// <summary>An admin's choice, the first hall when none is asked for.</summary>
    private static (string Hall, string? Error) ChosenHall(OrganisationDirectory organisation, string? asked)
    {
        var first = organisation.Halls.FirstOrDefault()?.Code ?? "";
        if (asked is null)
        {
            return (first, first.Length == 0 ? "error.hall" : null);
        }

        return organisation.FindHall(asked) is { } chosen ? (chosen.Code, null) : (first, "error.hall");
    }

    private static (string Hall, string? Error) OwnHall(CaseActor actor, OrganisationDirectory organisation, string? asked)
    {
        var own = organisation.FindHall(actor.Hall)?.Code;
        if (own is null)
        {
            return ("", "error.hall");
        }

        return asked is null || string.Equals(asked, own, StringComparison.OrdinalIgnoreCase) ? (own, null) : (own, OtherHall);
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
