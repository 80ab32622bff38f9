using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary><c>ServiceHall.FormalReview</c> (形式审查): the application passes or goes back for correction.</summary>
public sealed class FormalReviewActivity : IHumanStepActivity
{
    public const string Passed = "Passed";
    public const string CorrectionRequested = "CorrectionRequested";

    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "FormalReview", "形式审查 Formal review", "A reviewer checks the accepted application for completeness and form.",
        ports: [DescriptorParts.Port(Passed, "通过 Passed"), DescriptorParts.Port(CorrectionRequested, "补正 Needs correction")],
        inputs:
        [
            ServiceHallDescriptor.Department(),
            DescriptorParts.Choice("Role", "Who reviews", [("Reviewer", Roles.Reviewer), ("Clerk (on the spot)", Roles.Clerk)],
                "Instant cases are reviewed by the accepting clerk on the spot.", order: 11),
            ServiceHallDescriptor.Hall(order: 12),
        ],
        outputs: [ServiceHallDescriptor.DeficienciesOutput()]);

    public ActivityResult Execute(ActivityContext context)
    {
        var role = context.GetText("Role") ?? Roles.Reviewer;
        var department = context.GetText("Department");
        var hall = context.GetText("Hall");
        context.OpenStep(new StepSpec(BoardStage.FormalReview, [ActionNames.Pass, ActionNames.RequestCorrection], [role])
        {
            Department = department,
            Hall = hall,
        });
        return ActivityResult.Wait;
    }

    public ActivityResult Resume(StepContext step)
    {
        if (step.Action == ActionNames.Pass)
        {
            Payload.OptionalText(step.Payload, "comment");
            return ActivityResult.Outcome(Passed);
        }

        step.Activity.SetOutput("Deficiencies", Deficiencies.Raised(step));
        return ActivityResult.Outcome(CorrectionRequested);
    }
}
