using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Appointments;

/// <summary>Check-in at the window (opens the case through the ordinary opening path) and no-shows after the slot.</summary>
internal sealed partial class AppointmentDayGrain
{
    /// <summary>The reminder that records no-shows once the day's last booked slot has ended.</summary>
    private const string NoShowReminder = "no-shows";

    /// <summary>Whether the no-show reminder is registered, as last seen by this activation (null: not known).</summary>
    private bool? _reminderRegistered;

    async Task<AppointmentResult> IAppointmentDayGrain.CheckInAsync(CheckInCommand command)
    {
        await SweepNoShowsAsync();
        var schedule = await ScheduleAsync();
        var booking = Find(command.Code);
        if (booking is null)
        {
            return NotFound();
        }

        if (command.Actor.Role != StaffRoles.Clerk)
        {
            return Refuse(CaseOutcome.Forbidden, FieldError.Of("role", ErrorCodes.AppointmentCheckInClerkOnly, "Only a clerk at a window checks applicants in."));
        }

        if (!Cases.Policy.CasePolicy.Same(command.Actor.Hall, Hall))
        {
            return Refuse(CaseOutcome.Forbidden, FieldError.Of("hall", ErrorCodes.AppointmentOtherHall, $"This appointment is at hall '{Hall}', not yours."));
        }

        var caseGrain = GrainFactory.GetGrain<ICaseGrain>(CaseIds.ForIdempotentOpen("appointment", booking.Code));
        if (booking.Status == AppointmentStatuses.CheckedIn)
        {
            // A retried check-in (or a second click) answers with the case it opened, whatever key it carries.
            var opened = await caseGrain.GetAsync(command.Actor);
            return AppointmentResult.Ok(View(booking, schedule, masked: false), replayed: true, opened.Case);
        }

        if (booking.Status != AppointmentStatuses.Booked)
        {
            return Refuse(CaseOutcome.Conflict, NotBooked(booking.Status));
        }

        var today = calendar.LocalDate(clock.GetUtcNow());
        if (today != Date)
        {
            return Refuse(CaseOutcome.Conflict, FieldError.Of("code", ErrorCodes.AppointmentCheckInOtherDay,
                $"The appointment is on {Date:yyyy-MM-dd}; check-in is on that day only (today is {today:yyyy-MM-dd}).",
                ("date", Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        }

        // The case id and opening key come from the code, so a check-in retried after a crash finds the case it opened.
        var result = await caseGrain.OpenAsync(new OpenCaseCommand
        {
            ServiceItemCode = booking.ServiceItemCode,
            Channel = organisation.FindWindow(Hall, Window)?.Channel ?? Catalog.ServiceChannels.Window,
            Hall = Hall,
            Window = Window,
            Applicant = booking.Applicant,
            Materials = command.Materials,
            Actor = command.Actor,
            IdempotencyKey = "appointment:" + booking.Code,
            AppointmentCode = booking.Code,
        });
        if (!result.Succeeded)
        {
            // The case's own refusals (an applicant field, a missing material) keep their codes; a bare one is said as such.
            return result.Errors.Count > 0
                ? AppointmentResult.Refused(result.Outcome, result.Errors)
                : Refuse(result.Outcome, FieldError.Of(result.Field, ErrorCodes.AppointmentCaseNotOpened, result.Message ?? "The case could not be opened."));
        }

        var checkedIn = booking with
        {
            Status = AppointmentStatuses.CheckedIn,
            CheckedInAt = clock.GetUtcNow(),
            CheckedInBy = command.Actor.Id,
            CaseId = result.Case!.Id,
            CaseNumber = result.Case.Number,
            Commands = Remember(booking, command.IdempotencyKey, "check-in"),
        };
        await CommitAsync(Replace(booking, checkedIn));
        return AppointmentResult.Ok(View(checkedIn, schedule, masked: false), openedCase: result.Case);
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == NoShowReminder)
        {
            await SweepNoShowsAsync();
        }
    }

    /// <summary>Booked appointments whose slot has ended become no-shows (one write for all of them).</summary>
    private async Task SweepNoShowsAsync()
    {
        var now = clock.GetUtcNow();
        var late = state.State.Bookings.Where(b => b.Status == AppointmentStatuses.Booked && Instant(b.End) <= now).ToList();
        if (late.Count == 0)
        {
            return;
        }

        var next = state.State.Copy();
        foreach (var booking in late)
        {
            next.Bookings[next.Bookings.IndexOf(booking)] = booking with { Status = AppointmentStatuses.NoShow, ChangedAt = now };
        }

        await CommitAsync(next);
    }

    /// <summary>One write per command, then the side effects that need it durable: messages, the reminder, statistics.</summary>
    private async Task CommitAsync(AppointmentDayState next)
    {
        var previous = state.State;
        next.Version = previous.Version + 1;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        await ReportStatisticsAsync();
        await SyncReminderAsync();
        if (state.State.Outbox.Count > 0)
        {
            await DispatchOutboxAsync();
        }
    }

    /// <summary>Keeps the no-show reminder due at the end of the last booked slot, and drops it once none is left.</summary>
    private async Task SyncReminderAsync()
    {
        var pending = state.State.Bookings.Where(b => b.Status == AppointmentStatuses.Booked).ToList();
        // Known to be in step already: skip the reminder table, which a burst of bookings would otherwise read each time.
        if (_reminderRegistered == (pending.Count > 0))
        {
            return;
        }

        try
        {
            var existing = await this.GetReminder(NoShowReminder);
            if (pending.Count == 0)
            {
                if (existing is not null)
                {
                    await this.UnregisterReminder(existing);
                }

                _reminderRegistered = false;
                return;
            }

            if (existing is null)
            {
                // Due at the last slot's end; repeating hourly covers a tick lost to a restart, a reschedule or a later booking.
                var dueIn = Instant(pending.Max(b => b.End)) - clock.GetUtcNow();
                await this.RegisterOrUpdateReminder(NoShowReminder, dueIn > TimeSpan.FromMinutes(1) ? dueIn : TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
            }

            _reminderRegistered = true;
        }
        catch (Exception exception)
        {
            _reminderRegistered = null;
            logger.LogWarning(exception, "Appointments {Day}: no-show reminder not in step; reads and the next change catch up", this.GetPrimaryKeyString());
        }
    }

    /// <summary>After the write: the figures follow it; a failed report is repaired by the next change's (absolute counts).</summary>
    private async Task ReportStatisticsAsync()
    {
        var bookings = state.State.Bookings;
        try
        {
            await GrainFactory.GetGrain<IAppointmentMonthStatsGrain>(IAppointmentMonthStatsGrain.Key(Hall, Date)).ReportAsync(new AppointmentDayCounts
            {
                Window = Window,
                Date = Date,
                Booked = bookings.Count(b => AppointmentStatuses.HoldsPlace(b.Status)),
                CheckedIn = bookings.Count(b => b.Status == AppointmentStatuses.CheckedIn),
                NoShows = bookings.Count(b => b.Status == AppointmentStatuses.NoShow),
                Cancelled = bookings.Count(b => b.Status == AppointmentStatuses.Cancelled),
                Version = state.State.Version,
            });
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Appointments {Day}: statistics not reported; the next change reports again", this.GetPrimaryKeyString());
        }
    }
}
