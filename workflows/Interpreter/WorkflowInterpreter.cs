using System.Text.Json.Nodes;
using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Expressions;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>
/// Runs Elsa 3 flowchart definitions: (definition version, state, stimulus) → (new state, journal, effects).
/// Deterministic and free of I/O; the only clock is the stimulus time.
/// </summary>
public sealed class WorkflowInterpreter
{
    private readonly ExpressionEvaluator _evaluator;

    public WorkflowInterpreter(ActivityRegistry? registry = null, ScriptLimits? scriptLimits = null, int maxActivationsPerStimulus = 1_000)
    {
        Registry = registry ?? ActivityRegistry.Default;
        _evaluator = new ExpressionEvaluator(new JavaScriptSandbox(scriptLimits ?? ScriptLimits.Default));
        MaxActivationsPerStimulus = maxActivationsPerStimulus;
    }

    public ActivityRegistry Registry { get; }

    /// <summary>How many activities one stimulus may run before an automatic loop is stopped as an incident.</summary>
    public int MaxActivationsPerStimulus { get; }

    /// <summary>Validates and indexes a definition version; reuse the result for every stimulus of its instances.</summary>
    /// <exception cref="InvalidWorkflowDefinitionException">The definition fails validation.</exception>
    public PreparedWorkflow Prepare(WorkflowDefinition definition) => PreparedWorkflow.Create(definition, Registry);

    /// <summary>The publish-time checks, without throwing.</summary>
    public IReadOnlyList<DefinitionError> Validate(WorkflowDefinition definition)
    {
        var copy = WorkflowJson.Clone(definition);
        DefinitionNormalizer.Normalize(copy, Registry);
        return DefinitionValidator.Validate(copy, Registry);
    }

    /// <summary>Creates an instance and runs it until every path waits or ends.</summary>
    public StimulusResult Start(PreparedWorkflow workflow, StartWorkflow stimulus)
    {
        var definition = workflow.Definition;
        var state = new WorkflowState
        {
            DefinitionId = definition.DefinitionId ?? "",
            DefinitionVersionId = workflow.VersionId,
            DefinitionVersion = definition.Version,
            CreatedAt = stimulus.At,
            UpdatedAt = stimulus.At,
            Input = StoredJson.Copy(stimulus.Input) as JsonObject ?? [],
            Variables = definition.Variables.ToDictionary(v => v.Name, InitialValue, StringComparer.Ordinal),
        };

        var run = new WorkflowRun(workflow, state, stimulus.At, _evaluator, MaxActivationsPerStimulus);
        run.Write(JournalEvent.WorkflowStarted, payload: state.Input);
        run.Schedule(workflow.StartActivityId, via: null);
        run.Drain();
        return run.Complete();
    }

    /// <summary>Applies a resume or timer stimulus to an existing instance.</summary>
    public StimulusResult Apply(PreparedWorkflow workflow, WorkflowState state, Stimulus stimulus) => stimulus switch
    {
        ResumeStep resume => Resume(workflow, state, resume),
        TimerFired timer => FireTimer(workflow, state, timer),
        SteerPlan steer => Steer(workflow, state, steer),
        StartWorkflow => throw new ArgumentException("An existing instance cannot be started again; call Start for a new one.", nameof(stimulus)),
        _ => throw new ArgumentException($"Unknown stimulus {stimulus.GetType().Name}.", nameof(stimulus)),
    };

    /// <summary>Someone takes an action on an open step.</summary>
    public StimulusResult Resume(PreparedWorkflow workflow, WorkflowState state, ResumeStep stimulus) =>
        Guarded(workflow, state, stimulus.At, run =>
        {
            var step = StepResolver.Resolve(run.State, stimulus);
            var node = workflow.Node(step.ActivityId);
            var payload = stimulus.Payload?.DeepClone() as JsonObject ?? [];
            run.Write(JournalEvent.Resumed, node, step.Id, action: stimulus.Action, actor: stimulus.Actor, payload: payload);
            run.CloseStep(step);
            var activity = (IHumanStepActivity)workflow.Activity(node.Id);
            var context = new ActivityContext(run, node, activity.Descriptor, via: null);
            run.Run(node, () => activity.Resume(new StepContext(context, step, stimulus.Action, payload, stimulus.Actor)));
        });

    /// <summary>A timer the host scheduled has come due.</summary>
    public StimulusResult FireTimer(PreparedWorkflow workflow, WorkflowState state, TimerFired stimulus) =>
        Guarded(workflow, state, stimulus.At, run =>
        {
            var timer = run.State.Timers.FirstOrDefault(t => t.Id == stimulus.TimerId)
                ?? throw new StimulusRejectedException(new UnknownTimer(stimulus.TimerId));
            var node = workflow.Node(timer.ActivityId);
            run.State.Timers.Remove(timer);
            run.Write(JournalEvent.TimerFired, node, timer.StepId, message: timer.Purpose.ToString());
            if (timer.StepId is not null && run.State.OpenSteps.FirstOrDefault(s => s.Id == timer.StepId) is { } step)
            {
                run.CloseStep(step, "The deadline passed.");
            }

            if (workflow.Activity(node.Id) is ITimedActivity timed)
            {
                var context = new ActivityContext(run, node, timed.Descriptor, via: null);
                run.Run(node, () => timed.OnTimer(context, timer));
            }
        });

    /// <summary>A coordinator changes the plan of the (one) steerable activity that holds one.</summary>
    public StimulusResult Steer(PreparedWorkflow workflow, WorkflowState state, SteerPlan stimulus) =>
        Guarded(workflow, state, stimulus.At, run =>
        {
            var payload = stimulus.Payload?.DeepClone() as JsonObject ?? [];
            foreach (var activityId in run.State.ActivityData.Keys.ToList())
            {
                if (workflow.Activity(activityId) is not ISteerableActivity steerable)
                {
                    continue;
                }

                var node = workflow.Node(activityId);
                var context = new ActivityContext(run, node, steerable.Descriptor, via: null);
                if (steerable.CanSteer(context))
                {
                    run.Write(JournalEvent.Resumed, node, action: stimulus.Change, actor: stimulus.Actor, payload: payload);
                    run.Run(node, () => steerable.Steer(context, stimulus.Change, payload));
                    return;
                }
            }

            throw new StimulusRejectedException(new NothingToSteer(stimulus.Change));
        });

    private StimulusResult Guarded(PreparedWorkflow workflow, WorkflowState state, DateTimeOffset at, Action<WorkflowRun> body)
    {
        if (state.DefinitionVersionId != workflow.VersionId)
        {
            return StimulusResult.Refused(state, new DefinitionMismatch(state.DefinitionVersionId, workflow.VersionId));
        }

        if (!state.IsRunning)
        {
            return StimulusResult.Refused(state, new InstanceNotRunning(state.Status));
        }

        try
        {
            var run = new WorkflowRun(workflow, state.Fork(), at, _evaluator, MaxActivationsPerStimulus);
            body(run);
            run.Drain();
            return run.Complete();
        }
        catch (StimulusRejectedException refused)
        {
            return StimulusResult.Refused(state, refused.Error);
        }
    }

    private static JsonNode? InitialValue(VariableDefinition variable)
    {
        try
        {
            return ValueCoercion.FromLiteral(variable.Value, variable.TypeName);
        }
        catch (ExpressionException)
        {
            return variable.Value?.DeepClone();
        }
    }
}
