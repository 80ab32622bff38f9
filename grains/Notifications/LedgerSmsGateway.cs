namespace ServiceHall.Grains.Notifications;

/// <summary>The gateway used until a real SMS provider is configured: every message lands in the visible outbox.</summary>
public sealed class LedgerSmsGateway(IGrainFactory grains) : ISmsGateway
{
    public Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default) =>
        grains.Reference<ISmsLedgerGrain>(ISmsLedgerGrain.KeyFor(message.Id)).DeliverAsync(message);
}
