using Orleans.Concurrency;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Grains.Appointments;

[StatelessWorker]
[GrainType("appointment-desk")]
internal sealed class AppointmentDeskGrain(OrganisationDirectory organisation) : Grain, IAppointmentDeskGrain
{
    Task<string?> IAppointmentDeskGrain.LocateAsync(string code) =>
        AppointmentKeys.LooksLikeCode(code)
            ? GrainFactory.GetGrain<IAppointmentCodeGrain>(IAppointmentCodeGrain.Key(code)).GetDayAsync()
            : Task.FromResult<string?>(null);

    async Task<AppointmentResult> IAppointmentDeskGrain.RescheduleAsync(string code, string? window, DateOnly date, TimeOnly start, string? idempotencyKey)
    {
        var sourceKey = await ((IAppointmentDeskGrain)this).LocateAsync(code);
        if (sourceKey is null)
        {
            return AppointmentResult.Refused(CaseOutcome.NotFound, "code", "No appointment has this code.");
        }

        var (hall, currentWindow, _) = AppointmentKeys.ParseDay(sourceKey);
        if (window is not null && organisation.FindWindow(hall, window) is null)
        {
            return AppointmentResult.Refused(CaseOutcome.Unprocessable, "window", $"Hall '{hall}' has no window '{window}'.");
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

        return booked with { Outcome = CaseOutcome.Ok };
    }
}
