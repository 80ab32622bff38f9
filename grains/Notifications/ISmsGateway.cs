namespace ServiceHall.Grains.Notifications;

/// <summary>
/// Sends text messages. The contract: <see cref="SendAsync"/> returning means the gateway has the message; sending
/// the same <see cref="SmsMessage.Id"/> again is harmless (the gateway keeps it once). Callers retry until it returns.
/// </summary>
public interface ISmsGateway
{
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default);
}
