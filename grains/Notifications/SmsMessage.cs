using ServiceHall.Workflows;

namespace ServiceHall.Grains.Notifications;

/// <summary>
/// One text message. <see cref="Id"/> is stable across retries (case id + journal sequence + index), which is what
/// lets a gateway deliver it once however often it is sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Notifications.SmsMessage")]
public sealed record SmsMessage : StoredRecord
{
    [Id(0)] public required string Id { get; init; }

    /// <summary>A mobile number, or <c>staff:{role}@{hall}</c> for the hall's own people.</summary>
    [Id(1)] public required string To { get; init; }

    [Id(2)] public required string Text { get; init; }
    [Id(3)] public required string CaseId { get; init; }
    [Id(4)] public required string Template { get; init; }
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// A one-time code that <see cref="Text"/> carries (a verification code). A gateway sends the text as it is; every
    /// copy kept afterwards (the outbox ledger) masks it, so no stored row holds a usable code.
    /// </summary>
    [Id(6)] public string? Secret { get; init; }

    /// <summary>The message as it may be kept: the secret masked in the text and dropped.</summary>
    public SmsMessage Redacted() => Secret is { Length: > 0 } secret
        ? this with { Text = Text.Replace(secret, new string('*', secret.Length), StringComparison.Ordinal), Secret = null }
        : this;
}

/// <summary>What a gateway recorded: the message and when it was delivered.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Notifications.DeliveredSms")]
public sealed record DeliveredSms([property: Id(0)] SmsMessage Message, [property: Id(1)] DateTimeOffset DeliveredAt) : StoredRecord;
