using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The day's numbers of one hall, handed out from memory in blocks: one state write reserves the next
/// <see cref="BlockSize"/> numbers, so opening a case does not wait for a commit of its own here (issue 20: opening
/// was three commits, this one of them on every case).
/// </summary>
[GrainType("case-numbers")]
internal sealed class CaseNumberGrain(
    [PersistentState("case-numbers", StorageNames.GrainState)] IPersistentState<CaseNumberState> state,
    ILogger<CaseNumberGrain> logger) : Grain, ICaseNumberGrain
{
    /// <summary>
    /// Numbers reserved per write. Large enough that a busy hall writes once every few minutes rather than per case;
    /// small enough that a crash, the only thing that loses a block's unused rest, skips at most 31 numbers of a day
    /// (a graceful deactivation writes back the last number issued).
    /// </summary>
    internal const int BlockSize = 32;

    // The stored Last is the highest number reserved: nothing above it was ever issued, so a new activation (after a
    // crash, a restart or on another silo) starts after it. Before blocks it was the last number issued, which is the
    // same promise, so stored rows from earlier releases go on unchanged.
    private long _issued = -1;

    async Task<long> ICaseNumberGrain.NextAsync()
    {
        if (_issued < 0)
        {
            _issued = state.State.Last;
        }

        if (_issued >= state.State.Last)
        {
            // Written before any number of the block is handed out: a crash can skip numbers, never issue one twice.
            var reserved = state.State;
            state.State = new CaseNumberState { Last = _issued + BlockSize };
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State = reserved;
                throw;
            }
        }

        return ++_issued;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Hand back the block's unused rest so a restart or rolling deploy goes on from the last number issued. The
        // write is conditional on the row being the one this activation wrote (its ETag), so it never lowers a mark
        // that another activation moved on meanwhile; if it fails, the rest is skipped as after a crash.
        if (_issued >= 0 && _issued < state.State.Last)
        {
            var reserved = state.State;
            state.State = new CaseNumberState { Last = _issued };
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception exception)
            {
                state.State = reserved;
                logger.LogWarning(exception, "Case numbers {Key}: the unused rest of the block was not handed back; numbers after {Issued} up to {Reserved} are skipped",
                    this.GetPrimaryKeyString(), _issued, reserved.Last);
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public static string Key(string hall, DateOnly day) => $"numbers-{hall.ToLowerInvariant()}-{day:yyyyMMdd}";
}

internal sealed record CaseNumberState : StoredRecord
{
    /// <summary>The highest number reserved (and, after a graceful deactivation, the last one issued).</summary>
    public long Last { get; init; }
}
