using ServiceHall.Grains.Calendar;

namespace ServiceHall.Grains.Appointments;

/// <summary>Which slots a window has on a date: the rules that apply that day, cut into slots (pure, so it is easy to test).</summary>
public static class SlotPlan
{
    public readonly record struct PlannedSlot(TimeOnly Start, TimeOnly End, int Capacity, IReadOnlyList<string> ServiceItems);

    public static IReadOnlyList<PlannedSlot> For(AppointmentSchedule schedule, string window, DateOnly date, WorkingCalendar calendar)
    {
        if (!calendar.IsWorkingDay(date))
        {
            return [];
        }

        var mine = schedule.Rules.Where(r => string.Equals(r.Window, window, StringComparison.OrdinalIgnoreCase)).ToList();
        var dated = mine.Where(r => r.Date == date).ToList();
        // A rule for one date is the admin's word for that day; the weekly pattern steps aside.
        var rules = dated.Count > 0
            ? dated
            : mine.Where(r => r.Date is null && (r.Weekdays.Count == 0 || r.Weekdays.Contains(IsoWeekday(date)) || IsShiftedWorkday(date))).ToList();
        var slots = new SortedDictionary<TimeOnly, PlannedSlot>();
        foreach (var rule in rules)
        {
            // Minutes since midnight, so a slot never wraps past midnight the way TimeOnly arithmetic would.
            var from = (int)rule.From.ToTimeSpan().TotalMinutes;
            var to = (int)rule.To.ToTimeSpan().TotalMinutes;
            for (var start = from; rule.SlotMinutes > 0 && start + rule.SlotMinutes <= to; start += rule.SlotMinutes)
            {
                var slotStart = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start));
                var slotEnd = slotStart.AddMinutes(rule.SlotMinutes);

                // Overlapping rules (the validator refuses them, but a shifted weekend brings every weekly rule
                // together): the first one listed keeps the time, so a config never doubles a window's places.
                if (!slots.Values.Any(s => s.Start < slotEnd && slotStart < s.End))
                {
                    slots.Add(slotStart, new PlannedSlot(slotStart, slotEnd, rule.Capacity, rule.ServiceItems));
                }
            }
        }

        return [.. slots.Values];
    }

    public static bool Serves(PlannedSlot slot, string serviceItemCode) =>
        slot.ServiceItems.Count == 0 || slot.ServiceItems.Contains(serviceItemCode, StringComparer.OrdinalIgnoreCase);

    public static int IsoWeekday(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;

    // A weekend made a working day (调休) follows the working week, so weekday filters do not empty it.
    private static bool IsShiftedWorkday(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
