using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>Where a workflow instance stands: everything needed to continue it, as a plain JSON-friendly tree.</summary>
/// <remarks>
/// <para>The interpreter never edits a state it is given: a run works on a <see cref="Fork"/> and hands back a new
/// state, so a caller whose stimulus is refused (or fails half-way) keeps exactly what it had.</para>
/// <para>States share structure: a fork has its own lists and dictionaries, but the JSON values in them (input,
/// variables, activity data, step data) and the steps, timers and incidents are the same objects. That is safe because
/// nothing edits them in place once a run has returned them: a run replaces a variable whole, clones an activity's data
/// before its first change (<c>WorkflowRun.DataOf</c>), builds a new step's data new, and only ever removes steps and
/// timers from its own lists. Hosts treat a state as a value: they replace it with the next one, never edit it.</para>
/// </remarks>
public sealed class WorkflowState : StoredObject
{
    public string DefinitionId { get; set; } = "";
    public string DefinitionVersionId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;
    public BoardStage Stage { get; set; } = BoardStage.None;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The input the workflow was started with (service item, channel, hall, department, ...).</summary>
    public JsonObject Input { get; set => field = value ?? []; } = [];

    /// <summary>Workflow variables by name.</summary>
    public Dictionary<string, JsonNode?> Variables { get; set => field = value ?? []; } = [];

    /// <summary>Human steps waiting for someone to act.</summary>
    public List<OpenStep> OpenSteps { get; set => field = value ?? []; } = [];

    /// <summary>Timers the host must fire with a <see cref="TimerFired"/> stimulus.</summary>
    public List<WorkflowTimer> Timers { get; set => field = value ?? []; } = [];

    /// <summary>Steps that failed (a script error, a bad input); their path stopped there.</summary>
    public List<Incident> Incidents { get; set => field = value ?? []; } = [];

    /// <summary>Per-activity memory that outlives one execution (correction rounds, review decisions).</summary>
    public Dictionary<string, JsonObject> ActivityData { get; set => field = value ?? []; } = [];

    /// <summary>For each join, the inbound connections that have arrived since it last fired.</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set => field = value ?? []; } = [];

    /// <summary>Sequence number of the last journal entry written; the next entry gets this plus one.</summary>
    public long JournalSequence { get; set; }

    /// <summary>Source of the deterministic ids given to steps and timers.</summary>
    public long LastIssuedId { get; set; }

    [JsonIgnore]
    public bool IsRunning => Status == WorkflowStatus.Running;

    /// <summary>The actions someone may take now, one entry per open step and action.</summary>
    public IReadOnlyList<AvailableAction> AvailableActions() =>
        OpenSteps
            .SelectMany(step => step.Actions.Select(action => new AvailableAction(action, step.Id, step.Roles, ActionNames.Label(action), step.Stage)))
            .ToList();

    /// <summary>
    /// A copy a run may change: new lists and dictionaries (and join-arrival lists), the same values inside them
    /// (see the remarks on sharing). Costs a few allocations per collection, however large the state's JSON.
    /// </summary>
    public WorkflowState Fork()
    {
        var fork = new WorkflowState
        {
            DefinitionId = DefinitionId,
            DefinitionVersionId = DefinitionVersionId,
            DefinitionVersion = DefinitionVersion,
            Status = Status,
            Stage = Stage,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
            FinishedAt = FinishedAt,
            Input = Input,
            Variables = new Dictionary<string, JsonNode?>(Variables, Variables.Comparer),
            OpenSteps = [.. OpenSteps],
            Timers = [.. Timers],
            Incidents = [.. Incidents],
            ActivityData = new Dictionary<string, JsonObject>(ActivityData, ActivityData.Comparer),
            JoinArrivals = JoinArrivals.ToDictionary(p => p.Key, p => new List<string>(p.Value), JoinArrivals.Comparer),
            JournalSequence = JournalSequence,
            LastIssuedId = LastIssuedId,
        };
        fork.CopyUnknownMembersFrom(this);
        return fork;
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    /// <summary>Open steps, timers or pending work remain.</summary>
    Running,

    /// <summary>Every path ended; nothing will resume it.</summary>
    Finished,

    /// <summary>Nothing can move any more because a step failed; an operator has to look at the incidents.</summary>
    Faulted,
}
