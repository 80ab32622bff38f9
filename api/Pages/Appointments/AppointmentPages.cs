using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Appointments;
using ServiceHall.Api.Auth;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Time;

namespace ServiceHall.Api.Pages.Appointments;

/// <summary>
/// <c>/appointments</c> (applicant: item → date → slot, confirmation and manage by code), <c>/appointments/today</c>
/// (a window's day for clerks: booked, checked in, no-show, with check-in) and <c>/appointments/slots</c> (admin
/// configuration). The pages read grains directly; their scripts change state through <c>/api/appointments</c>.
/// </summary>
public static class AppointmentPages
{
    public static IEndpointRouteBuilder MapAppointmentPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPage("/appointments", ShowBookingAsync);
        endpoints.MapStaffPage("/appointments/today", ShowTodayAsync);
        endpoints.MapStaffPage("/appointments/slots", ShowSlotsAsync);
        return endpoints;
    }

    private static async Task<IResult> ShowBookingAsync(
        IGrainFactory grains, OrganisationDirectory organisation, WorkingCalendar calendar,
        [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock, string? hall, string? item, string? date, string? code, string? moveDate)
    {
        var hallCode = organisation.FindHall(hall)?.Code ?? organisation.Halls[0].Code;
        var items = (await grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetItemsAsync())
            .Where(i => i.Channels.Contains(ServiceChannels.Window)).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        var today = calendar.LocalDate(clock.GetUtcNow());
        var day = AppointmentParsing.TryDate(date, out var parsed) ? parsed : today;
        var selected = items.FirstOrDefault(i => string.Equals(i.Code, item, StringComparison.OrdinalIgnoreCase));
        var slots = selected is null ? null : await AppointmentsApi.SlotsAsync(grains, hallCode, selected.Code, day);

        AppointmentView? appointment = null;
        var entered = AppointmentKeys.Normalize(code);
        if (entered.Length > 0 && await grains.GetGrain<IAppointmentDeskGrain>(0).LocateAsync(entered) is { } dayKey)
        {
            appointment = (await grains.GetGrain<IAppointmentDayGrain>(dayKey).GetAsync(entered)).Appointment;
        }

        // A booked appointment moves to one of the same slots the booking page offers, for its own service item.
        var moveDay = AppointmentParsing.TryDate(moveDate, out var move) ? move : appointment?.Date ?? today;
        var moveSlots = appointment is { Status: AppointmentStatuses.Booked }
            ? await AppointmentsApi.SlotsAsync(grains, appointment.Hall, appointment.ServiceItemCode, moveDay)
            : null;

        return new RazorComponentResult<BookingPage>(new Dictionary<string, object?>
        {
            [nameof(BookingPage.Hall)] = hallCode,
            [nameof(BookingPage.Windows)] = organisation.FindHall(hallCode)!.Windows,
            [nameof(BookingPage.Items)] = items,
            [nameof(BookingPage.Selected)] = selected,
            [nameof(BookingPage.Date)] = day,
            [nameof(BookingPage.Today)] = today,
            [nameof(BookingPage.Slots)] = slots,
            [nameof(BookingPage.Code)] = entered,
            [nameof(BookingPage.Appointment)] = appointment,
            [nameof(BookingPage.MoveDate)] = moveDay,
            [nameof(BookingPage.MoveSlots)] = moveSlots,
        })
        {
            StatusCode = entered.Length > 0 && appointment is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK,
        };
    }

    private static async Task<IResult> ShowTodayAsync(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, WorkingCalendar calendar,
        [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock, string? window, string? date)
    {
        var actor = user.ToActor();
        var hall = organisation.FindHall(actor.Hall) ?? organisation.Halls[0];
        var allowed = actor.Role is StaffRoles.Clerk or StaffRoles.Manager or StaffRoles.Admin;
        var windowCode = organisation.FindWindow(hall.Code, window ?? actor.Window)?.Code ?? hall.Windows[0].Code;
        var day = AppointmentParsing.TryDate(date, out var parsed) ? parsed : calendar.LocalDate(clock.GetUtcNow());
        var model = allowed
            ? await grains.GetGrain<IAppointmentDayGrain>(AppointmentKeys.Day(hall.Code, windowCode, day)).GetDayAsync(null, staff: true)
            : null;
        return new RazorComponentResult<TodayPage>(new Dictionary<string, object?>
        {
            [nameof(TodayPage.Hall)] = hall,
            [nameof(TodayPage.Window)] = windowCode,
            [nameof(TodayPage.Date)] = day,
            [nameof(TodayPage.Day)] = model,
            [nameof(TodayPage.CanCheckIn)] = actor.Role == StaffRoles.Clerk,
            [nameof(TodayPage.IsToday)] = day == calendar.LocalDate(clock.GetUtcNow()),
        })
        { StatusCode = allowed ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden };
    }

    private static async Task<IResult> ShowSlotsAsync(ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string? hall)
    {
        var admin = user.IsInRole(StaffRoles.Admin);
        var found = organisation.FindHall(hall) ?? organisation.Halls[0];
        var schedule = admin ? await grains.GetGrain<IAppointmentScheduleGrain>(IAppointmentScheduleGrain.Key(found.Code)).GetAsync() : null;
        var items = admin
            ? (await grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetItemsAsync())
                .Where(i => i.Channels.Contains(ServiceChannels.Window)).OrderBy(i => i.Code, StringComparer.Ordinal).ToList()
            : [];
        return new RazorComponentResult<SlotsPage>(new Dictionary<string, object?>
        {
            [nameof(SlotsPage.Items)] = items,
            [nameof(SlotsPage.Hall)] = found,
            [nameof(SlotsPage.Halls)] = organisation.Halls,
            [nameof(SlotsPage.Schedule)] = schedule,
        })
        { StatusCode = admin ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden };
    }
}
