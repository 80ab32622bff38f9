using System.Text.Json.Nodes;
using ServiceHall.Grains.Notifications;
using ServiceHall.Workflows.Activities.ServiceHall;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The pipeline's pure steps on the new copy of a case: follow the workflow, turn effects that are state into state
/// (messages into the outbox, documents, the stage's start), append journal entries, remember idempotency keys.
/// </summary>
internal static class CaseChanges
{
    private const int RememberedCommands = 64;

    /// <summary>The workflow's new state, journal and status; its effects join the command's.</summary>
    public static void FollowWorkflow(CaseState next, StimulusResult moved, List<WorkflowEffect> effects)
    {
        next.Workflow = moved.State;
        next.WorkflowJournal.AddRange(moved.Journal);
        if (next.Status == CaseStatuses.Open)
        {
            next.Status = StatusAfter(moved);
        }

        // A department once asked to review stays involved (its reviewers read the case after their step closes).
        next.RoutedDepartments = Policy.CasePlacement.RoutedDepartmentsOf(next);

        effects.AddRange(moved.Effects);
    }

    /// <summary>
    /// The effects that are part of the case itself, written with it: messages into the outbox (a transactional
    /// outbox: sent after the write, again after a crash, kept once by the gateway), documents, the stage's start.
    /// </summary>
    public static void ApplyStateEffects(CaseState next, IEnumerable<WorkflowEffect> effects, string messageIdPrefix, DateTimeOffset now)
    {
        var index = 0;
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case SendNotification notification:
                    Enqueue(next, $"{messageIdPrefix}:{index++}", notification, now);
                    break;
                case IssueDocument document:
                    var data = document.DocumentKind == DocumentKinds.Certificate ? NumberCertificate(next, document.Data, now) : document.Data;
                    next.Documents.Add(new IssuedDocument(document.DocumentKind, now, data.ToJsonString()));
                    break;
                case StageChanged:
                    next.StageSince = now;
                    break;
            }
        }
    }

    public static CaseJournalEntry Entry(CaseState next, CaseActor actor, string action, BoardStage from, BoardStage to, CaseJournalNote note,
        IReadOnlyList<JournalEntry> workflowJournal, DateTimeOffset now) => new()
    {
        Sequence = next.Journal.Count + 1,
        At = now,
        Actor = actor.Id,
        Role = actor.Role,
        Action = action,
        FromStage = CaseViews.StageName(from),
        ToStage = CaseViews.StageName(to),
        Kind = note.Kind,
        Args = note.Args,
        Steps = CaseJournal.Steps(workflowJournal),
    };

    public static void Remember(CaseState next, string key, string action, CaseActor actor)
    {
        next.RecentCommands.Add(new CommandRecord(key, action, next.Version, actor.Id));
        if (next.RecentCommands.Count > RememberedCommands)
        {
            next.RecentCommands.RemoveRange(0, next.RecentCommands.Count - RememberedCommands);
        }
    }

    private static string StatusAfter(StimulusResult result)
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

    private static void Enqueue(CaseState next, string id, SendNotification message, DateTimeOffset now) => next.Outbox.Add(new SmsMessage
    {
        Id = id,
        To = message.Recipient == Roles.Applicant && message.Channel == "sms" ? next.Applicant!.Phone : $"staff:{message.Recipient}@{next.Hall}",
        Text = SmsTexts.Render(message.Template, message.Data, next.Number, next.ServiceItemNameZh, next.TrackingCode),
        CaseId = next.Id!,
        Template = message.Template,
        CreatedAt = now,
    });

    /// <summary>The certificate number of a newly issued certificate, recorded with the case.</summary>
    private static JsonObject NumberCertificate(CaseState next, JsonObject data, DateTimeOffset issuedAt)
    {
        var number = next.Certificates.Count == 0 ? next.Number : $"{next.Number}-{next.Certificates.Count + 1}";
        next.Certificates.Add(new CertificateRef(number, data["form"]?.ToString() ?? "paper", issuedAt));
        var numbered = (JsonObject)data.DeepClone();
        numbered["certificateNumber"] = number;
        return numbered;
    }
}
