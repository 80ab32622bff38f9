using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>Builds the views a case shows: the staff view and the applicant's masked one.</summary>
internal static class CaseViews
{
    public static CaseView Staff(CaseState state, DateTimeOffset? now = null) => new()
    {
        Id = state.Id!,
        Number = state.Number,
        TrackingCode = state.TrackingCode,
        ServiceItem = new ServiceItemRef(state.ServiceItemCode, state.ServiceItemNameZh, state.ServiceItemNameEn),
        Department = state.Department,
        ReviewDepartments = state.ReviewDepartments,
        Channel = state.Channel,
        Hall = state.Hall,
        Window = state.Window,
        Applicant = state.Applicant!,
        Materials = state.Materials,
        Delivery = state.Delivery,
        Stage = StageName(state.Workflow.Stage),
        Status = state.Status,
        Version = state.Version,
        OpenedAt = state.OpenedAt,
        UpdatedAt = state.UpdatedAt,
        Workflow = new DefinitionRef(state.DefinitionId, state.DefinitionVersion, state.DefinitionVersionId),
        AvailableActions = AvailableActions(state),
        OpenSteps = state.Status == CaseStatuses.Open || state.Status == CaseStatuses.Suspended ? OpenSteps(state) : [],
        Journal = state.Journal,
        CorrectionRounds = state.CorrectionRounds,
        CopiesSaved = state.CopiesSaved,
        Sla = new SlaView
        {
            DueAt = state.DueAt,
            TimeLimitDays = state.TimeLimitDays,
            StartedAt = state.Sla.StartedAt,
            State = Sla.SlaMath.State(state.Sla),
            Paused = state.Sla.IsPaused && state.Sla.StoppedAt is null,
            Breached = state.Sla.Alerts.Any(a => a.Percent >= 100),
            Alerts = [.. state.Sla.Alerts.Select(a => new SlaAlertView(a.Percent, a.ReachedAt))],
            PausedFor = [.. state.Sla.Pauses.Select(p => new SlaPauseView(p.From, p.To, p.Reason))],
        },
        Documents = [.. state.Documents.Select(d => d.Kind).Distinct()],
        EmsTrackingNumber = state.EmsTrackingNumber,
        MessagesSent = state.MessagesSent,
        MessagesPending = state.Outbox.Count,
        Coordination = CoordinationViews.For(state, now),
        Uploads = state.Uploads,
        Certificates = state.Certificates,
        AppointmentCode = state.AppointmentCode,
        Collection = state.Collection is { } collection ? collection with { IdNumber = Mask.IdNumber(collection.IdNumber) } : null,
        Opinions = state.Opinions,
        Corrections = CorrectionRounds.Of(state),
    };

    /// <summary>What an applicant may see: their own case, personal data masked, no internal assignments.</summary>
    public static CaseView Applicant(CaseState state, DateTimeOffset? now = null)
    {
        var view = Staff(state, now);
        var applicant = state.Applicant!;
        var staff = ApplicantRedaction.StaffOf(state);
        return view with
        {
            Applicant = applicant with
            {
                Name = Mask.Name(applicant.Name),
                IdNumber = Mask.IdNumber(applicant.IdNumber),
                Phone = Mask.Phone(applicant.Phone),
            },
            Delivery = view.Delivery is { Address: { } address } delivery ? delivery with { Address = Mask.Address(address) } : view.Delivery,
            AvailableActions = view.AvailableActions.Where(a => a.Role == Roles.Applicant).ToList(),
            OpenSteps = view.OpenSteps.Select(s => s with { AssignedTo = null, Data = ApplicantRedaction.Data(s.Data, staff) }).ToList(),
            Journal = view.Journal.Where(e => !CoordinationViews.InternalActions.Contains(e.Action))
                .Select(e => e with
                {
                    Actor = e.Role == Roles.Applicant ? "applicant" : e.Role,
                    Args = ApplicantRedaction.Args(e.Args, staff),
                    Summary = e.Summary is { } legacy ? ApplicantRedaction.Text(legacy, staff) : null,
                    Steps = [],
                }).ToList(),
            Coordination = view.Coordination is { } coordination
                ? coordination with
                {
                    Coordinator = null,
                    Steps = [.. coordination.Steps.Select(s => s with { Reviewer = null, StepId = null })],
                    ClockHeldReason = coordination.ClockHeldReason is { } held ? ApplicantRedaction.Text(held, staff) : null,
                    Feedback = [.. coordination.Feedback.Select(f => f with { Message = ApplicantRedaction.Text(f.Message, staff) })],
                    Summary = coordination.Summary is { } closing ? ApplicantRedaction.Text(closing, staff) : null,
                }
                : null,
            Sla = view.Sla with { PausedFor = [.. view.Sla.PausedFor.Select(p => p with { Reason = ApplicantRedaction.Text(p.Reason, staff) })] },
            Uploads = [.. view.Uploads.Select(u => u with { DocumentId = "" })],
            Collection = view.Collection is { } collection ? collection with { Name = Mask.Name(collection.Name), HandedOverBy = null } : null,
            Opinions = [.. view.Opinions.Select(o => o with { By = null, Opinion = ApplicantRedaction.Text(o.Opinion, staff) })],
            Corrections = [.. view.Corrections.Select(c => c with
            {
                Deficiencies = [.. c.Deficiencies.Select(d => d with { RaisedBy = null, Problem = ApplicantRedaction.Text(d.Problem, staff) })],
                Uploads = [.. c.Uploads.Select(u => u with { DocumentId = "" })],
            })],
        };
    }

    public static string StageName(BoardStage stage) => stage switch
    {
        BoardStage.None => "none",
        BoardStage.Acceptance => "acceptance",
        BoardStage.FormalReview => "formal-review",
        BoardStage.BackOfficeReview => "back-office-review",
        BoardStage.AwaitingCorrection => "awaiting-correction",
        BoardStage.Certificate => "certificate",
        BoardStage.Pickup => "pickup",
        BoardStage.Closed => "closed",
        _ => stage.ToString().ToLowerInvariant(),
    };

    public static IReadOnlyList<CaseActionView> AvailableActions(CaseState state) => CaseActionRegistry.Offered(state);

    private static List<OpenStepView> OpenSteps(CaseState state) =>
        state.Workflow.OpenSteps.Select(step => new OpenStepView(
            step.Id, step.DisplayName, StageName(step.Stage), step.Actions, step.Roles, step.Department, step.AssignedTo,
            step.OpenedAt, step.DueAt, OpenStepData.From(step.Data))).ToList();
}

/// <summary>Masking of personal data on the applicant's public tracker (the tracking code is the only key).</summary>
internal static class Mask
{
    public static string Name(string name) => name.Length switch
    {
        <= 1 => name,
        2 => name[..1] + "*",
        _ => name[..1] + new string('*', name.Length - 2) + name[^1..],
    };

    public static string IdNumber(string id) => id.Length > 10 ? id[..6] + new string('*', id.Length - 10) + id[^4..] : new string('*', id.Length);

    public static string Phone(string phone) => phone.Length >= 11 ? phone[..3] + "****" + phone[^4..] : new string('*', phone.Length);

    /// <summary>Up to the district (区/县) when it comes early, else the first few characters: where, not which door.</summary>
    public static string Address(string address)
    {
        var text = address.Trim();
        var district = text.IndexOfAny(['区', '县']);
        var keep = district is >= 0 and < 12 ? district + 1 : Math.Min(6, text.Length / 2);
        return text[..keep] + "****";
    }
}
