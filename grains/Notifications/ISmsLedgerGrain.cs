namespace ServiceHall.Grains.Notifications;

/// <summary>
/// The messages "sent" when no SMS provider is configured: a visible outbox (<c>GET /api/outbox</c>) that keeps
/// each message id once, as a real provider's deduplication would.
/// </summary>
[Alias("ServiceHall.Grains.Notifications.ISmsLedgerGrain")]
public interface ISmsLedgerGrain : IGrainWithStringKey
{
    /// <summary>Records the message; false when this id was already delivered.</summary>
    [Alias("DeliverAsync")]
    Task<bool> DeliverAsync(SmsMessage message);

    /// <summary>The newest messages first.</summary>
    [Alias("ListAsync")]
    Task<IReadOnlyList<DeliveredSms>> ListAsync(int take);

    public const string Key = "sms-ledger";
}
