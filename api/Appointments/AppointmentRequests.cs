using System.Globalization;
using ServiceHall.Api.Cases;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Refusals;

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

    /// <summary>The schedule a request describes, or every malformed value of every rule at once.</summary>
    public static (AppointmentSchedule? Schedule, IReadOnlyList<FieldError> Errors) ToSchedule(ScheduleRequest request)
    {
        var rules = new List<SlotRule>();
        var errors = new List<FieldError>();
        for (var i = 0; i < (request.Rules?.Count ?? 0); i++)
        {
            var rule = request.Rules![i];
            var at = $"rules[{i}]";
            if (rule is null)
            {
                errors.Add(FieldError.Of(at, ErrorCodes.FieldRequired, "A rule is required."));
                continue;
            }

            var before = errors.Count;
            if (string.IsNullOrWhiteSpace(rule.Window))
            {
                errors.Add(FieldError.Of($"{at}.window", ErrorCodes.SlotsWindowRequired, "Name the window."));
            }

            if (!TryTime(rule.From, out var from))
            {
                errors.Add(FieldError.Of($"{at}.from", ErrorCodes.FieldTime, "A time as HH:mm is required."));
            }

            if (!TryTime(rule.To, out var to))
            {
                errors.Add(FieldError.Of($"{at}.to", ErrorCodes.FieldTime, "A time as HH:mm is required."));
            }

            DateOnly? date = null;
            if (rule.Date is not null)
            {
                if (TryDate(rule.Date, out var day))
                {
                    date = day;
                }
                else
                {
                    errors.Add(FieldError.Of($"{at}.date", ErrorCodes.SlotsDateOrWeekly, "A date as yyyy-MM-dd, or nothing for a weekly rule."));
                }
            }

            if (rule.SlotMinutes is null)
            {
                errors.Add(FieldError.Of($"{at}.slotMinutes", ErrorCodes.FieldRequired, "The slot length in minutes is required."));
            }

            if (rule.Capacity is null)
            {
                errors.Add(FieldError.Of($"{at}.capacity", ErrorCodes.FieldRequired, "The places per slot are required."));
            }

            if (errors.Count > before)
            {
                continue;
            }

            rules.Add(new SlotRule
            {
                Window = rule.Window!.Trim(),
                ServiceItems = [.. (rule.ServiceItems ?? []).Select(s => s?.Trim() ?? "")],
                Weekdays = rule.Weekdays ?? [],
                Date = date,
                From = from,
                To = to,
                SlotMinutes = rule.SlotMinutes!.Value,
                Capacity = rule.Capacity!.Value,
            });
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new AppointmentSchedule
        {
            Rules = rules,
            CutOffMinutes = request.CutOffMinutes ?? 120,
            BookAheadDays = request.BookAheadDays ?? 14,
        }, []);
    }
}
