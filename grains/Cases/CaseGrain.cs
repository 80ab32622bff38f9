using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// One case. Every command — opening, step and case-level actions, steering, workflow timers, the statutory clock —
/// goes through one pipeline (<c>CaseGrain.Pipeline.cs</c>); this file holds the entry points and the reads. Not
/// reentrant: one command at a time, so versions never race.
/// </summary>
[GrainType(CaseStateCatalog.GrainType)]
internal sealed partial class CaseGrain(
    ICaseStore store,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    WorkflowRuntime runtime,
    OrganisationDirectory organisation,
    WorkingCalendar calendar,
    ISmsGateway sms,
    CaseSummaryWriter summaryRows,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain, IRemindable
{
    // The case as stored in the case tables (head, journal rows, outbox rows), loaded on activation.
    private readonly StoredCase state = new();

    Task<CaseResult> ICaseGrain.OpenAsync(OpenCaseCommand command) => OpenThroughPipelineAsync(command);

    Task<CaseResult> ICaseGrain.ActAsync(CaseActionCommand command) =>
        ExecuteAsync(CaseRequest.From(command, CaseActionPayload.ToJson(command.Input)), CaseActionRegistry.For(command.Action));

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CaseTimers.SlaReminder)
        {
            // A reminder of a release before the SLA sweep: catch up (writing the wake time the sweep reads), then retire it.
            await CatchUpSlaAsync();
            await RetireEarlierSlaReminderAsync();
        }
        else if (reminderName == CaseTimers.OutboxReminder)
        {
            _outboxReminderSet = true;
            await DispatchOutboxAsync();
        }
        else if (reminderName == CaseTimers.CertificatesReminder)
        {
            await EnterCertificatesOnReminderAsync();
        }
        else if (CaseTimers.TimerId(reminderName) is { } timerId)
        {
            await ExecuteAsync(CaseRequest.FromSystem(WorkflowTimerAction.ActionName, new JsonObject { ["timer"] = timerId }), WorkflowTimerAction.Instance);

            // A tick for a timer the workflow no longer has (or a refused one) only needs its reminder gone.
            await SyncTimersAsync();
        }

        // A tick may have been the last thing a closed case was waiting for (a message delivered, a stale timer gone).
        LeaveMemoryWhenSettled();
    }

    async Task ICaseGrain.ForgetPurgedAsync()
    {
        // Reload rather than clear: if storage still holds the case (the purge did not happen), nothing is lost.
        state.Loaded(await store.LoadAsync(this.GetPrimaryKeyString(), CaseLoad.ForActivation));
        if (state.State.Id is null)
        {
            this.DeactivateOnIdle();
        }
    }

    Task<CaseResult> ICaseGrain.GetAsync(CaseActor viewer) =>
        AfterCallWorkDue ? AfterOverdueWorkAsync(() => ViewFor(viewer)) : Task.FromResult(ViewFor(viewer));

    /// <summary>A read that overtook the turn after the previous command's answer does that turn's work first.</summary>
    private bool AfterCallWorkDue => _dispatchAfterCall || _registerAfterCall;

    private async Task<CaseResult> AfterOverdueWorkAsync(Func<CaseResult> answer)
    {
        await DispatchOverdueOutboxAsync();
        await RegisterOverdueCertificatesAsync();
        var result = answer();
        LeaveMemoryWhenSettled();
        return result;
    }

    private CaseResult ViewFor(CaseActor viewer)
    {
        if (state.State.Id is null)
        {
            return NotFound();
        }

        return !viewer.IsApplicant && CasePolicy.CanRead(viewer, PlacementOf(state.State))
            ? CaseResult.Ok(ViewerActions.Staff(state.State, viewer, clock.GetUtcNow(), PlacementOf(state.State)))
            : CaseResult.Refused(CaseOutcome.Forbidden, FieldError.Of("scope", "case.outOfScope", "This case is outside your hall, department or district."));
    }

    Task<CaseResult> ICaseGrain.TrackAsync(string trackingCode) =>
        AfterCallWorkDue ? AfterOverdueWorkAsync(() => TrackFor(trackingCode)) : Task.FromResult(TrackFor(trackingCode));

    private CaseResult TrackFor(string trackingCode) =>
        state.State.Id is not null && SameCode(trackingCode, state.State.TrackingCode)
            ? CaseResult.Ok(CaseViews.Applicant(state.State, clock.GetUtcNow()))
            : NotFound();

    Task<CaseDocumentResult> ICaseGrain.GetDocumentAsync(string kind, CaseActor? viewer, string? trackingCode)
    {
        var current = state.State;
        var allowed = current.Id is not null && (viewer is not null
            ? !viewer.IsApplicant && CasePolicy.CanRead(viewer, CasePlacement.From(current))
            : trackingCode is not null && SameCode(trackingCode, current.TrackingCode));
        if (!allowed)
        {
            return Task.FromResult(new CaseDocumentResult { Outcome = current.Id is null || viewer is null ? CaseOutcome.NotFound : CaseOutcome.Forbidden });
        }

        var issued = current.Documents.LastOrDefault(d => d.Kind == kind);
        if (issued is null)
        {
            var available = current.Documents.Select(d => d.Kind).Distinct().ToList();
            return Task.FromResult(new CaseDocumentResult
            {
                Outcome = CaseOutcome.NotFound,
                Message = $"This case has no '{kind}' yet; it has: {string.Join(", ", available)}.",
                Available = available,
            });
        }

        return Task.FromResult(new CaseDocumentResult
        {
            Outcome = CaseOutcome.Ok,
            Document = new CaseDocument
            {
                Kind = issued.Kind,
                IssuedAt = issued.IssuedAt,
                Data = viewer is null ? ApplicantRedaction.Document(DocumentData.From(issued.DataJson), ApplicantRedaction.StaffOf(current)) : DocumentData.From(issued.DataJson),
                Round = current.Documents.Count(d => d.Kind == kind),
                Case = viewer is null ? CaseViews.Applicant(current) : CaseViews.Staff(current),
            },
        });
    }

    async Task<CaseWorkflowTraceResult> ICaseGrain.GetWorkflowTraceAsync(CaseActor viewer)
    {
        var current = state.State;
        if (current.Id is null)
        {
            return new CaseWorkflowTraceResult(CaseOutcome.NotFound, null, "No such case.");
        }

        if (!CasePolicy.CanReadWorkflow(viewer, CasePlacement.From(current)))
        {
            return new CaseWorkflowTraceResult(CaseOutcome.Forbidden, null, "This case is outside your hall.");
        }

        // Activation left the workflow journal in storage; the grain is not reentrant, so no command moves it meanwhile.
        var journal = await StoredWorkflowJournal.ReadAsync(store, this.GetPrimaryKeyString(), current);
        return new CaseWorkflowTraceResult(CaseOutcome.Ok, new CaseWorkflowTrace
        {
            Id = current.Id,
            Number = current.Number,
            ServiceItemName = current.ServiceItemNameZh,
            Hall = current.Hall,
            Status = current.Status,
            Workflow = new DefinitionRef(current.DefinitionId, current.DefinitionVersion, current.DefinitionVersionId),
            OpenedAt = current.OpenedAt,
            UpdatedAt = current.UpdatedAt,
            ClosedAt = CaseStatuses.IsFinal(current.Status) ? current.Sla.StoppedAt ?? current.UpdatedAt : null,
            WorkflowStateJson = JsonSerializer.Serialize(current.Workflow, WorkflowJson.Options),
            JournalJson = JsonSerializer.Serialize(journal, WorkflowJson.Options),
        });
    }

    private async Task<PreparedWorkflow> PreparedAsync()
    {
        if (runtime.TryGetPrepared(state.State.DefinitionVersionId, out var prepared))
        {
            return prepared!;
        }

        var version = await GrainFactory.GetGrain<IWorkflowDefinitionGrain>(state.State.DefinitionId).GetVersionAsync(state.State.DefinitionVersion)
            ?? throw new InvalidOperationException(
                $"Case {state.State.Id} is pinned to {state.State.DefinitionId} v{state.State.DefinitionVersion}, which no longer exists.");
        return runtime.Prepare(version);
    }

    /// <summary>The published version of <paramref name="definitionId"/>, prepared; null when it has none.</summary>
    private async Task<(DefinitionVersion Version, PreparedWorkflow Workflow)?> PublishedWorkflowAsync(string definitionId) =>
        await GrainFactory.Reference<IWorkflowDefinitionGrain>(definitionId).GetPublishedAsync() is { } version
            ? (version, runtime.Prepare(version))
            : null;

    private CaseView View(CaseActor actor) =>
        actor.IsApplicant ? CaseViews.Applicant(state.State, clock.GetUtcNow()) : ViewerActions.Staff(state.State, actor, clock.GetUtcNow(), PlacementOf(state.State));

    // The placement of the last state asked about. A state the grain holds is never changed in place (a command works
    // on a copy and replaces it), so one computed for the same object stays right: the commit's board row, the answer's
    // view and the next command's admission share one instead of building it three times.
    private (CaseState State, CasePlacement Placement)? _placement;

    private CasePlacement PlacementOf(CaseState current)
    {
        if (_placement is { } known && ReferenceEquals(known.State, current))
        {
            return known.Placement;
        }

        var placement = CasePlacement.From(current);
        _placement = (current, placement);
        return placement;
    }

    private static bool SameCode(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static CaseResult NotFound() => CaseResult.Refused(CaseOutcome.NotFound, null, "No such case.");
}
