using System.Collections.Concurrent;
using ServiceHall.Grains.Notifications;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// An SMS gateway that keeps what it delivered (the recipients' ledger) once per message id, as the gateway contract
/// says, and can be told to refuse the next sends, to lose the acknowledgement of the next one, or to hold every send
/// until released (a provider that does not answer).
/// </summary>
public sealed class FakeSmsGateway : ISmsGateway
{
    private readonly ConcurrentDictionary<string, SmsMessage> _delivered = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private int _failuresLeft;
    private int _lostAcknowledgementsLeft;
    private TaskCompletionSource? _held;

    public IReadOnlyDictionary<string, SmsMessage> Delivered => _delivered;

    public int AttemptsFor(string messageId) => _attempts.GetValueOrDefault(messageId);

    public void FailNext(int sends) => Interlocked.Exchange(ref _failuresLeft, sends);

    public void LoseNextAcknowledgement() => Interlocked.Exchange(ref _lostAcknowledgementsLeft, 1);

    /// <summary>Sends from now on wait until <see cref="Release"/>.</summary>
    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

    /// <summary>The messages the gateway received for one case.</summary>
    public IReadOnlyList<SmsMessage> DeliveredFor(string caseId) => [.. _delivered.Values.Where(m => m.CaseId == caseId)];

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        if (_held is { } held)
        {
            await held.Task;
        }

        _attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new HttpRequestException("SMS gateway unavailable (simulated)");
        }

        _delivered.TryAdd(message.Id, message);
        if (Interlocked.Decrement(ref _lostAcknowledgementsLeft) >= 0)
        {
            // Delivered, but the answer never reaches the case: as if it crashed between send and mark-sent.
            throw new TimeoutException("acknowledgement lost (simulated)");
        }
    }
}
