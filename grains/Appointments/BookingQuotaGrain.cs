using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Appointments;

[GrainType("booking-quota")]
internal sealed class BookingQuotaGrain(
    [PersistentState("booking-quota", StorageNames.GrainState)] IPersistentState<BookingQuotaState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    IOptions<BookingQuotaOptions> options) : Grain, IBookingQuotaGrain
{
    async Task<QuotaAnswer> IBookingQuotaGrain.HoldAsync(string claim, int maxOpen, DateTimeOffset until)
    {
        var now = clock.GetUtcNow();
        var limits = options.Value;
        var holds = state.State.Holds;
        holds.RemoveAll(h => h.At <= now - limits.Period && h.Until <= now);
        if (holds.Any(h => h.Claim == claim))
        {
            return new QuotaAnswer(true);
        }

        var open = holds.Where(h => h.Until > now).OrderBy(h => h.Until).ToList();
        if (open.Count >= maxOpen)
        {
            return new QuotaAnswer(false, open[open.Count - maxOpen].Until - now, $"at most {maxOpen} open bookings at a time");
        }

        var recent = holds.Where(h => h.At > now - limits.Period).OrderBy(h => h.At).ToList();
        if (recent.Count >= limits.MaxPerPeriod)
        {
            return new QuotaAnswer(false, recent[recent.Count - limits.MaxPerPeriod].At + limits.Period - now,
                $"at most {limits.MaxPerPeriod} bookings per {limits.Period.TotalDays:0.#} days");
        }

        holds.Add(new QuotaHold { Claim = claim, At = now, Until = until });
        await state.WriteStateAsync();
        return new QuotaAnswer(true);
    }

    async Task IBookingQuotaGrain.ConfirmAsync(string claim, string code)
    {
        if (state.State.Holds.FirstOrDefault(h => h.Claim == claim) is { } hold && hold.Code != code)
        {
            hold.Code = code;
            await state.WriteStateAsync();
        }
    }

    async Task IBookingQuotaGrain.ReleaseAsync(string claim)
    {
        // A confirmed hold is a booking: only a cancel closes it.
        if (state.State.Holds.RemoveAll(h => h.Claim == claim && h.Code is null) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    async Task IBookingQuotaGrain.CloseAsync(string code)
    {
        var now = clock.GetUtcNow();
        if (state.State.Holds.FirstOrDefault(h => h.Code == code && h.Until > now) is { } hold)
        {
            hold.Until = now;
            await state.WriteStateAsync();
        }
    }

    async Task IBookingQuotaGrain.MoveAsync(string code, DateTimeOffset until)
    {
        if (state.State.Holds.FirstOrDefault(h => h.Code == code) is { } hold && hold.Until != until)
        {
            hold.Until = until;
            await state.WriteStateAsync();
        }
    }
}

internal sealed class BookingQuotaState : StoredObject
{
    /// <summary>Bookings still open or made within the period; older ones are dropped on the next hold.</summary>
    public List<QuotaHold> Holds { get; set; } = [];
}

internal sealed class QuotaHold : StoredObject
{
    /// <summary>The booking's idempotency key, or a request id when it had none.</summary>
    public string Claim { get; set; } = "";

    /// <summary>The appointment code once booked; null while the booking is being made.</summary>
    public string? Code { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Open until then: the end of the booking's day, or its cancel.</summary>
    public DateTimeOffset Until { get; set; }
}
