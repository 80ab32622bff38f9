using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Notifications;

[GrainType("sms-ledger")]
internal sealed partial class SmsLedgerGrain(
    [PersistentState("sms-ledger", StorageNames.GrainState)] IPersistentState<SmsLedgerState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    IOptions<SmsOutboxOptions> options) : Grain, ISmsLedgerGrain
{
    // The outbox shows recent traffic; older messages are dropped so each shard's row stays small.
    private const int Kept = 250;

    // Verification codes of recent messages, by message id: memory only (never written), and only where the outbox is
    // the applicant's phone. A restart forgets them; the applicant then asks for a new code.
    private readonly Dictionary<string, (string Code, DateTimeOffset Until)> _codes = [];

    // The ids of the kept messages, so a delivery checks for a repeat without walking up to 250 of them (issue 20).
    private HashSet<string>? _kept;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Rows written before codes were masked still hold them: masked once, on the first activation after the upgrade.
        static bool HoldsCode(DeliveredSms m) => m.Message.Template == SmsTexts.VerificationTemplate && SixDigits().IsMatch(m.Message.Text);
        if (state.State.Messages.Any(HoldsCode))
        {
            state.State.Messages = [.. state.State.Messages.Select(m => HoldsCode(m)
                ? m with { Message = m.Message with { Text = SixDigits().Replace(m.Message.Text, "******") } }
                : m)];
            await state.WriteStateAsync(cancellationToken);
        }
    }

    async Task<bool> ISmsLedgerGrain.DeliverAsync(SmsMessage message)
    {
        var kept = _kept ??= new HashSet<string>(state.State.Messages.Select(m => m.Message.Id), StringComparer.Ordinal);
        if (kept.Contains(message.Id))
        {
            return false;
        }

        // The set follows the list exactly (also when the write below fails, as the list does).
        var now = clock.GetUtcNow();
        state.State.Messages.Add(new DeliveredSms(message.Redacted(), now));
        kept.Add(message.Id);
        if (state.State.Messages.Count > Kept)
        {
            var dropped = state.State.Messages.Count - Kept;
            for (var i = 0; i < dropped; i++)
            {
                kept.Remove(state.State.Messages[i].Message.Id);
            }

            state.State.Messages.RemoveRange(0, dropped);
        }

        await state.WriteStateAsync();
        Forget(now);
        if (options.Value.ShowCodes && message.Secret is { Length: > 0 } code)
        {
            _codes[message.Id] = (code, now + options.Value.ShowCodesFor);
        }

        return true;
    }

    Task<IReadOnlyList<DeliveredSms>> ISmsLedgerGrain.ListAsync(int take)
    {
        Forget(clock.GetUtcNow());
        return Task.FromResult<IReadOnlyList<DeliveredSms>>(Enumerable.Reverse(state.State.Messages).Take(take).Select(Shown).ToList());
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
}

internal sealed class SmsLedgerState : StoredObject
{
    public List<DeliveredSms> Messages { get; set; } = [];
}
