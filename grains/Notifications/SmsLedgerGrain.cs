using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Notifications;

/// <summary>
/// One shard of the outbox. Its messages are kept in <see cref="Pages"/> pages of <see cref="PageSize"/>, each its own
/// stored row, and a delivery writes only the page it lands on: until issue 20 the shard was one row of up to 250
/// messages (≈80 KB of JSON), serialised and written whole on every delivery, half of the grain-state writes left per
/// command in PostgreSQL mode. A full page moves delivery on to the oldest page, which is emptied in the same write.
/// Every page is read at activation, so an id stays refused for as long as its page is kept (at least the newest
/// <see cref="Kept"/> messages, as before), and a delivery is acknowledged only after its page is stored.
/// </summary>
[GrainType("sms-ledger")]
internal sealed partial class SmsLedgerGrain : Grain, ISmsLedgerGrain
{
    // The outbox shows recent traffic: the newest 250 messages of the shard.
    private const int Kept = 250;
    internal const int PageSize = 25;

    // One page more than the shown messages fill, so that emptying the oldest page never drops one of the newest Kept.
    internal const int Pages = Kept / PageSize + 1;

    private readonly IPersistentState<SmsLedgerState> _legacy;
    private readonly IPersistentState<SmsLedgerPage>[] _pages;
    private readonly TimeProvider _clock;
    private readonly IOptions<SmsOutboxOptions> _options;

    // Verification codes of recent messages, by message id: memory only (never written), and only where the outbox is
    // the applicant's phone. A restart forgets them; the applicant then asks for a new code.
    private readonly Dictionary<string, (string Code, DateTimeOffset Until)> _codes = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private int _current;

    public SmsLedgerGrain(
        [PersistentState("sms-ledger", StorageNames.GrainState)] IPersistentState<SmsLedgerState> legacy,
        IPersistentStateFactory states,
        [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
        IOptions<SmsOutboxOptions> options)
    {
        _legacy = legacy;
        _clock = clock;
        _options = options;
        // Created here, as the attribute above is, so each page is read with the grain's other state at activation.
        _pages = [.. Enumerable.Range(0, Pages).Select(page => states.Create<SmsLedgerPage>(GrainContext, new PageState(PageStateName(page))))];
    }

    /// <summary>The stored state name of a page (unique per page: rows are keyed by state name and grain key).</summary>
    internal static string PageStateName(int page) => $"sms-ledger-page-{page:D2}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_legacy.State.Messages.Count > 0)
        {
            await MoveLegacyMessagesAsync(cancellationToken);
        }

        _current = Enumerable.Range(0, Pages).MaxBy(page => _pages[page].State.Sequence);
        _ids.UnionWith(_pages.SelectMany(page => page.State.Messages).Select(m => m.Message.Id));
    }

    /// <summary>
    /// A shard stored as one row (before issue 20) moves into pages once, oldest messages in the first page; rows written
    /// before codes were masked still hold them, so they are masked on the way. The old row is emptied last; a crash
    /// before that only repeats the same move on the next activation.
    /// </summary>
    private async Task MoveLegacyMessagesAsync(CancellationToken cancellationToken)
    {
        static bool HoldsCode(DeliveredSms m) => m.Message.Template == SmsTexts.VerificationTemplate && SixDigits().IsMatch(m.Message.Text);
        var messages = _legacy.State.Messages.Select(m => HoldsCode(m)
            ? m with { Message = m.Message with { Text = SixDigits().Replace(m.Message.Text, "******") } }
            : m).ToList();
        var sequence = _pages.Max(page => page.State.Sequence);
        foreach (var (chunk, page) in messages.Chunk(PageSize).Select((chunk, page) => (chunk, page)))
        {
            _pages[page].State = new SmsLedgerPage { Sequence = sequence + page + 1, Messages = [.. chunk] };
            await _pages[page].WriteStateAsync(cancellationToken);
        }

        _legacy.State.Messages = [];
        await _legacy.WriteStateAsync(cancellationToken);
    }

    async Task<bool> ISmsLedgerGrain.DeliverAsync(SmsMessage message)
    {
        if (_ids.Contains(message.Id))
        {
            return false;
        }

        var now = _clock.GetUtcNow();
        var page = _pages[_current].State;
        if (page.Messages.Count >= PageSize)
        {
            // The oldest page makes room: its ids are forgotten with it, as the single row's oldest messages were.
            var next = (_current + 1) % Pages;
            _ids.ExceptWith(_pages[next].State.Messages.Select(m => m.Message.Id));
            _pages[next].State = new SmsLedgerPage { Sequence = page.Sequence + 1 };
            _current = next;
        }

        var written = _pages[_current];
        written.State.Messages.Add(new DeliveredSms(message.Redacted(), now));
        try
        {
            await written.WriteStateAsync();
        }
        catch
        {
            // Not stored (or not known to be): the message is not counted as delivered, so a retry may deliver it, and
            // the next activation reads the pages as stored instead of answering from this one's copy.
            written.State.Messages.RemoveAt(written.State.Messages.Count - 1);
            DeactivateOnIdle();
            throw;
        }

        _ids.Add(message.Id);
        Forget(now);
        if (_options.Value.ShowCodes && message.Secret is { Length: > 0 } code)
        {
            _codes[message.Id] = (code, now + _options.Value.ShowCodesFor);
        }

        return true;
    }

    Task<IReadOnlyList<DeliveredSms>> ISmsLedgerGrain.ListAsync(int take)
    {
        Forget(_clock.GetUtcNow());
        var newest = _pages.OrderByDescending(page => page.State.Sequence).SelectMany(page => Enumerable.Reverse(page.State.Messages));
        return Task.FromResult<IReadOnlyList<DeliveredSms>>(newest.Take(Math.Min(take, Kept)).Select(Shown).ToList());
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var expired in _codes.Where(c => c.Value.Until <= now).Select(c => c.Key).ToList())
        {
            _codes.Remove(expired);
        }
    }

    private DeliveredSms Shown(DeliveredSms delivered) =>
        _codes.TryGetValue(delivered.Message.Id, out var code)
            ? delivered with { Message = delivered.Message with { Text = Restore(delivered.Message.Text, code.Code) } }
            : delivered;

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();

    // The stored text has the code masked by as many '*' as it has characters.
    private static string Restore(string masked, string code) =>
        masked.Replace(new string('*', code.Length), code, StringComparison.Ordinal);

    private sealed record PageState(string StateName) : IPersistentStateConfiguration
    {
        public string StorageName => StorageNames.GrainState;
    }
}

/// <summary>The shard's row before issue 20 (every message in one row); read once to move its messages into pages.</summary>
internal sealed class SmsLedgerState : StoredObject
{
    public List<DeliveredSms> Messages { get; set; } = [];
}

/// <summary>One page of a shard: up to <see cref="SmsLedgerGrain.PageSize"/> messages, oldest first.</summary>
internal sealed class SmsLedgerPage : StoredObject
{
    /// <summary>Which page was filled when: the highest is the one deliveries go to, and lists run from it backwards.</summary>
    public long Sequence { get; set; }

    public List<DeliveredSms> Messages { get; set; } = [];
}
