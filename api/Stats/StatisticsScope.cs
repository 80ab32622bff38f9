using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Stats;

/// <summary>Who may read a hall's figures, and over which dates: shared by every statistics endpoint.</summary>
internal static class StatisticsScope
{
    /// <summary>The hall and period asked for, or the problem to answer: managers see their own hall, admins any.</summary>
    public static (string Hall, DateOnly From, DateOnly To, IResult? Problem) Resolve(
        CaseActor actor, OrganisationDirectory organisation, string? hall, string? from, string? to)
    {
        if (actor.Role is not (StaffRoles.Manager or StaffRoles.Admin))
        {
            return Refused(Problems.Result(StatusCodes.Status403Forbidden, FieldError.Of("role", ErrorCodes.StatsRoleNotAllowed, "Statistics are for managers and admins.")));
        }

        var scope = hall ?? actor.Hall ?? organisation.Halls.FirstOrDefault()?.Code;
        if (scope is null || organisation.FindHall(scope) is null)
        {
            return Refused(Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("hall", ErrorCodes.HallUnknown, $"No hall '{scope}'.", ("hall", scope))));
        }

        if (actor.Role == StaffRoles.Manager && !string.Equals(scope, actor.Hall, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(Problems.Result(StatusCodes.Status403Forbidden, FieldError.Of("hall", ErrorCodes.ScopeOtherHall, $"You manage hall '{actor.Hall}'.")));
        }

        // Both dates are checked before answering, so a filter with two bad dates names both.
        var errors = new List<FieldError>();
        if (!QueryDates.TryParse(from, DateOnly.MinValue, out var first))
        {
            errors.Add(FieldError.Of("from", ErrorCodes.FieldDate, "from is a date, yyyy-MM-dd."));
        }

        if (!QueryDates.TryParse(to, DateOnly.MaxValue, out var last))
        {
            errors.Add(FieldError.Of("to", ErrorCodes.FieldDate, "to is a date, yyyy-MM-dd."));
        }

        if (errors.Count > 0)
        {
            return Refused(Problems.BadRequest(errors));
        }

        return (scope, first, last, null);
    }

    private static (string, DateOnly, DateOnly, IResult?) Refused(IResult problem) => ("", default, default, problem);
}
