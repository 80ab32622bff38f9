using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Expressions;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>
/// One stimulus being processed: works on its own fork of the state (<see cref="WorkflowState.Fork"/>), runs
/// activities until every path waits or ends, and collects the journal entries and effects. What it writes into the
/// state it writes in stored form (<see cref="StoredJson"/>); what it shares with the state it was given, it never edits.
/// </summary>
internal sealed class WorkflowRun
{
    private readonly ExpressionEvaluator _evaluator;
    private readonly int _maxActivations;
    private readonly Queue<(string ActivityId, Connection? Via)> _queue = new();
    private readonly List<JournalEntry> _journal = [];
    private readonly List<WorkflowEffect> _effects = [];
    private readonly BoardStage _stageBefore;

    // Activities whose data this run has made its own (cloned on first use, or created): the rest is shared with the
    // state the run was given and must not be edited.
    private readonly HashSet<string> _ownData = new(StringComparer.Ordinal);
    private int _activations;

    public WorkflowRun(PreparedWorkflow workflow, WorkflowState state, DateTimeOffset now, ExpressionEvaluator evaluator, int maxActivations)
    {
        Workflow = workflow;
        State = state;
        Now = now;
        _evaluator = evaluator;
        _maxActivations = maxActivations;
        _stageBefore = state.Stage;
    }

    public PreparedWorkflow Workflow { get; }
    public WorkflowState State { get; }
    public DateTimeOffset Now { get; }

    public void Schedule(string activityId, Connection? via) => _queue.Enqueue((activityId, via));

    /// <summary>Runs queued activities until every path waits or ends.</summary>
    public void Drain()
    {
        while (_queue.Count > 0 && State.IsRunning)
        {
            var (activityId, via) = _queue.Dequeue();
            if (++_activations > _maxActivations)
            {
                // A loop made only of automatic activities would otherwise spin forever inside one stimulus.
                RecordIncident(Workflow.Node(activityId), $"More than {_maxActivations} activities ran without waiting for anyone; the flow loops without a human step.");
                _queue.Clear();
                break;
            }

            Execute(Workflow.Node(activityId), via);
        }
    }

    public void Execute(ActivityNode node, Connection? via)
    {
        var activity = Workflow.Activity(node.Id);
        if (activity is IHumanStepActivity && State.OpenSteps.Any(step => step.ActivityId == node.Id))
        {
            // A second arrival at a step that is already waiting joins that wait, so a human step is never open twice.
            Write(JournalEvent.Suspended, node, message: "Already waiting; the arrival joins the open step.");
            return;
        }

        Write(JournalEvent.Started, node);
        var context = new ActivityContext(this, node, activity.Descriptor, via);
        Run(node, () => activity.Execute(context));
    }

    /// <summary>Runs one activity callback and follows its outcome; a failure becomes an incident on that path.</summary>
    public void Run(ActivityNode node, Func<ActivityResult> callback)
    {
        ActivityResult result;
        try
        {
            result = callback();
        }
        catch (Exception ex) when (ex is ExpressionException or ActivityFaultException)
        {
            RecordIncident(node, ex.Message);
            return;
        }

        if (result.IsWaiting)
        {
            Write(JournalEvent.Suspended, node);
            return;
        }

        Write(JournalEvent.Completed, node, outcomes: result.Outcomes);
        foreach (var connection in result.Outcomes.SelectMany(port => Workflow.Outgoing(node.Id, port)))
        {
            Schedule(connection.Target.Activity, connection);
        }
    }

    public JsonNode? Evaluate(ExpressionSource source, string? typeName, string activityId)
    {
        var scope = new ExpressionScope(State.Variables, Workflow.VariableNamesById, State.Input, Now, Seed(activityId));
        return _evaluator.Evaluate(source, typeName, scope);
    }

    // A copy in stored form: the value may belong to another node (an output also put into a document), and must read
    // the same now as after the state has been persisted and loaded.
    public void SetVariable(string nameOrId, JsonNode? value) =>
        State.Variables[Workflow.VariableNamesById.GetValueOrDefault(nameOrId, nameOrId)] = StoredJson.Copy(value);

    /// <summary>The activity's data, this run's own to change: copied on first use, so the given state keeps its own.</summary>
    public JsonObject DataOf(string activityId)
    {
        if (!State.ActivityData.TryGetValue(activityId, out var data))
        {
            data = [];
            State.ActivityData[activityId] = data;
            _ownData.Add(activityId);
        }
        else if (_ownData.Add(activityId))
        {
            data = (JsonObject)data.DeepClone();
            State.ActivityData[activityId] = data;
        }

        return data;
    }

    public OpenStep OpenStep(ActivityNode node, ActivityDescriptor descriptor, StepSpec spec)
    {
        var step = new OpenStep
        {
            Id = NextId("s"),
            StepKey = spec.Part is null ? node.Id : $"{node.Id}/{spec.Part}",
            ActivityId = node.Id,
            ActivityType = node.Type,
            DisplayName = node.DisplayText,
            Stage = spec.Stage,
            Actions = [.. spec.Actions],
            Roles = [.. spec.Roles],
            Department = spec.Department,
            Hall = spec.Hall,
            District = spec.District,
            AssignedTo = spec.AssignedTo,
            OpenedAt = Now,
            DueAt = spec.DueAt,
            Data = StoredJson.Copy(spec.Data) as JsonObject ?? [],
        };
        if (State.OpenSteps.Any(open => open.StepKey == step.StepKey))
        {
            throw new InvalidOperationException($"{descriptor.TypeName} '{node.Id}' opened step '{step.StepKey}' twice.");
        }

        if (spec.Deadline is { } deadline)
        {
            step.DueAt = Now + deadline;
            step.TimerId = ScheduleTimer(node.Id, step.DueAt.Value, spec.DeadlinePurpose, blocking: true, step.Id);
        }

        State.OpenSteps.Add(step);
        Write(JournalEvent.StepOpened, node, stepId: step.Id, payload: new JsonObject
        {
            ["stage"] = JsonSerializer.SerializeToNode(step.Stage, WorkflowJson.Options),
            ["actions"] = new JsonArray(step.Actions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            ["roles"] = new JsonArray(step.Roles.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
        });
        return step;
    }

    /// <summary>Removes an answered step (and its deadline timer).</summary>
    public void CloseStep(OpenStep step, string? message = null)
    {
        State.OpenSteps.Remove(step);
        CancelStepTimer(step);
        Write(JournalEvent.StepClosed, Workflow.Node(step.ActivityId), stepId: step.Id, message: message);
    }

    public void CancelStep(OpenStep step, string reason)
    {
        State.OpenSteps.Remove(step);
        CancelStepTimer(step);
        Write(JournalEvent.StepCancelled, Workflow.Node(step.ActivityId), stepId: step.Id, message: reason);
    }

    public string ScheduleTimer(string activityId, DateTimeOffset dueAt, TimerPurpose purpose, bool blocking, string? stepId)
    {
        var timer = new WorkflowTimer { Id = NextId("t"), ActivityId = activityId, DueAt = dueAt, Purpose = purpose, Blocking = blocking, StepId = stepId };
        State.Timers.Add(timer);
        Emit(new ScheduleTimer(timer.Id, dueAt, purpose, activityId));
        return timer.Id;
    }

    public void CancelTimer(WorkflowTimer timer)
    {
        if (State.Timers.Remove(timer))
        {
            Emit(new CancelTimer(timer.Id));
        }
    }

    public void Emit(WorkflowEffect effect) => _effects.Add(effect);

    /// <summary>An <c>Elsa.End</c> was reached: the whole workflow finishes now.</summary>
    public void RequestEnd(ActivityNode node)
    {
        foreach (var step in State.OpenSteps.ToList())
        {
            CancelStep(step, $"The workflow ended at '{node.DisplayText}'.");
        }

        _queue.Clear();
        Finish();
    }

    public void RecordIncident(ActivityNode node, string message)
    {
        State.Incidents.Add(new Incident { Id = NextId("i"), ActivityId = node.Id, ActivityType = node.Type, Message = message, At = Now });
        Write(JournalEvent.Faulted, node, message: message);
    }

    public void Write(JournalEvent journalEvent, ActivityNode? node = null, string? stepId = null, IReadOnlyList<string>? outcomes = null,
        string? action = null, Actor? actor = null, string? message = null, JsonNode? payload = null)
    {
        _journal.Add(new JournalEntry
        {
            Sequence = ++State.JournalSequence,
            At = Now,
            Event = journalEvent,
            ActivityId = node?.Id,
            ActivityType = node?.Type,
            NodeId = node?.NodeId,
            ActivityName = node?.Name,
            StepId = stepId,
            Outcomes = outcomes,
            Action = action,
            ActorId = actor?.Id,
            ActorRole = actor?.Role,
            Message = message,
            // Not copied: every payload written is the run's own (the resume payload it cloned, the step it just opened,
            // the input it stored), and neither the journal nor the state edits one afterwards.
            Payload = payload,
        });
    }

    public string NextId(string prefix) => $"{prefix}{++State.LastIssuedId}";

    /// <summary>Settles the status and stage after the queue is empty and packages the result.</summary>
    public StimulusResult Complete()
    {
        if (State.IsRunning && _queue.Count == 0 && State.OpenSteps.Count == 0 && !State.Timers.Any(t => t.Blocking))
        {
            if (State.Incidents.Count > 0)
            {
                State.Status = WorkflowStatus.Faulted;
                Write(JournalEvent.WorkflowFaulted, message: "Every remaining path stopped at an incident.");
            }
            else
            {
                Finish();
            }
        }

        State.UpdatedAt = Now;
        var stage = BoardStages.Derive(State);
        if (stage != _stageBefore)
        {
            State.Stage = stage;
            Emit(new StageChanged(_stageBefore, stage));
        }

        // The caller holds what persisting would give back: the activity data this run changed is put in stored form
        // (variables, step data and input were stored so as they were written); the rest never left it.
        foreach (var activityId in _ownData)
        {
            if (State.ActivityData.TryGetValue(activityId, out var data))
            {
                StoredJson.Normalize(data);
            }
        }

        return new StimulusResult(State, _journal, _effects, null);
    }

    private void Finish()
    {
        foreach (var timer in State.Timers.ToList())
        {
            CancelTimer(timer);
        }

        State.Status = WorkflowStatus.Finished;
        State.FinishedAt = Now;
        Write(JournalEvent.WorkflowFinished);
    }

    private void CancelStepTimer(OpenStep step)
    {
        if (step.TimerId is not null && State.Timers.FirstOrDefault(t => t.Id == step.TimerId) is { } timer)
        {
            CancelTimer(timer);
        }
    }

    // Scripts get randomness that depends only on what the run has seen, so a replay draws the same numbers.
    private uint Seed(string activityId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes($"{Now.UtcTicks}:{activityId}:{State.JournalSequence}"))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
