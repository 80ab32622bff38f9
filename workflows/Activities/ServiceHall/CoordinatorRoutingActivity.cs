using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary><c>ServiceHall.CoordinatorRouting</c>: a key-project coordinator decides which departments review, and in what order.</summary>
public sealed class CoordinatorRoutingActivity : IHumanStepActivity
{
    public const string Routed = "Routed";

    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "CoordinatorRouting", "协调分派 Coordinator routing", "Wait for the coordinator's routing plan (groups of departments, parallel or in turn).",
        ports: [DescriptorParts.Port(Routed, "已分派 Routed")],
        inputs: [DescriptorParts.Text("District", "District", "When set, only coordinators of this district may route.")],
        outputs: [DescriptorParts.Output("RoutingPlan", "Object", "Routing plan", "Bind it to a variable and give it to a back-office review.")]);

    public ActivityResult Execute(ActivityContext context)
    {
        var district = context.GetText("District");
        context.OpenStep(new StepSpec(BoardStage.BackOfficeReview, [ActionNames.Route], [Roles.Coordinator]) { District = district });
        return ActivityResult.Wait;
    }

    public ActivityResult Resume(StepContext step)
    {
        step.Activity.SetOutput("RoutingPlan", RoutingPlan.FromPayload(step.Payload));
        return ActivityResult.Outcome(Routed);
    }
}
