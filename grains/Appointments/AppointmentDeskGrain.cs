using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using ServiceHall.Grains.Applications;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Appointments;

// The desk keeps no state and spends a booking awaiting the quota and day grains, so one activation interleaves many
// bookings; without Reentrant a silo served only as many bookings at once as it has cores (two here), and a morning
// rush queued behind them until Orleans' 30 s response timeout.
[StatelessWorker]
[Reentrant]
[GrainType("appointment-desk")]
internal sealed class AppointmentDeskGrain(
    OrganisationDirectory organisation,
    WorkingCalendar calendar,
    ApplicantDigests digests,
    IOptions<BookingQuotaOptions> quota) : Grain, IAppointmentDeskGrain
{
    async Task<AppointmentResult> IAppointmentDeskGrain.BookAsync(string dayKey, BookAppointmentCommand command, string claim)
    {
        var until = EndOfDay(dayKey);
        var byPhone = GrainFactory.GetGrain<IBookingQuotaGrain>(BookingQuotaKeys.Phone(digests, command.Applicant.Phone));
        var phoneAnswer = await byPhone.HoldAsync(claim, quota.Value.MaxOpenPerPhone, until);
        if (!phoneAnswer.Allowed)
        {
            return TooMany(FieldError.Of("applicant.phone", ErrorCodes.AppointmentPhoneQuota,
                $"This phone has reached its booking limit ({phoneAnswer.Reason}); cancel a booking you no longer need, or try again later."), phoneAnswer);
        }

        var byPerson = GrainFactory.GetGrain<IBookingQuotaGrain>(BookingQuotaKeys.IdNumber(digests, command.Applicant.IdNumber));
        var personAnswer = await byPerson.HoldAsync(claim, quota.Value.MaxOpenPerIdNumber, until);
        if (!personAnswer.Allowed)
        {
            await byPhone.ReleaseAsync(claim);
            return TooMany(FieldError.Of("applicant.idNumber", ErrorCodes.AppointmentIdNumberQuota,
                $"This ID number has reached its booking limit ({personAnswer.Reason}); cancel a booking you no longer need, or try again later."), personAnswer);
        }

        AppointmentResult? result = null;
        try
        {
            result = await GrainFactory.GetGrain<IAppointmentDayGrain>(dayKey).BookAsync(command);
        }
        finally
        {
            // Booked (or a retry of a booking made): the held places become it. Refused or failed: given back.
            if (result is { Succeeded: true, Appointment: { } booked })
            {
                await Task.WhenAll(byPhone.ConfirmAsync(claim, booked.Code), byPerson.ConfirmAsync(claim, booked.Code));
            }
            else
            {
                await Task.WhenAll(byPhone.ReleaseAsync(claim), byPerson.ReleaseAsync(claim));
            }
        }

        return result;
    }

    Task<string?> IAppointmentDeskGrain.LocateAsync(string code) =>
        AppointmentKeys.LooksLikeCode(code)
            ? GrainFactory.GetGrain<IAppointmentCodeGrain>(IAppointmentCodeGrain.Key(code)).GetDayAsync()
            : Task.FromResult<string?>(null);

    async Task<AppointmentResult> IAppointmentDeskGrain.RescheduleAsync(string code, string? window, DateOnly date, TimeOnly start, string? idempotencyKey)
    {
        var sourceKey = await ((IAppointmentDeskGrain)this).LocateAsync(code);
        if (sourceKey is null)
        {
            return AppointmentResult.Refused(CaseOutcome.NotFound, [FieldError.Of("code", ErrorCodes.AppointmentNotFound, "No appointment has this code.")]);
        }

        var (hall, currentWindow, _) = AppointmentKeys.ParseDay(sourceKey);
        if (window is not null && organisation.FindWindow(hall, window) is null)
        {
            return AppointmentResult.Refused(CaseOutcome.Unprocessable, [FieldError.Of("window", ErrorCodes.WindowUnknown, $"Hall '{hall}' has no window '{window}'.", ("window", window))]);
        }

        var targetKey = AppointmentKeys.Day(hall, window ?? currentWindow, date);
        var source = GrainFactory.GetGrain<IAppointmentDayGrain>(sourceKey);
        if (targetKey == sourceKey)
        {
            return await source.MoveWithinDayAsync(code, start, idempotencyKey);
        }

        var move = await source.BeginMoveAsync(code, idempotencyKey);
        if (move.Refusal is { } refusal)
        {
            return refusal;
        }

        var target = GrainFactory.GetGrain<IAppointmentDayGrain>(move.AlreadyMovedTo ?? targetKey);
        if (move.AlreadyMovedTo is not null)
        {
            var replay = await target.GetAsync(code);
            return replay.Succeeded ? replay with { Replayed = true } : replay;
        }

        var booked = await target.BookAsync(new BookAppointmentCommand
        {
            ServiceItemCode = move.ServiceItemCode,
            Start = start,
            Applicant = move.Applicant!,
            Code = code,
            IdempotencyKey = idempotencyKey,
        });
        if (!booked.Succeeded)
        {
            return booked;
        }

        var released = await source.CompleteMoveAsync(code, targetKey, idempotencyKey);
        if (!released.Succeeded)
        {
            // The source changed between the two steps (a cancel, a check-in): the new place is not wanted after all.
            await target.AbandonMoveAsync(code);
            return released;
        }

        // The applicant's quotas count the booking as open until its new day ends.
        var until = EndOfDay(targetKey);
        await Task.WhenAll(
            GrainFactory.GetGrain<IBookingQuotaGrain>(BookingQuotaKeys.Phone(digests, move.Applicant!.Phone)).MoveAsync(code, until),
            GrainFactory.GetGrain<IBookingQuotaGrain>(BookingQuotaKeys.IdNumber(digests, move.Applicant.IdNumber)).MoveAsync(code, until));
        return booked with { Outcome = CaseOutcome.Ok };
    }

    private DateTimeOffset EndOfDay(string dayKey) =>
        new(AppointmentKeys.ParseDay(dayKey).Date.AddDays(1).ToDateTime(TimeOnly.MinValue), calendar.Offset);

    private static AppointmentResult TooMany(FieldError error, QuotaAnswer answer) =>
        AppointmentResult.Refused(CaseOutcome.TooMany, [error]) with { RetryAfter = answer.RetryAfter };
}
