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

    /// <summary>Messages are spread over this many ledgers by id, so no single row grows with all the traffic.</summary>
    public const int Shards = 16;

    /// <summary>The ledger that keeps <paramref name="messageId"/> (stable across processes: FNV-1a over the UTF-8 id).</summary>
    public static string KeyFor(string messageId)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(messageId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return ShardKey((int)(hash % Shards));
    }

    public static string ShardKey(int shard) => $"sms-ledger-{shard:D2}";
}
