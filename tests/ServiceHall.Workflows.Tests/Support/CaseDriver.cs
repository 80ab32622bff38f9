using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;

namespace ServiceHall.Workflows.Tests.Support;

/// <summary>Plays a case through the interpreter the way a case grain would, keeping the whole journal and effect log.</summary>
internal sealed class CaseDriver
{
    public static readonly DateTimeOffset Opened = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

    private CaseDriver(WorkflowInterpreter interpreter, PreparedWorkflow workflow, StimulusResult started)
    {
        Interpreter = interpreter;
        Workflow = workflow;
        State = started.State;
        Last = started;
        Journal.AddRange(started.Journal);
        Effects.AddRange(started.Effects);
    }

    public WorkflowInterpreter Interpreter { get; }
    public PreparedWorkflow Workflow { get; }
    public WorkflowState State { get; private set; }
    public StimulusResult Last { get; private set; }
    public List<JournalEntry> Journal { get; } = [];
    public List<WorkflowEffect> Effects { get; } = [];
    public DateTimeOffset Now { get; private set; } = Opened;

    public static CaseDriver StartShipped(string definitionId, object? input = null) =>
        Start(ShippedDefinitions.Load(definitionId), input);

    public static CaseDriver Start(WorkflowDefinition definition, object? input = null, WorkflowInterpreter? interpreter = null)
    {
        interpreter ??= new WorkflowInterpreter();
        var workflow = interpreter.Prepare(definition);
        var result = interpreter.Start(workflow, new StartWorkflow(Opened, ToObject(input)));
        Assert.True(result.Succeeded, result.Error?.Message);
        return new CaseDriver(interpreter, workflow, result);
    }

    /// <summary>Takes an action that must succeed, one minute after the previous stimulus.</summary>
    public StimulusResult Act(string action, Actor actor, object? payload = null, string? stepId = null)
    {
        var result = Apply(new ResumeStep(Tick(), action, actor, ToObject(payload), stepId));
        Assert.True(result.Succeeded, $"{action} by {actor.Role} was refused: {result.Error?.Message}");
        return result;
    }

    /// <summary>Takes an action that must be refused, and checks the state was left exactly as it was.</summary>
    public StimulusError Refused(string action, Actor actor, object? payload = null, string? stepId = null)
    {
        var before = Snapshot(State);
        var stateObject = State;
        var result = Interpreter.Resume(Workflow, State, new ResumeStep(Tick(), action, actor, ToObject(payload), stepId));
        Assert.False(result.Succeeded, $"{action} by {actor.Role} was expected to be refused.");
        Assert.Same(stateObject, result.State);
        Assert.Equal(before, Snapshot(State));
        Assert.Empty(result.Journal);
        Assert.Empty(result.Effects);
        return result.Error!;
    }

    /// <summary>Fires the pending timer of the given purpose at its due time.</summary>
    public StimulusResult FireTimer(TimerPurpose purpose)
    {
        var timer = Assert.Single(State.Timers, t => t.Purpose == purpose);
        Now = timer.DueAt;
        var result = Apply(new TimerFired(timer.DueAt, timer.Id));
        Assert.True(result.Succeeded, result.Error?.Message);
        return result;
    }

    /// <summary>Applies a stimulus; whatever comes of it, the state it was given must serialise exactly as before.</summary>
    public StimulusResult Apply(Stimulus stimulus)
    {
        var given = State;
        var before = Snapshot(given);
        var result = Interpreter.Apply(Workflow, given, stimulus);
        Assert.Equal(before, Snapshot(given));
        if (result.Succeeded)
        {
            State = result.State;
            Journal.AddRange(result.Journal);
            Effects.AddRange(result.Effects);
        }

        Last = result;
        return result;
    }

    public OpenStep Step(string activityId) => Assert.Single(State.OpenSteps, s => s.ActivityId == activityId);

    public IReadOnlyList<string> OpenActivities => State.OpenSteps.Select(s => s.ActivityId).ToList();

    /// <summary>Answers every deficiency of the open correction notice.</summary>
    public StimulusResult Resubmit(Actor? actor = null)
    {
        var notice = Assert.Single(State.OpenSteps, s => s.Stage == BoardStage.AwaitingCorrection);
        var answers = notice.Data["deficiencies"]!.AsArray()
            .Select(d => new { deficiencyId = d!["id"]!.GetValue<string>(), note = "corrected" }).ToArray();
        return Act(ActionNames.Resubmit, actor ?? Staff.Clerk(), new { answers });
    }

    public IEnumerable<T> EffectsOf<T>() where T : WorkflowEffect => Effects.OfType<T>();

    public IReadOnlyList<IssueDocument> Documents(string kind) => Effects.OfType<IssueDocument>().Where(d => d.DocumentKind == kind).ToList();

    public static string Snapshot(WorkflowState state) => JsonSerializer.Serialize(state, WorkflowJson.Options);

    public static JsonObject? ToObject(object? payload) => payload switch
    {
        null => null,
        JsonObject obj => obj,
        _ => JsonSerializer.SerializeToNode(payload, WorkflowJson.Options) as JsonObject,
    };

    private DateTimeOffset Tick() => Now = Now.AddMinutes(1);
}
