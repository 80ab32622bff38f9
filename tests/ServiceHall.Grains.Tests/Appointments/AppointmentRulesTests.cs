using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Tests.Cases;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Appointments;

/// <summary>
/// Appointment rules on the fake ServiceHall clock: changes close at the cut-off, check-in opens the case, no-shows are
/// recorded once the slot has ended and counted. Each test books on days of its own, ahead of wherever the clock stands.
/// </summary>
public sealed class AppointmentRulesTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly WorkingCalendar _calendar = new(new CalendarOptions());

    [Fact]
    public async Task CancellingAndReschedulingCloseAtTheCutOffAndTheCodeFollowsAMove()
    {
        var day = NextWorkingDay(2);
        var nextDay = NextWorkingDay(day, 1);
        await ScheduleAsync(cutOffMinutes: 120,
            Rule("general-2", day, "10:00", "11:00", 30, 3),
            Rule("general-2", nextDay, "10:00", "10:30", 30, 3));
        cluster.Clock.SetUtcNow(At(day, "07:00"));
        var a = await BookAsync("general-2", day, "10:00", 1);
        var b = await BookAsync("general-2", day, "10:00", 2);
        var c = await BookAsync("general-2", day, "10:00", 3);

        // One second before the cut-off (08:00 for a 10:00 slot) changes are still taken.
        cluster.Clock.SetUtcNow(At(day, "07:59:59"));
        var desk = cluster.Cluster.Client.GetGrain<IAppointmentDeskGrain>(0);
        var later = await desk.RescheduleAsync(a, null, day, new TimeOnly(10, 30), "move-a");
        Assert.True(later.Succeeded, later.Message);
        Assert.Equal((a, new TimeOnly(10, 30)), (later.Appointment!.Code, later.Appointment.Start));
        var moved = await desk.RescheduleAsync(b, null, nextDay, new TimeOnly(10, 0), "move-b");
        Assert.True(moved.Succeeded, moved.Message);
        var movedAgain = await desk.RescheduleAsync(b, null, nextDay, new TimeOnly(10, 0), "move-b");
        Assert.True(movedAgain is { Succeeded: true, Replayed: true }, movedAgain.Message);
        Assert.Equal(AppointmentKeys.Day("gz", "general-2", nextDay), await desk.LocateAsync(b));
        Assert.Equal(AppointmentStatuses.Moved, (await Day("general-2", day).GetAsync(b)).Appointment!.Status);
        Assert.Equal(AppointmentStatuses.Booked, (await Day("general-2", nextDay).GetAsync(b)).Appointment!.Status);

        // At the cut-off: refused with 409 naming the code, and nothing changes.
        cluster.Clock.SetUtcNow(At(day, "08:00"));
        var cancel = await Day("general-2", day).CancelAsync(c, "cancel-c");
        Assert.Equal((CaseOutcome.Conflict, "code"), (cancel.Outcome, cancel.Field));
        var reschedule = await desk.RescheduleAsync(c, null, nextDay, new TimeOnly(10, 0), "move-c");
        Assert.Equal((CaseOutcome.Conflict, "code"), (reschedule.Outcome, reschedule.Field));
        var within = await desk.RescheduleAsync(c, null, day, new TimeOnly(10, 30), "move-c2");
        Assert.Equal((CaseOutcome.Conflict, "code"), (within.Outcome, within.Field));
        Assert.Equal((AppointmentStatuses.Booked, new TimeOnly(10, 0)), Status(await Day("general-2", day).GetAsync(c)));
        Assert.Equal(AppointmentKeys.Day("gz", "general-2", day), await desk.LocateAsync(c));

        // Each booking has its own cut-off: 10:30 closes at 08:30, the moved one on the next day later still.
        var cancelA = await Day("general-2", day).CancelAsync(a, "cancel-a");
        Assert.Equal(AppointmentStatuses.Cancelled, cancelA.Appointment!.Status);
        var cancelB = await Day("general-2", nextDay).CancelAsync(b, "cancel-b");
        Assert.Equal(AppointmentStatuses.Cancelled, cancelB.Appointment!.Status);

        var slots = (await Day("general-2", day).GetDayAsync(null, staff: false)).Slots;
        Assert.Equal((1, 0), (slots.Single(s => s.Start == new TimeOnly(10, 0)).Booked, slots.Single(s => s.Start == new TimeOnly(10, 30)).Booked));
        Assert.Contains(cluster.Sms.Delivered.Values, m => m.CaseId == a && m.Template == "appointment-cancelled");
        Assert.Contains(cluster.Sms.Delivered.Values, m => m.CaseId == b && m.Template == "appointment-rescheduled" && m.Text.Contains(b));
    }

    [Fact]
    public async Task CheckInOpensTheCaseAndNoShowsAreRecordedAfterTheSlotAndCounted()
    {
        var day = NextWorkingDay(2);
        await ScheduleAsync(cutOffMinutes: 60, Rule("general-3", day, "09:00", "09:30", 30, 5));
        cluster.Clock.SetUtcNow(At(day.AddDays(-1), "12:00"));
        var attends = await BookAsync("general-3", day, "09:00", 11);
        var late = await BookAsync("general-3", day, "09:00", 12);
        var absent = await BookAsync("general-3", day, "09:00", 13);
        var cancelled = await BookAsync("general-3", day, "09:00", 14);
        Assert.True((await Day("general-3", day).CancelAsync(cancelled, null)).Succeeded);
        Assert.Contains(cluster.Sms.Delivered.Values, m => m.CaseId == attends && m.Template == "appointment-booked" && m.To == ApplicantPhone);

        // Issue 22 item 3: the message names the window as its sign reads, not by its code ("general-3 窗口").
        var booked = cluster.Sms.Delivered.Values.First(m => m.CaseId == attends && m.Template == "appointment-booked");
        Assert.Contains("综合窗口3", booked.Text);
        Assert.DoesNotContain("general-3", booked.Text);

        // A durable reminder records the no-shows even if nobody looks at the day after the slot.
        Assert.Contains((await cluster.Reminders.ReadRows(Day("general-3", day).GetGrainId())).Reminders, r => r.ReminderName == "no-shows");

        // The day before is not the day: check-in waits for the appointment's date.
        var early = await Day("general-3", day).CheckInAsync(CheckIn(attends));
        Assert.Equal(CaseOutcome.Conflict, early.Outcome);

        cluster.Clock.SetUtcNow(At(day, "08:50"));
        var otherHall = await Day("general-3", day).CheckInAsync(CheckIn(late) with { Actor = OtherHallClerk });
        Assert.Equal((CaseOutcome.Forbidden, "hall"), (otherHall.Outcome, otherHall.Field));
        var checkedIn = await Day("general-3", day).CheckInAsync(CheckIn(attends));
        Assert.True(checkedIn.Succeeded, checkedIn.Message);
        var opened = checkedIn.Case!;
        Assert.Equal((attends, "general-3", ServiceItemCode, CaseStatuses.Open), (opened.AppointmentCode, opened.Window, opened.ServiceItem.Code, opened.Status));
        Assert.Equal(At(day, "08:50"), opened.OpenedAt);
        var stored = await cluster.Case(opened.Id).GetAsync(Clerk);
        Assert.Equal((attends, ApplicantName), (stored.Case!.AppointmentCode, stored.Case.Applicant.Name));

        // Until the slot ends the others are still expected; from its end they are no-shows.
        cluster.Clock.SetUtcNow(At(day, "09:29:59"));
        Assert.Equal(2, (await Day("general-3", day).GetDayAsync(null, staff: true)).Appointments.Count(a => a.Status == AppointmentStatuses.Booked));
        var stats = cluster.Cluster.Client.GetGrain<IAppointmentStatsGrain>(IAppointmentStatsGrain.Key("gz"));
        Assert.Equal(0, (await stats.TotalsAsync(day, day)).NoShows);

        // The reminder's tick, as the silo delivers it (Orleans' own clock would take real time to reach it), with
        // nobody reading the day: the no-shows reach the hall's figures through the reminder path alone.
        cluster.Clock.SetUtcNow(At(day, "09:30"));
        await Day("general-3", day).AsReference<IRemindable>().ReceiveReminder("no-shows", default);

        // The day awaits its report after the write: the figures are there when the tick is done, no waiting.
        var totals = await stats.TotalsAsync(day, day);
        Assert.Equal((3, 2, 1, 1), (totals.Booked, totals.NoShows, totals.CheckedIn, totals.Cancelled));

        // A late report of an earlier write (a retried or overtaken call) does not replace the newer figures.
        var month = cluster.Cluster.Client.GetGrain<IAppointmentMonthStatsGrain>(IAppointmentMonthStatsGrain.Key("gz", day));
        await month.ReportAsync(new AppointmentDayCounts { Window = "general-3", Date = day, Booked = 4, Version = 1 });
        Assert.Equal((3, 2), ((await stats.TotalsAsync(day, day)).Booked, (await stats.TotalsAsync(day, day)).NoShows));
        var list = (await Day("general-3", day).GetDayAsync(null, staff: true)).Appointments.ToDictionary(a => a.Code, a => a.Status);
        Assert.Equal(AppointmentStatuses.CheckedIn, list[attends]);
        Assert.Equal(AppointmentStatuses.NoShow, list[late]);
        Assert.Equal(AppointmentStatuses.NoShow, list[absent]);
        Assert.Equal(AppointmentStatuses.Cancelled, list[cancelled]);
        var tooLate = await Day("general-3", day).CheckInAsync(CheckIn(late));
        Assert.Equal(CaseOutcome.Conflict, tooLate.Outcome);
        Assert.DoesNotContain((await cluster.Reminders.ReadRows(Day("general-3", day).GetGrainId())).Reminders, r => r.ReminderName == "no-shows");
    }

    [Fact]
    public async Task FiguresAreKeptPerMonthAndAPeriodAcrossMonthsAddsThemUp()
    {
        const string hall = "stats-split";
        var (january, february) = (new DateOnly(2031, 1, 30), new DateOnly(2031, 2, 3));
        var inJanuary = MonthStats(hall, january);
        var inFebruary = MonthStats(hall, february);
        Assert.NotEqual(inJanuary.GetGrainId(), inFebruary.GetGrainId());

        await inJanuary.ReportAsync(new AppointmentDayCounts { Window = "general-1", Date = january, Booked = 3, NoShows = 1, CheckedIn = 2, Version = 4 });
        await inJanuary.ReportAsync(new AppointmentDayCounts { Window = "general-2", Date = january.AddDays(1), Booked = 2, Cancelled = 1, Version = 2 });
        await inFebruary.ReportAsync(new AppointmentDayCounts { Window = "general-1", Date = february, Booked = 5, NoShows = 2, CheckedIn = 3, Version = 7 });

        // A day of another month is refused by the grain it does not belong to.
        await Assert.ThrowsAsync<ArgumentException>(() => inJanuary.ReportAsync(new AppointmentDayCounts { Window = "general-1", Date = february, Booked = 9, Version = 9 }));

        var stats = cluster.Cluster.Client.GetGrain<IAppointmentStatsGrain>(IAppointmentStatsGrain.Key(hall));
        var both = await stats.TotalsAsync(january, february);
        Assert.Equal((10, 3, 5, 1), (both.Booked, both.NoShows, both.CheckedIn, both.Cancelled));
        Assert.Equal(10, (await stats.TotalsAsync(DateOnly.MinValue, DateOnly.MaxValue)).Booked);
        Assert.Equal(5, (await stats.TotalsAsync(january, january.AddDays(1))).Booked);
        Assert.Equal(5, (await stats.TotalsAsync(new DateOnly(2031, 2, 1), DateOnly.MaxValue)).Booked);
        Assert.Equal(3, (await stats.TotalsAsync(january, january)).Booked);
        Assert.Equal(0, (await stats.TotalsAsync(february, january)).Booked);

        // A late report of an earlier write (same version or older) still does not replace the newer figures.
        await inFebruary.ReportAsync(new AppointmentDayCounts { Window = "general-1", Date = february, Booked = 1, Version = 7 });
        await inFebruary.ReportAsync(new AppointmentDayCounts { Window = "general-1", Date = february, Booked = 1, Version = 6 });
        Assert.Equal(10, (await stats.TotalsAsync(january, february)).Booked);

        // Each month's row holds its own days only; the hall's row only lists the months.
        var januaryRow = await StoredAsync<AppointmentMonthStatsState>("appointment-stats-month", IAppointmentMonthStatsGrain.Key(hall, january));
        Assert.Equal([january, january.AddDays(1)], januaryRow.Days.Values.Select(d => d.Date).Order());
        var februaryRow = await StoredAsync<AppointmentMonthStatsState>("appointment-stats-month", IAppointmentMonthStatsGrain.Key(hall, february));
        Assert.Equal([(february, 5)], februaryRow.Days.Values.Select(d => (d.Date, d.Booked)));
        var hallRow = await StoredAsync<AppointmentStatsState>("appointment-stats", IAppointmentStatsGrain.Key(hall));
        Assert.Equal(["2031-01", "2031-02"], hallRow.Months);
        Assert.Empty(hallRow.Days);
    }

    [Fact]
    public async Task FiguresKeptHallWideBeforeTheSplitStillCount()
    {
        const string hall = "stats-legacy";
        var (march, april, april2) = (new DateOnly(2031, 3, 10), new DateOnly(2031, 4, 7), new DateOnly(2031, 4, 8));

        // The hall's row as the single hall-wide grain wrote it: a March day, and two April days.
        var storage = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
        var legacy = new AppointmentStatsState();
        foreach (var day in new[]
        {
            new AppointmentDayCounts { Window = "general-1", Date = march, Booked = 4, NoShows = 1, Version = 3 },
            new AppointmentDayCounts { Window = "general-1", Date = april, Booked = 2, Version = 2 },
            new AppointmentDayCounts { Window = "general-1", Date = april2, Booked = 6, NoShows = 3, Version = 5 },
        })
        {
            legacy.Days[AppointmentKeys.Day("-", day.Window, day.Date)] = day;
        }

        await storage.WriteStateAsync("appointment-stats", GrainId.Create("appointment-stats", IAppointmentStatsGrain.Key(hall)), new GrainState<AppointmentStatsState>(legacy));

        var stats = cluster.Cluster.Client.GetGrain<IAppointmentStatsGrain>(IAppointmentStatsGrain.Key(hall));
        Assert.Equal((12, 4), Figures(await stats.TotalsAsync(march, april2)));

        // After the split April gets a newer report for one day: it replaces that day's old counts, the other April
        // day and March (a month with no report since) still count from the old row.
        await MonthStats(hall, april).ReportAsync(new AppointmentDayCounts { Window = "general-1", Date = april, Booked = 3, NoShows = 1, Version = 4 });
        Assert.Equal((13, 5), Figures(await stats.TotalsAsync(march, april2)));
        Assert.Equal((9, 4), Figures(await stats.TotalsAsync(april, april2)));
        Assert.Equal((4, 1), Figures(await stats.TotalsAsync(DateOnly.MinValue, march)));

        // A report older than the old row's day does not win over it either.
        await MonthStats(hall, april2).ReportAsync(new AppointmentDayCounts { Window = "general-1", Date = april2, Booked = 1, Version = 4 });
        Assert.Equal((9, 4), Figures(await stats.TotalsAsync(april, april2)));

        static (int, int) Figures(AppointmentDayCounts totals) => (totals.Booked, totals.NoShows);
    }

    private IAppointmentMonthStatsGrain MonthStats(string hall, DateOnly date) =>
        cluster.Cluster.Client.GetGrain<IAppointmentMonthStatsGrain>(IAppointmentMonthStatsGrain.Key(hall, date));

    private async Task<T> StoredAsync<T>(string stateName, string key) where T : new()
    {
        var storage = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, GrainId.Create(stateName, key), state);
        Assert.True(state.RecordExists);
        return state.State!;
    }

    [Fact]
    public async Task EveryConfirmationMessageHasAnIdOfItsOwnEvenWithinOneMillisecond()
    {
        var day = NextWorkingDay(4);
        await ScheduleAsync(cutOffMinutes: 0, Rule("general-2", day, "15:00", "16:00", 30, 3));
        cluster.Clock.SetUtcNow(At(day.AddDays(-1), "12:00"));
        var code = await BookAsync("general-2", day, "15:00", 31);

        // Moved there and back at the same instant: two different messages the applicant must both receive.
        Assert.True((await Day("general-2", day).MoveWithinDayAsync(code, new TimeOnly(15, 30), null)).Succeeded);
        Assert.True((await Day("general-2", day).MoveWithinDayAsync(code, new TimeOnly(15, 0), null)).Succeeded);

        var sent = cluster.Sms.Delivered.Values.Where(m => m.CaseId == code).ToList();
        Assert.Equal(["appointment-booked", "appointment-rescheduled", "appointment-rescheduled"], sent.Select(m => m.Template).Order(StringComparer.Ordinal));
        Assert.Equal(2, sent.Count(m => m.Template == "appointment-rescheduled" && m.Text.Contains(code, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheLastPlaceGoesOnceAndDaysOffHaveNoSlots()
    {
        var day = NextWorkingDay(3);
        await ScheduleAsync(cutOffMinutes: 0, Rule("general-1", day, "14:00", "14:30", 30, 1),
            new SlotRule { Window = "general-1", From = new TimeOnly(9, 0), To = new TimeOnly(10, 0), SlotMinutes = 60, Capacity = 1 });
        cluster.Clock.SetUtcNow(At(day.AddDays(-1), "12:00"));
        await BookAsync("general-1", day, "14:00", 21);
        var second = await Day("general-1", day).BookAsync(Booking(day, "14:00", 22));
        Assert.Equal((CaseOutcome.Conflict, "start"), (second.Outcome, second.Field));
        var noSuchSlot = await Day("general-1", day).BookAsync(Booking(day, "15:00", 22));
        Assert.Equal((CaseOutcome.Unprocessable, "start"), (noSuchSlot.Outcome, noSuchSlot.Field));

        var saturday = Enumerable.Range(1, 7).Select(d => day.AddDays(d)).First(d => d.DayOfWeek == DayOfWeek.Saturday);
        Assert.Empty((await Day("general-1", saturday).GetDayAsync(null, staff: false)).Slots);
        var holiday = new WorkingCalendar(new CalendarOptions { Holidays = [day] });
        var schedule = await cluster.Cluster.Client.GetGrain<IAppointmentScheduleGrain>(IAppointmentScheduleGrain.Key("gz")).GetAsync();
        Assert.Empty(SlotPlan.For(schedule, "general-1", day, holiday));
        Assert.Single(SlotPlan.For(schedule, "general-1", day, _calendar));
        Assert.Single(SlotPlan.For(schedule, "general-1", NextWorkingDay(day, 1), _calendar));
    }

    [Fact]
    public async Task ABookingKeyReplayedByAnotherApplicantIsANewBookingNotTheFirstOnesCode()
    {
        var day = NextWorkingDay(3);
        await ScheduleAsync(cutOffMinutes: 60, Rule("general-2", day, "14:00", "15:00", 30, 3));
        cluster.Clock.SetUtcNow(At(day.AddDays(-1), "12:00"));
        var first = await Day("general-2", day).BookAsync(Booking(day, "14:00", 21) with { IdempotencyKey = "shared-key" });
        Assert.True(first.Succeeded, first.Message);

        var stranger = await Day("general-2", day).BookAsync(Booking(day, "14:00", 22) with { IdempotencyKey = "shared-key" });
        Assert.True(stranger is { Succeeded: true, Replayed: false }, stranger.Message);
        Assert.NotEqual(first.Appointment!.Code, stranger.Appointment!.Code);

        var retried = await Day("general-2", day).BookAsync(Booking(day, "14:00", 21) with { IdempotencyKey = "shared-key" });
        Assert.True(retried is { Succeeded: true, Replayed: true }, retried.Message);
        Assert.Equal(first.Appointment.Code, retried.Appointment!.Code);
        Assert.Equal(2, (await Day("general-2", day).GetDayAsync(null, staff: false)).Slots.Single(s => s.Start == new TimeOnly(14, 0)).Booked);
    }

    private IAppointmentDayGrain Day(string window, DateOnly date) =>
        cluster.Cluster.Client.GetGrain<IAppointmentDayGrain>(AppointmentKeys.Day("gz", window, date));

    private async Task<string> BookAsync(string window, DateOnly date, string start, int applicant)
    {
        var result = await Day(window, date).BookAsync(Booking(date, start, applicant));
        Assert.True(result.Succeeded, result.Message);
        return result.Appointment!.Code;
    }

    private static BookAppointmentCommand Booking(DateOnly date, string start, int applicant) => new()
    {
        ServiceItemCode = ServiceItemCode,
        Start = TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
        Applicant = new ApplicantDetails { Name = ApplicantName, IdNumber = TestSupport.HallDays.IdNumber(applicant), Phone = ApplicantPhone },
        IdempotencyKey = $"book-{date:yyyyMMdd}-{start}-{applicant}",
    };

    private static CheckInCommand CheckIn(string code) => new()
    {
        Code = code,
        Actor = Clerk,
        Materials = [new SubmittedMaterial { Code = "application-form", Form = "original" }],
    };

    private static (string, TimeOnly) Status(AppointmentResult result) => (result.Appointment!.Status, result.Appointment.Start);

    private Task ScheduleAsync(int cutOffMinutes, params SlotRule[] rules) =>
        cluster.Cluster.Client.GetGrain<IAppointmentScheduleGrain>(IAppointmentScheduleGrain.Key("gz"))
            .SetAsync(new AppointmentSchedule { Rules = rules, CutOffMinutes = cutOffMinutes, BookAheadDays = 30 });

    private static SlotRule Rule(string window, DateOnly date, string from, string to, int minutes, int capacity) => new()
    {
        Window = window,
        Date = date,
        From = TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
        To = TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
        SlotMinutes = minutes,
        Capacity = capacity,
    };

    private DateOnly NextWorkingDay(int atLeastDaysAhead) =>
        NextWorkingDay(_calendar.LocalDate(cluster.Clock.GetUtcNow()), atLeastDaysAhead);

    private DateOnly NextWorkingDay(DateOnly from, int atLeastDaysAhead)
    {
        var date = from.AddDays(atLeastDaysAhead);
        while (!_calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateTimeOffset At(DateOnly date, string time) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), China).ToUniversalTime();
}

/// <summary>How rules become slots: equal pieces inside the range, never past midnight, dated rules replacing the week.</summary>
public sealed class SlotPlanTests
{
    private static readonly WorkingCalendar Weekends = new(new CalendarOptions());
    private static readonly DateOnly Monday = new(2025, 3, 3);

    [Fact]
    public void ARangeIsCutIntoWholeSlotsThatNeverRunPastItsEndOrMidnight()
    {
        var schedule = new AppointmentSchedule
        {
            Rules =
            [
                new SlotRule { Window = "general-1", From = new TimeOnly(22, 0), To = new TimeOnly(23, 59), SlotMinutes = 60, Capacity = 2 },
                new SlotRule { Window = "general-2", From = new TimeOnly(9, 0), To = new TimeOnly(10, 40), SlotMinutes = 30, Capacity = 1, Weekdays = [2] },
            ],
        };

        var late = Assert.Single(SlotPlan.For(schedule, "general-1", Monday, Weekends));
        Assert.Equal((new TimeOnly(22, 0), new TimeOnly(23, 0), 2), (late.Start, late.End, late.Capacity));
        Assert.Empty(SlotPlan.For(schedule, "general-2", Monday, Weekends));
        Assert.Equal([new TimeOnly(9, 0), new TimeOnly(9, 30), new TimeOnly(10, 0)],
            SlotPlan.For(schedule, "general-2", Monday.AddDays(1), Weekends).Select(s => s.Start));
    }

    [Fact]
    public void OverlappingRulesAreRefusedAndNeverDoubleAWindowsPlaces()
    {
        var hall = new ServiceHall.Grains.Organisation.Hall { Code = "gz", Windows = [new() { Code = "general-1" }] };
        SlotRule Rule(string from, string to, int minutes, IReadOnlyList<int> weekdays, DateOnly? date = null) => new()
        {
            Window = "general-1", From = TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            To = TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), SlotMinutes = minutes, Capacity = 2,
            Weekdays = weekdays, Date = date,
        };

        // Different weekdays, back-to-back times, or a dated rule (which replaces the week that day) do not overlap.
        var apart = new AppointmentSchedule { Rules = [Rule("09:00", "10:00", 30, [1]), Rule("09:00", "10:00", 30, [2]), Rule("10:00", "11:00", 30, [1]), Rule("09:00", "10:00", 30, [], Monday)] };
        Assert.Null(AppointmentScheduleValidator.Problem(apart, hall));

        var overlapping = new AppointmentSchedule { Rules = [Rule("09:00", "10:00", 30, [1, 3]), Rule("09:45", "11:45", 60, [])] };
        Assert.Equal("rules[1].from", AppointmentScheduleValidator.Problem(overlapping, hall)?.Field);
        var sameDate = new AppointmentSchedule { Rules = [Rule("09:00", "10:00", 30, [], Monday), Rule("09:30", "10:30", 30, [], Monday)] };
        Assert.Equal("rules[1].from", AppointmentScheduleValidator.Problem(sameDate, hall)?.Field);
        var zero = new AppointmentSchedule { Rules = [Rule("09:00", "10:00", 30, [1, 0])] };
        Assert.Equal("rules[0].weekdays", AppointmentScheduleValidator.Problem(zero, hall)?.Field);

        // Should overlapping rules meet anyway (a weekend made a working day brings every weekly rule in), the
        // first listed keeps the time: 09:00-10:00 in two slots, the other rule only from 10:00.
        var slots = SlotPlan.For(overlapping, "general-1", Monday, Weekends);
        Assert.Equal([new TimeOnly(9, 0), new TimeOnly(9, 30), new TimeOnly(10, 45)], slots.Select(s => s.Start));
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
    }
}
