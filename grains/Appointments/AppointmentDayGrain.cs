using System.Globalization;
using ServiceHall.Grains.Refusals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Applications;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;

namespace ServiceHall.Grains.Appointments;

/// <summary>
/// One window's day. Every command runs alone (no reentrancy) and is written before it is answered, so counting the
/// places left and taking one is a single step: the last place goes to exactly one applicant however many ask at once.
/// </summary>
[GrainType("appointment-day")]
internal sealed partial class AppointmentDayGrain(
    [PersistentState("appointment-day", StorageNames.GrainState)] IPersistentState<AppointmentDayState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    WorkingCalendar calendar,
    OrganisationDirectory organisation,
    ISmsGateway sms,
    ApplicantDigests digests,
    ILogger<AppointmentDayGrain> logger) : Grain, IAppointmentDayGrain, IRemindable
{
    private string Hall => AppointmentKeys.ParseDay(this.GetPrimaryKeyString()).Hall;

    private string Window => AppointmentKeys.ParseDay(this.GetPrimaryKeyString()).Window;

    private DateOnly Date => AppointmentKeys.ParseDay(this.GetPrimaryKeyString()).Date;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Slots that ended while no silo held this day (or while the fake clock moved) get their no-shows now.
        await SweepNoShowsAsync();
        if (state.State.Outbox.Count > 0)
        {
            await DispatchOutboxAsync();
        }
    }

    async Task<AppointmentDay> IAppointmentDayGrain.GetDayAsync(string? serviceItemCode, bool staff)
    {
        await SweepNoShowsAsync();
        var schedule = await ScheduleAsync();
        var now = clock.GetUtcNow();

        // Offer only what BookAsync would take: a window whose channel the item is not handled at has no slots for it.
        var bookable = serviceItemCode is null || await ItemHandledHereAsync(serviceItemCode);
        var slots = SlotPlan.For(schedule, Window, Date, calendar)
            .Where(s => bookable && (serviceItemCode is null || SlotPlan.Serves(s, serviceItemCode)))
            .Select(s => new SlotView
            {
                Window = Window,
                Date = Date,
                Start = s.Start,
                End = s.End,
                Capacity = s.Capacity,
                Booked = Taken(s.Start),
                ServiceItems = s.ServiceItems,
                Open = BookingOpen(schedule, s.Start, now),
            }).ToList();
        return new AppointmentDay
        {
            Hall = Hall,
            Window = Window,
            Date = Date,
            Slots = slots,
            Appointments = staff ? [.. state.State.Bookings.OrderBy(b => b.Start).ThenBy(b => b.BookedAt).Select(b => View(b, schedule, masked: false))] : [],
        };
    }

    async Task<AppointmentResult> IAppointmentDayGrain.BookAsync(BookAppointmentCommand command)
    {
        var schedule = await ScheduleAsync();
        if (command.IdempotencyKey is not null && FindByKey(command.IdempotencyKey, command.Applicant) is { } earlier)
        {
            return AppointmentResult.Created(View(earlier, schedule, masked: true), replayed: true);
        }

        if (command.Code is not null && state.State.Bookings.FirstOrDefault(b => b.Code == command.Code && AppointmentStatuses.HoldsPlace(b.Status)) is { } moved)
        {
            return AppointmentResult.Created(View(moved, schedule, masked: true), replayed: true);
        }

        if (CheckApplicant(command.Applicant) is { } badApplicant)
        {
            return badApplicant;
        }

        var item = await GrainFactory.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetItemAsync(command.ServiceItemCode ?? "");
        var channel = organisation.FindWindow(Hall, Window)?.Channel ?? ServiceChannels.Window;
        if (item is null)
        {
            return Refuse(CaseOutcome.Unprocessable, FieldError.Of("serviceItemCode", ErrorCodes.ServiceItemUnknown, $"No service item '{command.ServiceItemCode}' in the catalogue.", ("item", command.ServiceItemCode)));
        }

        if (!item.Channels.Contains(channel))
        {
            return Refuse(CaseOutcome.Unprocessable, FieldError.Of("serviceItemCode", ErrorCodes.ServiceItemNotAtWindow, $"'{item.NameZh}' is not handled at a '{channel}' window.", ("item", item.NameZh)));
        }

        var (slotProblem, slot) = FindSlot(schedule, command.Start, item.Code);
        if (slotProblem is not null)
        {
            return slotProblem;
        }

        if (Taken(slot.Start) >= slot.Capacity)
        {
            return Refuse(CaseOutcome.Conflict, FieldError.Of("start", ErrorCodes.AppointmentFull, $"The {slot.Start:HH\\:mm} slot of window {Window} on {Date:yyyy-MM-dd} is fully booked.", ("start", slot.Start.ToString("HH:mm", CultureInfo.InvariantCulture))));
        }

        if (state.State.Bookings.Any(b => b.Status == AppointmentStatuses.Booked && b.Code != command.Code
            && string.Equals(b.Applicant.IdNumber, command.Applicant.IdNumber, StringComparison.OrdinalIgnoreCase)
            && b.ServiceItemCode == item.Code))
        {
            return Refuse(CaseOutcome.Conflict, FieldError.Of("applicant.idNumber", ErrorCodes.AppointmentDuplicate, "This applicant already holds a booking for this item at this window on this day."));
        }

        var code = command.Code ?? await ClaimCodeAsync();
        var now = clock.GetUtcNow();
        var booking = new Booking
        {
            Code = code,
            ServiceItemCode = item.Code,
            ServiceItemNameZh = item.NameZh,
            ServiceItemNameEn = item.NameEn,
            Start = slot.Start,
            End = slot.End,
            Applicant = command.Applicant,
            Status = AppointmentStatuses.Booked,
            BookedAt = now,
            // A moved booking remembers the reschedule's key, so a retry that finds the code already here replays.
            Commands = command.IdempotencyKey is null ? [] : [new BookingCommand(command.IdempotencyKey, command.Code is null ? "book" : "reschedule")],
        };
        var next = state.State.Copy();
        next.Bookings.Add(booking);
        Enqueue(next, booking, command.Code is null ? "appointment-booked" : "appointment-rescheduled");
        await CommitAsync(next);
        return AppointmentResult.Created(View(booking, schedule, masked: true));
    }

    private async Task<bool> ItemHandledHereAsync(string serviceItemCode)
    {
        var item = await GrainFactory.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetItemAsync(serviceItemCode);
        var channel = organisation.FindWindow(Hall, Window)?.Channel ?? ServiceChannels.Window;
        return item is not null && item.Channels.Contains(channel);
    }

    async Task<AppointmentResult> IAppointmentDayGrain.GetAsync(string code)
    {
        await SweepNoShowsAsync();
        return Find(code) is { } booking
            ? AppointmentResult.Ok(View(booking, await ScheduleAsync(), masked: true))
            : NotFound();
    }

    async Task<AppointmentResult> IAppointmentDayGrain.CancelAsync(string code, string? idempotencyKey)
    {
        var schedule = await ScheduleAsync();
        var (refusal, booking) = Changeable(code, idempotencyKey, "cancel", schedule);
        if (refusal is not null || booking!.Status != AppointmentStatuses.Booked)
        {
            return refusal ?? AppointmentResult.Ok(View(booking!, schedule, masked: true), replayed: true);
        }

        var cancelled = booking with
        {
            Status = AppointmentStatuses.Cancelled,
            ChangedAt = clock.GetUtcNow(),
            Commands = Remember(booking, idempotencyKey, "cancel"),
        };
        var next = Replace(booking, cancelled);
        Enqueue(next, cancelled, "appointment-cancelled");
        await CommitAsync(next);
        await CloseQuotasAsync(cancelled);
        return AppointmentResult.Ok(View(cancelled, schedule, masked: true));
    }

    private async Task CloseQuotasAsync(Booking cancelled)
    {
        try
        {
            await Task.WhenAll(
                GrainFactory.GetGrain<IBookingQuotaGrain>(BookingQuotaKeys.Phone(digests, cancelled.Applicant.Phone)).CloseAsync(cancelled.Code),
                GrainFactory.GetGrain<IBookingQuotaGrain>(BookingQuotaKeys.IdNumber(digests, cancelled.Applicant.IdNumber)).CloseAsync(cancelled.Code));
        }
        catch (Exception exception)
        {
            // The cancel stands; the applicant's quota only frees up when the day ends instead of now.
            logger.LogWarning(exception, "Appointments {Day}: a cancelled booking's quota was not freed", this.GetPrimaryKeyString());
        }
    }

    async Task<AppointmentResult> IAppointmentDayGrain.MoveWithinDayAsync(string code, TimeOnly start, string? idempotencyKey)
    {
        var schedule = await ScheduleAsync();
        var (refusal, booking) = Changeable(code, idempotencyKey, "reschedule", schedule);
        if (refusal is not null || booking!.Status != AppointmentStatuses.Booked)
        {
            return refusal ?? AppointmentResult.Ok(View(booking!, schedule, masked: true), replayed: true);
        }

        var (slotProblem, slot) = FindSlot(schedule, start, booking.ServiceItemCode);
        if (slotProblem is not null)
        {
            return slotProblem;
        }

        if (slot.Start != booking.Start && Taken(slot.Start) >= slot.Capacity)
        {
            return Refuse(CaseOutcome.Conflict, FieldError.Of("start", ErrorCodes.AppointmentFull, $"The {slot.Start:HH\\:mm} slot is fully booked.", ("start", slot.Start.ToString("HH:mm", CultureInfo.InvariantCulture))));
        }

        var moved = booking with { Start = slot.Start, End = slot.End, ChangedAt = clock.GetUtcNow(), Commands = Remember(booking, idempotencyKey, "reschedule") };
        var next = Replace(booking, moved);
        Enqueue(next, moved, "appointment-rescheduled");
        await CommitAsync(next);
        return AppointmentResult.Ok(View(moved, schedule, masked: true));
    }

    async Task<AppointmentMove> IAppointmentDayGrain.BeginMoveAsync(string code, string? idempotencyKey)
    {
        var schedule = await ScheduleAsync();
        if (Find(code) is { Status: AppointmentStatuses.Moved } gone && idempotencyKey is not null
            && gone.Commands.Any(c => c.Key == idempotencyKey && c.Action == "reschedule"))
        {
            return new AppointmentMove { AlreadyMovedTo = gone.MovedTo, ServiceItemCode = gone.ServiceItemCode, Applicant = gone.Applicant };
        }

        var (refusal, booking) = Changeable(code, idempotencyKey, "reschedule", schedule);
        if (refusal is not null)
        {
            return new AppointmentMove { Refusal = refusal };
        }

        return booking!.Status == AppointmentStatuses.Booked
            ? new AppointmentMove { ServiceItemCode = booking.ServiceItemCode, Applicant = booking.Applicant }
            : new AppointmentMove { Refusal = Refuse(CaseOutcome.Conflict, NotBooked(booking.Status)) };
    }

    async Task<AppointmentResult> IAppointmentDayGrain.CompleteMoveAsync(string code, string movedTo, string? idempotencyKey)
    {
        var schedule = await ScheduleAsync();
        var booking = Find(code);
        if (booking is null)
        {
            return NotFound();
        }

        if (booking.Status == AppointmentStatuses.Moved)
        {
            return AppointmentResult.Ok(View(booking, schedule, masked: true), replayed: true);
        }

        if (booking.Status != AppointmentStatuses.Booked)
        {
            return Refuse(CaseOutcome.Conflict, NotBooked(booking.Status));
        }

        var moved = booking with
        {
            Status = AppointmentStatuses.Moved,
            MovedTo = movedTo,
            ChangedAt = clock.GetUtcNow(),
            Commands = Remember(booking, idempotencyKey, "reschedule"),
        };
        await CommitAsync(Replace(booking, moved));
        await GrainFactory.GetGrain<IAppointmentCodeGrain>(IAppointmentCodeGrain.Key(code)).MoveAsync(movedTo);
        return AppointmentResult.Ok(View(moved, schedule, masked: true));
    }

    async Task IAppointmentDayGrain.AbandonMoveAsync(string code)
    {
        if (Find(code) is { Status: AppointmentStatuses.Booked } booking)
        {
            var next = Replace(booking, booking with { Status = AppointmentStatuses.Cancelled, ChangedAt = clock.GetUtcNow() });
            next.Outbox.RemoveAll(m => m.CaseId == code);
            await CommitAsync(next);
        }
    }

    private (AppointmentResult? Refusal, Booking? Booking) Changeable(string code, string? idempotencyKey, string action, AppointmentSchedule schedule)
    {
        var booking = Find(code);
        if (booking is null)
        {
            return (NotFound(), null);
        }

        if (idempotencyKey is not null && booking.Commands.FirstOrDefault(c => c.Key == idempotencyKey) is { } earlier)
        {
            return earlier.Action == action
                ? (AppointmentResult.Ok(View(booking, schedule, masked: true), replayed: true), booking)
                : (Refuse(CaseOutcome.Unprocessable, FieldError.Of("Idempotency-Key", ErrorCodes.AppointmentKeyReused,
                    $"This Idempotency-Key was already used for '{earlier.Action}', not '{action}'.")), booking);
        }

        if (booking.Status != AppointmentStatuses.Booked)
        {
            return (Refuse(CaseOutcome.Conflict, NotBooked(booking.Status)), booking);
        }

        var until = ChangeableUntil(booking, schedule);
        if (clock.GetUtcNow() >= until)
        {
            var closedAt = until.ToOffset(calendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return (Refuse(CaseOutcome.Conflict, FieldError.Of("code", ErrorCodes.AppointmentChangesClosed,
                $"Changes close {schedule.CutOffMinutes} minutes before the appointment (at {closedAt}); please come to the hall or call it.",
                ("minutes", schedule.CutOffMinutes), ("until", closedAt))), booking);
        }

        return (null, booking);
    }

    private (AppointmentResult? Problem, SlotPlan.PlannedSlot Slot) FindSlot(AppointmentSchedule schedule, TimeOnly start, string serviceItemCode)
    {
        var now = clock.GetUtcNow();
        var today = calendar.LocalDate(now);
        if (Date < today || Date > today.AddDays(schedule.BookAheadDays - 1))
        {
            return (Refuse(CaseOutcome.Unprocessable, FieldError.Of("date", ErrorCodes.AppointmentDateOutOfRange, $"Bookings are taken from {today:yyyy-MM-dd} to {today.AddDays(schedule.BookAheadDays - 1):yyyy-MM-dd}.",
                ("from", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", today.AddDays(schedule.BookAheadDays - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))), default);
        }

        var slots = SlotPlan.For(schedule, Window, Date, calendar);
        var slot = slots.FirstOrDefault(s => s.Start == start);
        if (slots.Count == 0 || slot.Capacity == 0)
        {
            return (Refuse(CaseOutcome.Unprocessable, FieldError.Of("start", ErrorCodes.AppointmentNoSlot, $"Window {Window} has no slot at {start:HH\\:mm} on {Date:yyyy-MM-dd}.", ("start", start.ToString("HH:mm", CultureInfo.InvariantCulture)))), default);
        }

        if (!SlotPlan.Serves(slot, serviceItemCode))
        {
            return (Refuse(CaseOutcome.Unprocessable, FieldError.Of("serviceItemCode", ErrorCodes.AppointmentSlotNotForItem, $"The {start:HH\\:mm} slot of window {Window} is not for '{serviceItemCode}'.", ("start", start.ToString("HH:mm", CultureInfo.InvariantCulture)))), default);
        }

        if (!BookingOpen(schedule, slot.Start, now))
        {
            return (Refuse(CaseOutcome.Conflict, FieldError.Of("start", ErrorCodes.AppointmentSlotStarted, $"The {start:HH\\:mm} slot has already started.", ("start", start.ToString("HH:mm", CultureInfo.InvariantCulture)))), default);
        }

        return (null, slot);
    }

    private static AppointmentResult? CheckApplicant(ApplicantDetails? applicant) =>
        BookingApplicant.Problems(applicant) is { Count: > 0 } problems ? AppointmentResult.Refused(CaseOutcome.Invalid, problems) : null;

    private async Task<string> ClaimCodeAsync()
    {
        // The code's owner is recorded before the booking, so a code handed out always resolves to this day.
        while (true)
        {
            var code = AppointmentKeys.NewCode();
            if (await GrainFactory.GetGrain<IAppointmentCodeGrain>(IAppointmentCodeGrain.Key(code)).AssignAsync(this.GetPrimaryKeyString()))
            {
                return code;
            }
        }
    }

    private Task<AppointmentSchedule> ScheduleAsync() =>
        GrainFactory.GetGrain<IAppointmentScheduleGrain>(IAppointmentScheduleGrain.Key(Hall)).GetAsync();

    private int Taken(TimeOnly start) => state.State.Bookings.Count(b => b.Start == start && AppointmentStatuses.HoldsPlace(b.Status));

    private bool BookingOpen(AppointmentSchedule schedule, TimeOnly start, DateTimeOffset now) =>
        now < Instant(start) && Date <= calendar.LocalDate(now).AddDays(schedule.BookAheadDays - 1);

    private DateTimeOffset Instant(TimeOnly time) => new(Date.ToDateTime(time), calendar.Offset);

    private DateTimeOffset ChangeableUntil(Booking booking, AppointmentSchedule schedule) =>
        Instant(booking.Start) - TimeSpan.FromMinutes(schedule.CutOffMinutes);

    private Booking? Find(string code) => state.State.Bookings.LastOrDefault(b => b.Code == code);

    /// <summary>
    /// The booking an earlier request with this key made for the same applicant. Keys belong to their caller: the same
    /// key from another applicant is a new booking, never an answer carrying someone else's code.
    /// </summary>
    private Booking? FindByKey(string key, ApplicantDetails? applicant) => applicant is null ? null
        : state.State.Bookings.FirstOrDefault(b => b.Commands.Any(c => c.Key == key && c.Action == "book")
            && string.Equals(b.Applicant.IdNumber, applicant.IdNumber, StringComparison.OrdinalIgnoreCase)
            && b.Applicant.Phone == applicant.Phone);

    private AppointmentDayState Replace(Booking current, Booking replacement)
    {
        var next = state.State.Copy();
        next.Bookings[next.Bookings.IndexOf(current)] = replacement;
        return next;
    }

    private static List<BookingCommand> Remember(Booking booking, string? key, string action) =>
        key is null ? booking.Commands : [.. booking.Commands, new BookingCommand(key, action)];

    private AppointmentView View(Booking booking, AppointmentSchedule schedule, bool masked) => new()
    {
        Code = booking.Code,
        Hall = Hall,
        Window = Window,
        Date = Date,
        Start = booking.Start,
        End = booking.End,
        ServiceItemCode = booking.ServiceItemCode,
        ServiceItemName = booking.ServiceItemNameZh,
        ServiceItemNameEn = booking.ServiceItemNameEn,
        ApplicantName = masked ? MaskName(booking.Applicant.Name) : booking.Applicant.Name,
        ApplicantPhone = masked ? MaskPhone(booking.Applicant.Phone) : booking.Applicant.Phone,
        Status = booking.Status,
        BookedAt = booking.BookedAt,
        ChangeableUntil = ChangeableUntil(booking, schedule),
        CheckedInAt = booking.CheckedInAt,
        CaseId = masked ? null : booking.CaseId,
        CaseNumber = booking.CaseNumber,
        MovedTo = booking.MovedTo,
    };

    private static string MaskName(string name) => name.Length <= 1 ? name : name[0] + new string('*', name.Length - 1);

    private static string MaskPhone(string phone) => phone.Length == 11 ? phone[..3] + "****" + phone[7..] : phone;

    private static AppointmentResult NotFound() => Refuse(CaseOutcome.NotFound, FieldError.Of("code", ErrorCodes.AppointmentNotFound, "No appointment has this code."));

    /// <summary>The booking is no longer booked: the code says what became of it.</summary>
    private static FieldError NotBooked(string status) => FieldError.Of("code", status switch
    {
        AppointmentStatuses.Cancelled => ErrorCodes.AppointmentCancelled,
        AppointmentStatuses.CheckedIn => ErrorCodes.AppointmentCheckedIn,
        AppointmentStatuses.Moved => ErrorCodes.AppointmentMoved,
        AppointmentStatuses.NoShow => ErrorCodes.AppointmentNoShow,
        _ => ErrorCodes.AppointmentNotBooked,
    }, $"The appointment is {status}; only a booked one can be changed.");

    private static AppointmentResult Refuse(CaseOutcome outcome, FieldError error) => AppointmentResult.Refused(outcome, [error]);
}
