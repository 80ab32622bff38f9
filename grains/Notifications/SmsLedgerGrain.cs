using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;

namespace ServiceHall.Grains.Notifications;

[GrainType("sms-ledger")]
internal sealed class SmsLedgerGrain(
    [PersistentState("sms-ledger", StorageNames.GrainState)] IPersistentState<SmsLedgerState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock) : Grain, ISmsLedgerGrain
{
    // The outbox shows recent traffic; older messages are dropped so each shard's row stays small.
    private const int Kept = 250;

    async Task<bool> ISmsLedgerGrain.DeliverAsync(SmsMessage message)
    {
        if (state.State.Messages.Any(m => m.Message.Id == message.Id))
        {
            return false;
        }

        state.State.Messages.Add(new DeliveredSms(message, clock.GetUtcNow()));
        if (state.State.Messages.Count > Kept)
        {
            state.State.Messages.RemoveRange(0, state.State.Messages.Count - Kept);
        }

        await state.WriteStateAsync();
        return true;
    }

    Task<IReadOnlyList<DeliveredSms>> ISmsLedgerGrain.ListAsync(int take) =>
        Task.FromResult<IReadOnlyList<DeliveredSms>>(Enumerable.Reverse(state.State.Messages).Take(take).ToList());
}

internal sealed class SmsLedgerState
{
    public List<DeliveredSms> Messages { get; set; } = [];
}
