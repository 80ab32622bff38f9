using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Notifications;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Sending the case's messages: queued in the same write as the change that caused them, handed to the gateway in
/// the grain's turn after that command's, dropped from the queue only once the gateway has them. Failures are retried
/// by a short timer and, should the case deactivate meanwhile, by a durable reminder.
/// </summary>
internal sealed partial class CaseGrain
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];
    private IGrainTimer? _outboxRetry;
    private int _failedDispatches;

    // Set while the turn that hands a commit's messages over is still to come.
    private bool _dispatchAfterCall;

    private async Task DispatchOutboxAsync()
    {
        await SendQueuedAsync();
        await ScheduleOutboxRetryAsync(state.State.Outbox.Count > 0);
    }

    /// <summary>Hands the queued messages to the gateway in order, up to the first it does not take.</summary>
    private async Task SendQueuedAsync(CancellationToken cancellationToken = default)
    {
        _dispatchAfterCall = false;
        var pending = state.State.Outbox.ToList();
        var delivered = new HashSet<string>();
        foreach (var message in pending)
        {
            try
            {
                await sms.SendAsync(message, cancellationToken);
                delivered.Add(message.Id);
            }
            catch (Exception exception)
            {
                // Keep the order: later messages wait for this one, so an applicant never reads them out of sequence.
                logger.LogWarning(exception, "Case {Case}: message {Message} not accepted by the gateway yet", state.State.Id, message.Id);
                break;
            }
        }

        if (delivered.Count > 0)
        {
            // Bookkeeping, not a change of the case: kept in memory and saved with the next write (or on
            // deactivation). Should the silo die first, the messages go out again and the gateway keeps each id once.
            var next = state.State.Copy();
            next.Outbox.RemoveAll(m => delivered.Contains(m.Id));
            next.MessagesSent += delivered.Count;
            state.State = next;
        }
    }

    /// <summary>
    /// After a commit: the messages it queued go to the gateway in the grain's next turn, not in this call. The command
    /// is answered once its write (the messages included) is durable, so the command that queued them does not wait for
    /// the SMS provider; the turn is the grain's own (timers do not interleave), so it cannot race the next command.
    /// </summary>
    private void DispatchOutboxAfterThisCall()
    {
        if (state.State.Outbox.Count == 0)
        {
            return;
        }

        _dispatchAfterCall = true;
        _outboxRetry?.Dispose();
        _outboxRetry = this.RegisterGrainTimer(_ => RetryOutboxAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// A call that overtook the turn handing the previous command's messages over (a command, or a read of the case)
    /// sends them first, so what it answers about them does not depend on which turn ran first. True when it did; the
    /// caller then lets a settled closed case go once it has answered.
    /// </summary>
    private async Task<bool> DispatchOverdueOutboxAsync()
    {
        if (!_dispatchAfterCall)
        {
            return false;
        }

        try
        {
            await DispatchOutboxAsync();
        }
        catch (Exception exception)
        {
            // Only the retry's reminder can fail here (a send failure is kept for the retry): the call is still answered.
            logger.LogWarning(exception, "Case {Case}: the retry of queued messages could not be scheduled; the next change or activation tries again", state.State.Id);
        }

        return true;
    }

    private async Task RetryOutboxAsync()
    {
        await DispatchOutboxAsync();

        // The messages a closed case still held were the last thing keeping it in memory.
        LeaveMemoryWhenSettled();
    }

    private async Task ScheduleOutboxRetryAsync(bool pending)
    {
        _outboxRetry?.Dispose();
        _outboxRetry = null;
        if (pending)
        {
            var delay = RetryDelays[Math.Min(_failedDispatches++, RetryDelays.Length - 1)];
            _outboxRetry = this.RegisterGrainTimer(_ => RetryOutboxAsync(), new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
            if (!_outboxReminderSet)
            {
                await RegisterOutboxReminderAsync();
            }

            return;
        }

        _failedDispatches = 0;
        if (_outboxReminderSet)
        {
            await DropRetryReminderAsync(CaseTimers.OutboxReminder);
            _outboxReminderSet = false;
        }
    }

    private bool _outboxReminderSet;

    /// <summary>
    /// The activation goes (a shutdown, a rebalance) with messages its send turn never reached: send them now, and let
    /// the outbox reminder retry what the gateway would not take, so a case nobody opens again still texts its applicant.
    /// </summary>
    private async Task SendOrRemindBeforeLeavingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendQueuedAsync(cancellationToken);
            if (state.State.Outbox.Count > 0)
            {
                // Registered whatever this activation believes: one it found at activation may never have been written
                // (a crash between the commit and the send), and registering again is an upsert.
                await RegisterOutboxReminderAsync();
            }
        }
        catch (Exception exception)
        {
            // The messages stay in the stored outbox; the case's next activation sends them.
            logger.LogWarning(exception, "Case {Case}: queued messages neither sent nor given a reminder as the activation left", state.State.Id);
        }
    }

    private async Task RegisterOutboxReminderAsync()
    {
        await RegisterRetryReminderAsync(CaseTimers.OutboxReminder);
        _outboxReminderSet = true;
    }
}
