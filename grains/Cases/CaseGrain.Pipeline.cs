using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The one path every command takes: authorise, answer an idempotent replay, check <c>If-Match</c>, decide (the
/// action changes only a copy), bump the version, append the journal, apply the effects that are state (messages,
/// documents, stage), advance the statutory clock, write once, then carry out the rest (timer reminders, desk, board,
/// certificates, messages) and announce the change.
/// </summary>
internal sealed partial class CaseGrain
{
    private CaseServices? _services;

    private CaseServices Services => _services ??= new(organisation, calendar, runtime.Interpreter, PreparedAsync,
        async candidates => (await Desk.ChooseAsync(this.GetPrimaryKeyString(), candidates))!, PublishedWorkflowAsync,
        async () => [.. (await GrainFactory.GetGrain<Catalog.ICatalogGrain>(Catalog.CatalogGrainKeys.Main).GetDepartmentsAsync()).Select(d => d.Code)]);

    private async Task<CaseResult> ExecuteAsync(CaseRequest request, ICaseAction action)
    {
        var sentOverdue = await DispatchOverdueOutboxAsync();
        var result = await ExecuteOnceAsync(request, action);

        // A refusal that depends on the case's state is given only from the latest stored version: a second copy of
        // this case (a duplicate activation while a silo rejoins) may have moved it on. One cheap read of the head's
        // revision; when storage is ahead, reload and decide again.
        if (result.Outcome is CaseOutcome.PreconditionFailed or CaseOutcome.Conflict && await CaughtUpWithStoreAsync())
        {
            result = await ExecuteOnceAsync(request, action);
        }

        if (sentOverdue)
        {
            LeaveMemoryWhenSettled();
        }

        return result;
    }

    /// <summary>Reloads the case when storage holds a newer revision than this copy; true when it did.</summary>
    private async Task<bool> CaughtUpWithStoreAsync()
    {
        var id = this.GetPrimaryKeyString();
        if (await store.RevisionAsync(id) == state.Revision)
        {
            return false;
        }

        logger.LogInformation("Case {Case}: storage was ahead of this copy; reloaded before deciding", id);
        state.Loaded(await store.LoadAsync(id, CaseLoad.ForActivation));
        return true;
    }

    private async Task<CaseResult> ExecuteOnceAsync(CaseRequest request, ICaseAction action)
    {
        var current = state.State;
        if (current.Id is null)
        {
            return NotFound();
        }

        var actor = request.Actor;
        if (!actor.IsSystem() && Admit(current, request) is { } refusal)
        {
            return refusal;
        }

        if (!actor.IsSystem() && request.IdempotencyKey is not null
            && current.RecentCommands.FirstOrDefault(c => c.Key == request.IdempotencyKey && c.Actor == actor.Id) is { } earlier)
        {
            // Keys belong to their caller: the same key from someone else is a new request, never answered with the first.
            return earlier.Action == request.Action
                ? Answer(request, replayed: true)
                : CaseResult.Refused(CaseOutcome.Unprocessable, FieldError.Of("Idempotency-Key", "idempotency.keyReused",
                    $"This Idempotency-Key was already used for '{earlier.Action}', not '{request.Action}'.", ("action", earlier.Action)));
        }

        if (request.ExpectedVersion is { } expected && expected != current.Version)
        {
            return CaseResult.Refused(CaseOutcome.PreconditionFailed, FieldError.Of("If-Match", "case.versionChanged",
                $"The case is at version {current.Version}, not {expected}; reload it and try again.", ("version", current.Version), ("expected", expected)));
        }

        var now = clock.GetUtcNow();
        var next = current.Copy();
        var decision = await action.DecideAsync(new CaseActionContext(current, next, request, now, Services, PlacementOf(current)));
        if (decision.Refusal is { } refused)
        {
            return refused;
        }

        if (!decision.IsNothing)
        {
            await CommitAsync(next, request, decision, now);
        }

        return Answer(request);
    }

    /// <summary>A success: the view the actor may see, or only the headline when the caller asked for a minimal answer.</summary>
    private CaseResult Answer(CaseRequest request, bool replayed = false) =>
        request.MinimalAnswer ? CaseResult.Ok(CaseHeadline.Of(state.State), replayed) : CaseResult.Ok(View(request.Actor), replayed);

    /// <summary>Who may send a command to this case at all, before the action's own role and scope rules.</summary>
    private CaseResult? Admit(CaseState current, CaseRequest request) =>
        Policy.CasePolicy.CanAct(request.Actor, PlacementOf(current)) ? null
        : request.Actor.IsApplicant ? NotFound()
        : CaseResult.Refused(CaseOutcome.Forbidden, FieldError.Of("scope", "case.outOfScope", "This case is outside your hall, department or district."));

    /// <summary>Turns a decision into the new state, writes it once, then carries out what follows from it.</summary>
    private async Task CommitAsync(CaseState next, CaseRequest request, CaseDecision decision, DateTimeOffset now)
    {
        var previous = state.State;
        var from = previous.Workflow.Stage;
        var effects = new List<WorkflowEffect>();
        next.Version++;
        next.UpdatedAt = now;
        var sequence = next.Journal.Count + 1;
        if (decision.Workflow is { } moved)
        {
            CaseChanges.FollowWorkflow(next, moved, effects);
        }

        effects.AddRange(decision.Effects);
        CaseChanges.ApplyStateEffects(next, effects, $"{next.Id}:{sequence}", now);
        if (decision.Note is { } note)
        {
            next.Journal.Add(CaseChanges.Entry(next, request.Actor, request.Action, from, next.Workflow.Stage, note, decision.Workflow?.Journal ?? [], now));
        }

        effects.AddRange(ClockStep.Advance(next, now));
        if (request.IdempotencyKey is not null)
        {
            CaseChanges.Remember(next, request.IdempotencyKey, request.Action, request.Actor);
        }

        DateTimeOffset committedAt;

        // The board's row goes in the same transaction: a crash cannot leave the board behind the case.
        // `next` is final from here on (it becomes the grain's state), so its placement serves the answer's view too.
        var write = state.WriteFor(this.GetPrimaryKeyString(), next, Board.CaseSummaryRow.Of(next, PlacementOf(next)));
        state.State = next;
        try
        {
            // One transaction: the new journal and workflow entries, documents and uploads appended, the head moved on
            // from the revision this copy read, messages queued or marked sent.
            await store.SaveAsync(write);
            state.Saved(next, write);
            _rowWrittenHere = true;
            committedAt = clock.GetUtcNow();
        }
        catch
        {
            state.State = previous;
            throw;
        }
        finally
        {
            // The save is over either way: its JSON's pooled arrays are free for the next one.
            write.Release();
        }

        // Effects may lag the write but never lead it: each is idempotent, and activation repairs what a crash skipped.
        await SyncDeskAsync(previous, next);
        await ApplyTimerEffectsAsync(effects);
        PushChange(previous, committedAt, write.Summary!.Summary);
        RegisterCertificatesAfterThisCall();
        DispatchOutboxAfterThisCall();

        // A command that closed the case (and left nothing pending) lets the activation go once it is answered.
        LeaveMemoryWhenSettled();
    }
}
