namespace ServiceHall.Workflows.Interpreter;

/// <summary>Finds the open step a <see cref="ResumeStep"/> is meant for and checks the actor may take the action there.</summary>
internal static class StepResolver
{
    public static OpenStep Resolve(WorkflowState state, ResumeStep stimulus)
    {
        var named = stimulus.StepId is null
            ? state.OpenSteps
            : state.OpenSteps.Where(step => step.Id == stimulus.StepId || step.ActivityId == stimulus.StepId).ToList();
        if (stimulus.StepId is not null && named.Count == 0)
        {
            throw Refuse(new StepNotFound(stimulus.StepId));
        }

        var offering = named.Where(step => step.Actions.Contains(stimulus.Action, StringComparer.Ordinal)).ToList();
        if (offering.Count == 0)
        {
            throw Refuse(new ActionNotAvailable(stimulus.Action, state.AvailableActions()));
        }

        var permitted = offering.Where(step => Check(step, stimulus) is null).ToList();
        return permitted.Count switch
        {
            1 => permitted[0],
            0 => throw Refuse(Check(offering[0], stimulus)!),
            _ => throw Refuse(new AmbiguousStep(stimulus.Action, permitted.Select(step => step.Id).ToList())),
        };
    }

    /// <summary>The host's authorisation when it gives one (it builds on <see cref="StepRule"/>), else the step rule alone.</summary>
    private static StimulusError? Check(OpenStep step, ResumeStep stimulus) =>
        stimulus.Authorise is { } authorise ? authorise(step) : StepRule.Check(step, stimulus.Actor, stimulus.Action);

    private static StimulusRejectedException Refuse(StimulusError error) => new(error);
}
