using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Grains.Appointments;

/// <summary>Checks an admin's slot configuration; each problem comes back with the JSON path of its field and its catalogue code.</summary>
public static class AppointmentScheduleValidator
{
    private const int MaxRules = 200;

    /// <summary>The first problem, or null when the configuration is fine.</summary>
    public static FieldError? Problem(AppointmentSchedule schedule, Hall hall) => Problems(schedule, hall).FirstOrDefault();

    /// <summary>Every problem at once (each rule's first), so the slot-rule page can mark all its wrong fields together.</summary>
    public static IReadOnlyList<FieldError> Problems(AppointmentSchedule schedule, Hall hall)
    {
        var errors = new List<FieldError>();
        if (schedule.CutOffMinutes is < 0 or > 7 * 24 * 60)
        {
            errors.Add(FieldError.Of("cutOffMinutes", ErrorCodes.SlotsCutOffRange, "The cut-off is between 0 minutes and 7 days."));
        }

        if (schedule.BookAheadDays is < 1 or > 90)
        {
            errors.Add(FieldError.Of("bookAheadDays", ErrorCodes.SlotsBookAheadRange, "Applicants book between 1 and 90 days ahead."));
        }

        if (schedule.Rules.Count > MaxRules)
        {
            errors.Add(FieldError.Of("rules", ErrorCodes.SlotsTooManyRules, $"At most {MaxRules} rules per hall.", ("max", MaxRules)));
            return errors;
        }

        for (var i = 0; i < schedule.Rules.Count; i++)
        {
            if (RuleProblem(schedule, hall, i) is { } problem)
            {
                errors.Add(problem);
            }
        }

        return errors;
    }

    private static FieldError? RuleProblem(AppointmentSchedule schedule, Hall hall, int i)
    {
        var rule = schedule.Rules[i];
        var at = $"rules[{i}]";
        if (rule is null)
        {
            return FieldError.Of(at, ErrorCodes.FieldRequired, "A rule is required.");
        }

        if (!hall.Windows.Any(w => string.Equals(w.Code, rule.Window, StringComparison.OrdinalIgnoreCase)))
        {
            return FieldError.Of($"{at}.window", ErrorCodes.WindowUnknown, $"Hall '{hall.Code}' has no window '{rule.Window}'.", ("window", rule.Window));
        }

        if (rule.SlotMinutes is < 5 or > 480)
        {
            return FieldError.Of($"{at}.slotMinutes", ErrorCodes.SlotsSlotMinutesRange, "A slot lasts 5 to 480 minutes.");
        }

        if (rule.To <= rule.From || (rule.To - rule.From).TotalMinutes < rule.SlotMinutes)
        {
            return FieldError.Of($"{at}.to", ErrorCodes.SlotsRangeTooShort, "The range must end after it starts and hold at least one slot.");
        }

        if (rule.Capacity is < 1 or > 1000)
        {
            return FieldError.Of($"{at}.capacity", ErrorCodes.SlotsCapacityRange, "A slot has 1 to 1000 places.");
        }

        if (rule.Weekdays.Any(d => d is < 1 or > 7))
        {
            return FieldError.Of($"{at}.weekdays", ErrorCodes.SlotsWeekdaysRange, "Weekdays are 1 (Monday) to 7 (Sunday).");
        }

        if (rule.ServiceItems.Any(string.IsNullOrWhiteSpace))
        {
            return FieldError.Of($"{at}.serviceItems", ErrorCodes.SlotsEmptyServiceItem, "Service item codes may not be empty.");
        }

        // Two rules serving one window at the same time would add up their places: each time belongs to one rule.
        for (var j = 0; j < i; j++)
        {
            if (Overlap(schedule.Rules[j], rule))
            {
                return FieldError.Of($"{at}.from", ErrorCodes.SlotsOverlap,
                    $"The rule overlaps rules[{j}] on window '{rule.Window}'; each time of a window belongs to one rule.", ("other", j + 1));
            }
        }

        return null;
    }

    /// <summary>
    /// Whether both rules can give the window slots on one day at one time. A dated rule replaces the weekly ones
    /// that day, so only rules of the same kind meet: two of the same date, or two weekly ones with a common weekday.
    /// </summary>
    private static bool Overlap(SlotRule a, SlotRule b)
    {
        if (a is null || !string.Equals(a.Window, b.Window, StringComparison.OrdinalIgnoreCase) || a.Date != b.Date)
        {
            return false;
        }

        var sameDays = a.Date is not null || a.Weekdays.Count == 0 || b.Weekdays.Count == 0 || a.Weekdays.Intersect(b.Weekdays).Any();
        return sameDays && a.From < b.To && b.From < a.To;
    }
}
