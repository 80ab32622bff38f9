using System.Globalization;
using ServiceHall.Api.Cases;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Appointments;

/// <summary>
/// <c>POST /api/appointments</c>: an applicant books a slot (no staff account), proving the phone with the code texted
/// by <c>POST /api/applications/verification-codes</c>.
/// </summary>
public sealed record BookAppointmentRequest(
    string? Hall, string? Window, string? Date, string? Start, string? ServiceItemCode, ApplicantRequest? Applicant,
    string? VerificationCode);

/// <summary><c>POST /api/appointments/{code}/reschedule</c>: another slot, the same or another window.</summary>
public sealed record RescheduleAppointmentRequest(string? Window, string? Date, string? Start);

/// <summary><c>POST /api/appointments/{code}/check-in</c>: what the applicant handed in at the window (optional).</summary>
public sealed record CheckInRequest(List<MaterialRequest>? Materials);

/// <summary><c>PUT /api/appointments/schedule</c>: the hall's whole slot configuration.</summary>
public sealed record ScheduleRequest(List<SlotRuleRequest?>? Rules, int? CutOffMinutes, int? BookAheadDays);

public sealed record SlotRuleRequest(
    string? Window, List<string>? ServiceItems, List<int>? Weekdays, string? Date, string? From, string? To, int? SlotMinutes, int? Capacity);

/// <summary>The slots of a date for a service item, across the hall's windows.</summary>
public sealed record SlotsResponse(string Hall, DateOnly Date, string ServiceItemCode, IReadOnlyList<SlotView> Slots);

/// <summary>A check-in's answer: the appointment, now checked in, and the case it opened.</summary>
public sealed record CheckInResponse(AppointmentView Appointment, CaseView? Case);

/// <summary>Field-level parsing shared by the endpoints: each failure names its JSON path.</summary>
internal static class AppointmentParsing
{
    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static (AppointmentSchedule? Schedule, string? Field, string? Message) ToSchedule(ScheduleRequest request)
    {
        var rules = new List<SlotRule>();
        for (var i = 0; i < (request.Rules?.Count ?? 0); i++)
        {
            var rule = request.Rules![i];
            var at = $"rules[{i}]";
            if (rule is null)
            {
                return (null, at, "A rule is required.");
            }

            if (string.IsNullOrWhiteSpace(rule.Window))
            {
                return (null, $"{at}.window", "Name the window.");
            }

            if (!TryTime(rule.From, out var from))
            {
                return (null, $"{at}.from", "A time as HH:mm is required.");
            }

            if (!TryTime(rule.To, out var to))
            {
                return (null, $"{at}.to", "A time as HH:mm is required.");
            }

            DateOnly? date = null;
            if (rule.Date is not null)
            {
                if (!TryDate(rule.Date, out var day))
                {
                    return (null, $"{at}.date", "A date as yyyy-MM-dd, or nothing for a weekly rule.");
                }

                date = day;
            }

            if (rule.SlotMinutes is null)
            {
                return (null, $"{at}.slotMinutes", "The slot length in minutes is required.");
            }

            if (rule.Capacity is null)
            {
                return (null, $"{at}.capacity", "The places per slot are required.");
            }

            rules.Add(new SlotRule
            {
                Window = rule.Window.Trim(),
                ServiceItems = [.. (rule.ServiceItems ?? []).Select(s => s?.Trim() ?? "")],
                Weekdays = rule.Weekdays ?? [],
                Date = date,
                From = from,
                To = to,
                SlotMinutes = rule.SlotMinutes.Value,
                Capacity = rule.Capacity.Value,
            });
        }

        return (new AppointmentSchedule
        {
            Rules = rules,
            CutOffMinutes = request.CutOffMinutes ?? 120,
            BookAheadDays = request.BookAheadDays ?? 14,
        }, null, null);
    }
}
