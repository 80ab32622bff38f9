using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// One case: validates a command, runs it through the pinned workflow version, writes the new state once, then
/// carries out the effects (timers, board index). Not reentrant: one command at a time, so versions never race.
/// </summary>
[GrainType(CaseStateCatalog.GrainType)]
internal sealed partial class CaseGrain(
    [PersistentState(CaseStateCatalog.StateName, StorageNames.GrainState)] IPersistentState<CaseState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    WorkflowRuntime runtime,
    OrganisationDirectory organisation,
    WorkingCalendar calendar,
    ISmsGateway sms,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain, IRemindable
{
    private const int RememberedCommands = 64;

    async Task<CaseResult> ICaseGrain.OpenAsync(OpenCaseCommand command)
    {
        if (state.State.Id is not null)
        {
            // A key belongs to whoever opened with it: anyone else reaching this case is not retrying that opening.
            var replay = command.IdempotencyKey is not null && command.IdempotencyKey == state.State.OpenIdempotencyKey
                && command.Actor.Id == state.State.OpenedBy && (command.Actor.IsApplicant || CaseAccess.CanRead(command.Actor, state.State));
            return replay
                ? CaseResult.Created(View(command.Actor), replayed: true)
                : CaseResult.Refused(CaseOutcome.Conflict, null, "This case has already been opened.");
        }

        // Applicants open their own cases only online (phone-verified by the API); everything else starts at a window.
        if (command.Actor.Role != Roles.Clerk && !(command.Actor.IsApplicant && command.Channel == "online"))
        {
            return CaseResult.Refused(CaseOutcome.Forbidden, "role", "Only a clerk at a window opens cases.");
        }

        if (CaseOpening.CheckShape(command) is { } malformed)
        {
            return malformed;
        }

        var item = await GrainFactory.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetItemAsync(command.ServiceItemCode);
        var (misplaced, placement) = CaseOpening.Place(command, item, organisation);
        if (misplaced is not null)
        {
            return misplaced;
        }

        var (badMaterials, materials, copiesSaved) = CaseOpening.Materials(command, item!);
        if (badMaterials is not null)
        {
            return badMaterials;
        }

        if (CheckOpeningUploads(command, materials) is { } badUploads)
        {
            return badUploads;
        }

        if (await CheckELicencesAsync(command) is { } badLicence)
        {
            return badLicence;
        }

        var published = await GrainFactory.GetGrain<IWorkflowDefinitionGrain>(item!.WorkflowDefinitionId).GetPublishedAsync();
        if (published is null)
        {
            return CaseResult.Refused(CaseOutcome.Unprocessable, "serviceItemCode",
                $"The workflow '{item.WorkflowDefinitionId}' of '{item.NameZh}' has no published version.");
        }

        var workflow = runtime.Prepare(published);
        var now = clock.GetUtcNow();
        var started = runtime.Interpreter.Start(workflow, new StartWorkflow(now, CaseOpening.WorkflowInput(command, item, placement)));
        if (!started.Succeeded)
        {
            return CaseResult.Refused(CaseOutcome.Unprocessable, "serviceItemCode", $"The workflow did not start: {started.Error!.Message}");
        }

        var (noCoordinator, coordination) = await CoordinationAtOpeningAsync(command, now);
        if (noCoordinator is not null)
        {
            return noCoordinator;
        }

        var number = await GrainFactory.GetGrain<ICaseNumberGrain>(CaseNumberGrain.Key(placement.Hall, calendar.LocalDate(now))).NextAsync();
        var trackingCode = await AssignTrackingCodeAsync();

        var next = new CaseState
        {
            Id = this.GetPrimaryKeyString(),
            Number = CaseIds.FormatNumber(placement.Hall, calendar.LocalDate(now), number),
            TrackingCode = trackingCode,
            ServiceItemCode = item.Code,
            ServiceItemNameZh = item.NameZh,
            ServiceItemNameEn = item.NameEn,
            Department = item.Department,
            ReviewDepartments = [placement.ReviewDepartment],
            Channel = command.Channel,
            Hall = placement.Hall,
            Window = placement.Window,
            Applicant = command.Applicant,
            Materials = materials,
            Delivery = command.Delivery,
            DefinitionId = published.DefinitionId,
            DefinitionVersion = published.Version,
            DefinitionVersionId = published.Id,
            Workflow = started.State,
            Status = CaseStatuses.Open,
            Version = 1,
            OpenedAt = now,
            UpdatedAt = now,
            OpenedBy = command.Actor.Id,
            OpenIdempotencyKey = command.IdempotencyKey,
            AppointmentCode = command.AppointmentCode,
            TimeLimitDays = item.TimeLimitDays,
            IssuesBusinessLicence = item.IssuesBusinessLicence,
            Sla = SlaClockFor(command.Channel, item.TimeLimitDays, now),
            CopiesSaved = copiesSaved,
            Coordination = coordination,
        };
        AddUploads(next, command.Uploads, round: 0);
        Record(next, started, command.Actor, "open", BoardStage.None,
            $"登记 {item.NameZh}，渠道 {command.Channel}，{materials.Count(m => m.Status == "missing")} 项材料待补{UploadText(command.Uploads)}{ELicenceText(materials)}");
        if (command.Actor.IsApplicant)
        {
            // No counter hands an online applicant a receipt: the tracking code comes by text message as well.
            Enqueue(next, $"{next.Id}:received", Roles.Applicant, "sms", "application-received", []);
        }

        AdvanceSla(next, now);
        if (command.IdempotencyKey is not null)
        {
            Remember(next, command.IdempotencyKey, "open", command.Actor);
        }

        await CommitAsync(next);
        return CaseResult.Created(View(command.Actor));
    }

    Task<CaseResult> ICaseGrain.GetAsync(CaseActor viewer)
    {
        if (state.State.Id is null)
        {
            return Task.FromResult(NotFound());
        }

        return Task.FromResult(CaseAccess.CanRead(viewer, state.State)
            ? CaseResult.Ok(CaseViews.Staff(state.State, clock.GetUtcNow()))
            : CaseResult.Refused(CaseOutcome.Forbidden, "scope", "This case is outside your hall, department or district."));
    }

    Task<CaseDocumentResult> ICaseGrain.GetDocumentAsync(string kind, CaseActor? viewer, string? trackingCode)
    {
        var current = state.State;
        var allowed = current.Id is not null && (viewer is not null
            ? CaseAccess.CanRead(viewer, current)
            : trackingCode is not null && SameCode(trackingCode, current.TrackingCode));
        if (!allowed)
        {
            return Task.FromResult(new CaseDocumentResult { Outcome = current.Id is null || viewer is null ? CaseOutcome.NotFound : CaseOutcome.Forbidden });
        }

        var issued = current.Documents.LastOrDefault(d => d.Kind == kind);
        if (issued is null)
        {
            return Task.FromResult(new CaseDocumentResult
            {
                Outcome = CaseOutcome.NotFound,
                Message = $"This case has no '{kind}' yet; it has: {string.Join(", ", current.Documents.Select(d => d.Kind).Distinct())}.",
            });
        }

        return Task.FromResult(new CaseDocumentResult
        {
            Outcome = CaseOutcome.Ok,
            Document = new CaseDocument
            {
                Kind = issued.Kind,
                IssuedAt = issued.IssuedAt,
                DataJson = viewer is null ? ApplicantRedaction.Json(issued.DataJson, ApplicantRedaction.StaffOf(current)) : issued.DataJson,
                Round = current.Documents.Count(d => d.Kind == kind),
                Case = viewer is null ? CaseViews.Applicant(current) : CaseViews.Staff(current),
            },
        });
    }

    Task<CaseWorkflowTraceResult> ICaseGrain.GetWorkflowTraceAsync(CaseActor viewer)
    {
        var current = state.State;
        if (current.Id is null)
        {
            return Task.FromResult(new CaseWorkflowTraceResult(CaseOutcome.NotFound, null, "No such case."));
        }

        if (!CaseAccess.CanReadWorkflow(viewer, current))
        {
            return Task.FromResult(new CaseWorkflowTraceResult(CaseOutcome.Forbidden, null, "This case is outside your hall."));
        }

        return Task.FromResult(new CaseWorkflowTraceResult(CaseOutcome.Ok, new CaseWorkflowTrace
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
            JournalJson = JsonSerializer.Serialize(current.WorkflowJournal, WorkflowJson.Options),
        }));
    }

    Task<CaseResult> ICaseGrain.TrackAsync(string trackingCode) =>
        Task.FromResult(state.State.Id is not null && SameCode(trackingCode, state.State.TrackingCode)
            ? CaseResult.Ok(CaseViews.Applicant(state.State, clock.GetUtcNow()))
            : NotFound());

    async Task<CaseResult> ICaseGrain.ActAsync(CaseActionCommand command)
    {
        var current = state.State;
        if (current.Id is null)
        {
            return NotFound();
        }

        if (!CaseAccess.CanAct(command.Actor, current))
        {
            return command.Actor.IsApplicant
                ? NotFound()
                : CaseResult.Refused(CaseOutcome.Forbidden, "scope", "This case is outside your hall, department or district.");
        }

        // Keys belong to their caller: the same key from someone else is a new request, never answered with the first.
        if (command.IdempotencyKey is not null
            && current.RecentCommands.FirstOrDefault(c => c.Key == command.IdempotencyKey && c.Actor == command.Actor.Id) is { } earlier)
        {
            return earlier.Action == command.Action
                ? CaseResult.Ok(View(command.Actor), replayed: true)
                : CaseResult.Refused(CaseOutcome.Unprocessable, "Idempotency-Key",
                    $"This Idempotency-Key was already used for '{earlier.Action}', not '{command.Action}'.");
        }

        if (command.ExpectedVersion is { } expected && expected != current.Version)
        {
            return CaseResult.Refused(CaseOutcome.PreconditionFailed, "If-Match",
                $"The case is at version {current.Version}, not {expected}; reload it and try again.");
        }

        var payload = CaseActionPayload.ToJson(command.Input);
        var next = current.Copy();
        var refusal = CaseLevelActions.Handles(command.Action) ? ApplyCaseAction(next, command, payload)
            : CaseCoordination.Handles(command.Action) ? await ApplyCoordinationAsync(next, command, payload)
            : await ApplyStepActionAsync(next, command, payload);
        if (refusal is not null)
        {
            return refusal;
        }

        if (command.IdempotencyKey is not null)
        {
            Remember(next, command.IdempotencyKey, command.Action, command.Actor);
        }

        AdvanceSla(next, clock.GetUtcNow());
        await CommitAsync(next);
        return CaseResult.Ok(View(command.Actor));
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CaseTimers.SlaReminder)
        {
            await CatchUpSlaAsync();
            return;
        }

        if (reminderName == CaseTimers.OutboxReminder)
        {
            _outboxReminderSet = true;
            await DispatchOutboxAsync();
            return;
        }

        if (CaseTimers.TimerId(reminderName) is { } timerId && state.State.Status == CaseStatuses.Open
            && state.State.Workflow.Timers.Any(t => t.Id == timerId))
        {
            var workflow = await PreparedAsync();
            var fired = runtime.Interpreter.FireTimer(workflow, state.State.Workflow, new TimerFired(clock.GetUtcNow(), timerId));
            if (fired.Succeeded)
            {
                var next = state.State.Copy();
                var from = next.Workflow.Stage;
                next.Workflow = fired.State;
                next.Status = StatusAfter(next, fired);
                Record(next, fired, SystemActor, "timer", from, $"计时器到期：{timerId}");
                AdvanceSla(next, clock.GetUtcNow());
                await CommitAsync(next);
                return;
            }

            logger.LogWarning("Case {Case}: timer {Timer} was refused: {Error}", state.State.Id, timerId, fired.Error!.Message);
        }

        await SyncTimersAsync();
    }

    private CaseResult? ApplyCaseAction(CaseState next, CaseActionCommand command, JsonObject payload)
    {
        var (refusal, status, summary) = CaseLevelActions.Decide(next, command.Actor, command.Action, payload);
        if (refusal is not null)
        {
            return refusal;
        }

        var stage = next.Workflow.Stage;
        next.Status = status;
        next.Version++;
        next.UpdatedAt = clock.GetUtcNow();
        next.Journal.Add(Entry(next, command.Actor, command.Action, stage, stage, summary, []));
        return null;
    }

    private async Task<CaseResult?> ApplyStepActionAsync(CaseState next, CaseActionCommand command, JsonObject payload)
    {
        if (next.Status != CaseStatuses.Open)
        {
            var message = next.Status == CaseStatuses.Suspended
                ? "The case is suspended (中止); a reviewer must resume it first."
                : $"The case is {next.Status} and accepts no more steps.";
            return CaseResult.Refused(CaseOutcome.Conflict, "action", message, CaseViews.AvailableActions(next));
        }

        // A key project is routed by its own coordinator (or one of its district), not by any coordinator.
        if (command.Actor.Role == Roles.Coordinator && next.Coordination is { } coordination && !CaseCoordination.MayCoordinate(command.Actor, coordination))
        {
            return CaseResult.Refused(CaseOutcome.Forbidden, "scope",
                $"This project is coordinated in district '{coordination.District}' by '{coordination.Coordinator}'.", CaseViews.AvailableActions(next));
        }

        if (CheckResubmissionUploads(next, command) is { } badUploads)
        {
            return badUploads;
        }

        var workflow = await PreparedAsync();
        var resumed = runtime.Interpreter.Resume(workflow, next.Workflow,
            new ResumeStep(clock.GetUtcNow(), command.Action, command.Actor.ToWorkflowActor(), payload, command.StepId));
        if (!resumed.Succeeded)
        {
            return CaseRefusals.From(resumed.Error!, CaseViews.AvailableActions(next));
        }

        var from = next.Workflow.Stage;
        next.Workflow = resumed.State;
        next.Status = StatusAfter(next, resumed);
        if (command.Action == ActionNames.RequestCorrection)
        {
            next.CorrectionRounds++;
        }

        if (command.Action == ActionNames.Mailed && payload["emsTrackingNo"] is JsonValue waybill && waybill.TryGetValue<string>(out var number))
        {
            next.EmsTrackingNumber = number;
        }

        AddUploads(next, command.Uploads, next.CorrectionRounds);
        Record(next, resumed, command.Actor, command.Action, from, CaseJournalText.Summarize(command.Action, payload) + UploadText(command.Uploads));
        return null;
    }

    /// <summary>Appends the stimulus to the journals, bumps the version and applies the documents it issued.</summary>
    private void Record(CaseState next, StimulusResult result, CaseActor actor, string action, BoardStage from, string summary)
    {
        if (action != "open")
        {
            next.Version++;
        }

        next.UpdatedAt = result.State.UpdatedAt == default ? clock.GetUtcNow() : result.State.UpdatedAt;
        next.WorkflowJournal.AddRange(result.Journal);
        var sequence = next.Journal.Count + 1;
        foreach (var (notification, index) in result.Effects.OfType<SendNotification>().Select((n, i) => (n, i)))
        {
            Enqueue(next, $"{next.Id}:{sequence}:{index}", notification.Recipient, notification.Channel, notification.Template, notification.Data);
        }

        foreach (var document in result.Effects.OfType<IssueDocument>())
        {
            var data = document.DocumentKind == DocumentKinds.Certificate ? NumberCertificate(next, document.Data, next.UpdatedAt) : document.Data;
            next.Documents.Add(new IssuedDocument(document.DocumentKind, next.UpdatedAt, data.ToJsonString()));
        }

        next.Journal.Add(Entry(next, actor, action, from, result.State.Stage, summary, CaseJournalText.Steps(result.Journal)));
    }

    private CaseJournalEntry Entry(CaseState next, CaseActor actor, string action, BoardStage from, BoardStage to, string summary, IReadOnlyList<string> steps) => new()
    {
        Sequence = next.Journal.Count + 1,
        At = clock.GetUtcNow(),
        Actor = actor.Id,
        Role = actor.Role,
        Action = action,
        FromStage = CaseViews.StageName(from),
        ToStage = CaseViews.StageName(to),
        Summary = summary,
        Steps = steps,
    };

    private static string StatusAfter(CaseState next, StimulusResult result)
    {
        if (result.State.Status != WorkflowStatus.Finished)
        {
            return CaseStatuses.Open;
        }

        var outcomes = result.Journal.Where(e => e.Event == JournalEvent.Completed).SelectMany(e => e.Outcomes ?? []).ToList();
        return outcomes.Contains("Rejected") ? CaseStatuses.Rejected
            : outcomes.Contains("Denied") ? CaseStatuses.Denied
            : CaseStatuses.Completed;
    }

    private static void Remember(CaseState next, string key, string action, CaseActor actor)
    {
        next.RecentCommands.Add(new CommandRecord(key, action, next.Version, actor.Id));
        if (next.RecentCommands.Count > RememberedCommands)
        {
            next.RecentCommands.RemoveRange(0, next.RecentCommands.Count - RememberedCommands);
        }
    }

    /// <summary>One durable write; on failure the grain keeps the state it had. Then the effects, which may lag but never lead.</summary>
    private async Task CommitAsync(CaseState next)
    {
        var previous = state.State;
        state.State = next;
        DateTimeOffset committedAt;
        try
        {
            await state.WriteStateAsync();
            committedAt = TimeProvider.System.GetUtcNow();
            _outboxUnsaved = false;
        }
        catch
        {
            state.State = previous;
            throw;
        }

        await SyncDeskAsync(previous, next);
        await SyncTimersAsync();
        await SyncSlaReminderAsync();
        await PublishSummaryAsync(committedAt);
        await RegisterCertificatesAsync();
        await DispatchOutboxAsync();
    }

    private async Task<string> AssignTrackingCodeAsync()
    {
        while (true)
        {
            var code = CaseIds.NewTrackingCode();
            if (await GrainFactory.GetGrain<ITrackingGrain>(ITrackingGrain.Key(code)).AssignAsync(this.GetPrimaryKeyString()))
            {
                return code;
            }
        }
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

    private CaseView View(CaseActor actor) =>
        actor.IsApplicant ? CaseViews.Applicant(state.State, clock.GetUtcNow()) : CaseViews.Staff(state.State, clock.GetUtcNow());

    private static bool SameCode(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static CaseResult NotFound() => CaseResult.Refused(CaseOutcome.NotFound, null, "No such case.");
}
