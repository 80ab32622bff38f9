namespace ServiceHall.Grains.Notifications;

/// <summary>How the outbox ledger behaves where it stands in for an SMS provider.</summary>
public sealed class SmsOutboxOptions
{
    /// <summary>
    /// Show verification codes in <c>GET /api/outbox</c>. Only where the outbox is the phone (embedded or demo mode):
    /// the demo and the tests read the code there. The codes are held in memory for a short while, never stored.
    /// </summary>
    public bool ShowCodes { get; set; }

    /// <summary>How long a shown code stays visible (about a code's lifetime).</summary>
    public TimeSpan ShowCodesFor { get; set; } = TimeSpan.FromMinutes(15);
}
