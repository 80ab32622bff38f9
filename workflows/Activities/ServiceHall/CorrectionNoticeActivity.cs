using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary>
/// <c>ServiceHall.CorrectionNotice</c> (补正通知): one notice listing every deficiency of the round; waits for the
/// resubmission, which must answer each one, or for the deadline.
/// </summary>
public sealed class CorrectionNoticeActivity : IHumanStepActivity, ITimedActivity
{
    public const string Resubmitted = "Resubmitted";
    public const string Expired = "Expired";
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromDays(5);

    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "CorrectionNotice", "补正通知 Correction notice", "Send one notice listing every deficiency; wait for the resubmission or the deadline.",
        ports: [DescriptorParts.Port(Resubmitted, "已补正 Resubmitted"), DescriptorParts.Port(Expired, "逾期 Expired")],
        inputs:
        [
            DescriptorParts.Typed("Deficiencies", "Object", "Deficiencies", "The deficiencies to list, usually the variable a correction request wrote.", defaultSyntax: "Variable"),
            DescriptorParts.Typed("Deadline", "TimeSpan", "Deadline", "How long the applicant has (d.hh:mm:ss); 5 days when empty.", order: 1),
        ],
        outputs: [DescriptorParts.Output("Answers", "Object", "Answers", "The applicant's answers, one per deficiency.")]);

    public ActivityResult Execute(ActivityContext context)
    {
        var raised = context.Evaluate("Deficiencies") as JsonArray;
        var deadline = context.GetDuration("Deadline") ?? DefaultDeadline;
        if (raised is null || raised.Count == 0)
        {
            throw context.Fault("There are no deficiencies to list.");
        }

        var round = (context.Data["round"]?.GetValue<int>() ?? 0) + 1;
        context.Data["round"] = round;
        var listed = new JsonArray();
        var number = 0;
        foreach (var item in raised)
        {
            var deficiency = item as JsonObject ?? new JsonObject { ["problem"] = item?.DeepClone() };
            var copy = (JsonObject)deficiency.DeepClone();
            copy["id"] = $"r{round}-d{++number}";
            listed.Add(copy);
        }

        var notice = new JsonObject { ["round"] = round, ["deficiencies"] = listed, ["dueAt"] = context.Now + deadline };
        context.Emit(new IssueDocument(DocumentKinds.CorrectionNotice, (JsonObject)notice.DeepClone()));
        context.Emit(new SendNotification(Roles.Applicant, "sms", "correction-requested", (JsonObject)notice.DeepClone()));
        context.OpenStep(new StepSpec(BoardStage.AwaitingCorrection, [ActionNames.Resubmit], [Roles.Clerk, Roles.Applicant])
        {
            Deadline = deadline,
            Data = notice,
        });
        return ActivityResult.Wait;
    }

    public ActivityResult Resume(StepContext step)
    {
        var expected = (step.Step.Data["deficiencies"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(d => d["id"]!.GetValue<string>()).ToList();
        if (step.Payload["answers"] is not JsonArray answers)
        {
            throw Payload.Invalid("answers", "every listed deficiency must be answered.", "correction.answersMissing");
        }

        var answered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i] as JsonObject ?? throw Payload.Invalid($"answers[{i}]", "must be an object {deficiencyId, note?}.", Payload.Rules.NotObject);
            var id = Payload.RequiredText(answer, "deficiencyId", $"answers[{i}].deficiencyId");
            if (!expected.Contains(id))
            {
                throw Payload.Invalid($"answers[{i}].deficiencyId", $"'{id}' is not listed on this notice.", "correction.unknownDeficiency");
            }

            answered.Add(id);
        }

        if (expected.FirstOrDefault(id => !answered.Contains(id)) is { } missing)
        {
            throw Payload.Invalid("answers", $"deficiency '{missing}' is not answered.", "correction.answersMissing");
        }

        step.Activity.SetOutput("Answers", answers.DeepClone());
        return ActivityResult.Outcome(Resubmitted);
    }

    public ActivityResult OnTimer(ActivityContext context, WorkflowTimer timer)
    {
        context.Emit(new SendNotification(Roles.Applicant, "sms", "correction-expired", []));
        return ActivityResult.Outcome(Expired);
    }
}
