using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>Where a workflow instance stands: everything needed to continue it, as a plain JSON-friendly tree.</summary>
/// <remarks>
/// The interpreter never edits a state it is given: it works on a deep copy and hands back a new one, so a caller
/// whose stimulus is refused keeps exactly what it had.
/// </remarks>
public sealed class WorkflowState
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

    public WorkflowState DeepClone() =>
        JsonSerializer.Deserialize<WorkflowState>(JsonSerializer.SerializeToUtf8Bytes(this, WorkflowJson.Options), WorkflowJson.Options)!;
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

/// <summary>One action a person can take now, as the case detail lists it.</summary>
public sealed record AvailableAction(string Name, string StepId, IReadOnlyList<string> Roles, string Label, BoardStage Stage);

/// <summary>A human step waiting for one of its actions (a bookmark, in Elsa's words).</summary>
public sealed class OpenStep
{
    /// <summary>Unique within the instance; the <c>stepId</c> of the HTTP contract.</summary>
    public string Id { get; set; } = "";

    /// <summary>Identifies the human step itself: one activity, or one department's part of a review.</summary>
    public string StepKey { get; set; } = "";

    public string ActivityId { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public BoardStage Stage { get; set; }
    public List<string> Actions { get; set; } = [];
    public List<string> Roles { get; set; } = [];

    /// <summary>When set, only a reviewer of this department may act.</summary>
    public string? Department { get; set; }

    /// <summary>When set, only staff of this hall may act.</summary>
    public string? Hall { get; set; }

    /// <summary>When set, only a coordinator of this district may act.</summary>
    public string? District { get; set; }

    /// <summary>When set, only this user may act (a reviewer named in a routing plan).</summary>
    public string? AssignedTo { get; set; }

    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>A deadline timer that closes this step when it fires.</summary>
    public string? TimerId { get; set; }

    /// <summary>What the step shows and checks, such as the deficiencies a resubmission must answer.</summary>
    public JsonObject Data { get; set => field = value ?? []; } = [];
}

public sealed class WorkflowTimer
{
    public string Id { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public TimerPurpose Purpose { get; set; }

    /// <summary>A blocking timer holds its path (a delay, a deadline); a watch timer does not keep the workflow alive.</summary>
    public bool Blocking { get; set; }

    /// <summary>The step this timer is the deadline of, if any.</summary>
    public string? StepId { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<TimerPurpose>))]
public enum TimerPurpose
{
    /// <summary>An <c>Elsa.Delay</c>.</summary>
    Delay,

    /// <summary>The case's service-level clock; firing it raises the breach path.</summary>
    Sla,

    /// <summary>The applicant's deadline to answer a correction notice.</summary>
    CorrectionDeadline,
}

/// <summary>A step that failed; its path stops there while the rest of the instance carries on.</summary>
public sealed class Incident
{
    public string Id { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
