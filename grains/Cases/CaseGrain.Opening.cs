using ServiceHall.Grains.Cases.Sla;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>Opening a case: the pipeline's first command, decided from the catalogue item and its published workflow.</summary>
internal sealed partial class CaseGrain
{
    private async Task<CaseResult> OpenThroughPipelineAsync(OpenCaseCommand command)
    {
        var actor = command.Actor;
        if (state.State.Id is not null)
        {
            // A key belongs to whoever opened with it: anyone else reaching this case is not retrying that opening.
            var replay = command.IdempotencyKey is not null && command.IdempotencyKey == state.State.OpenIdempotencyKey
                && actor.Id == state.State.OpenedBy && (actor.IsApplicant || Policy.CasePolicy.CanRead(actor, Policy.CasePlacement.From(state.State)));
            return replay
                ? CaseResult.Created(View(actor), replayed: true)
                : CaseResult.Refused(CaseOutcome.Conflict, FieldError.Of(null, "case.alreadyOpened", "This case has already been opened."));
        }

        // Applicants open their own cases only online (phone-verified by the API); everything else starts at a window.
        if (actor.Role != Roles.Clerk && !(actor.IsApplicant && command.Channel == "online"))
        {
            return CaseResult.Refused(CaseOutcome.Forbidden, FieldError.Of("role", "case.openerRole", "Only a clerk at a window opens cases."));
        }

        var now = clock.GetUtcNow();
        var (refusal, next, decision) = await DecideOpeningAsync(command, now);
        if (refusal is not null)
        {
            return refusal;
        }

        // A case opened just now has no reminders yet: nothing to look up before registering its timers.
        _registeredTimers ??= [];
        var request = new CaseRequest("open", actor, []) { IdempotencyKey = command.IdempotencyKey };
        await CommitAsync(next!, request, decision!, now);
        return CaseResult.Created(View(actor));
    }

    private async Task<(CaseResult? Refusal, CaseState? Next, CaseDecision? Decision)> DecideOpeningAsync(OpenCaseCommand command, DateTimeOffset now)
    {
        if (CaseOpening.CheckShape(command) is { } malformed)
        {
            return (malformed, null, null);
        }

        var item = await GrainFactory.Reference<ICatalogGrain>(CatalogGrainKeys.Main).GetItemAsync(command.ServiceItemCode);
        var (misplaced, placement) = CaseOpening.Place(command, item, organisation);
        if (misplaced is not null)
        {
            return (misplaced, null, null);
        }

        var (badMaterials, materials, copiesSaved) = CaseOpening.Materials(command, item!);
        if (badMaterials is not null)
        {
            return (badMaterials, null, null);
        }

        if ((CaseUploads.CheckOpening(command, materials) ?? await CheckELicencesAsync(command)) is { } badEvidence)
        {
            return (badEvidence, null, null);
        }

        // Place refused an item the catalogue does not have.
        System.Diagnostics.Debug.Assert(item is not null);
        var definitionId = ServiceWorkflows.DefinitionFor(item, command.Channel);
        var published = await GrainFactory.Reference<IWorkflowDefinitionGrain>(definitionId).GetPublishedAsync();
        if (published is null)
        {
            return (CaseResult.Refused(CaseOutcome.Unprocessable, FieldError.Of("serviceItemCode", "workflow.notPublished",
                $"The workflow '{definitionId}' of '{item.NameZh}' has no published version.", ("item", item.NameZh))), null, null);
        }

        var started = runtime.Interpreter.Start(runtime.Prepare(published), new StartWorkflow(now, CaseOpening.WorkflowInput(command, item, placement)));
        if (!started.Succeeded)
        {
            return (CaseResult.Refused(CaseOutcome.Unprocessable, FieldError.Of("serviceItemCode", "workflow.notStarted", $"The workflow did not start: {started.Error!.Message}")), null, null);
        }

        var (noCoordinator, coordination) = await CoordinationAtOpeningAsync(command, now);
        if (noCoordinator is not null)
        {
            return (noCoordinator, null, null);
        }

        var number = await GrainFactory.GetGrain<ICaseNumberGrain>(CaseNumberGrain.Key(placement.Hall, calendar.LocalDate(now))).NextAsync();
        var next = new CaseState
        {
            Id = this.GetPrimaryKeyString(),
            Number = CaseIds.FormatNumber(placement.Hall, calendar.LocalDate(now), number),
            // 16 random characters (≈ 78 bits): a clash is not expected in the life of the system, and the board row's
            // unique index makes it fail the opening's save rather than give two cases one code. That save is the
            // opening's only write, so it fails whole and nothing was opened: the grain drops the draft, and a retry
            // (the API retries an opening that carries an Idempotency-Key) draws a fresh code.
            TrackingCode = CaseIds.NewTrackingCode(),
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
            Status = CaseStatuses.Open,
            OpenedAt = now,
            StageSince = now,
            OpenedBy = command.Actor.Id,
            OpenIdempotencyKey = command.IdempotencyKey,
            AppointmentCode = command.AppointmentCode,
            TimeLimitDays = item.TimeLimitDays,
            IssuesBusinessLicence = item.IssuesBusinessLicence,
            Sla = CaseClockStep.ClockFor(command.Channel, item.TimeLimitDays, now),
            CopiesSaved = copiesSaved,
            Coordination = coordination,
            Uploads = [.. command.Uploads.Select(u => u with { Round = 0, UploadedAt = now })],
        };

        var note = CaseJournalNote.Of(CaseJournalKinds.Opened, ("item", item.NameZh), ("channel", command.Channel),
            ("missingMaterials", materials.Count(m => m.Status == "missing")),
            ("eLicences", materials.Count(m => m.Status == "e-licence") is > 0 and var licences ? licences : null),
            ("eLicenceNumbers", string.Join(",", materials.Where(m => m.Status == "e-licence").Select(m => m.ELicenceNumber))))
            .WithUploads(command.Uploads);
        var decision = CaseDecision.Moved(started, note);

        // No counter hands an online applicant a receipt: the tracking code comes by text message as well.
        return (null, next, command.Actor.IsApplicant
            ? decision.With(new SendNotification(Roles.Applicant, "sms", "application-received", []))
            : decision);
    }
}
