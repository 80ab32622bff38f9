using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// One case's workflow in Elsa's instance shapes (compat notes §3.3 rows 30–36): the instance, its journal, and its
/// activity executions. Elsa links the journal lines of one run of an activity by an activity instance id; the engine's
/// journal has none, so a run is numbered from each <c>Started</c> line of that activity to its end.
/// </summary>
public sealed class CaseInstance
{
    /// <summary>The journal lines about the workflow itself carry this type; the studio filters it out.</summary>
    public const string WorkflowType = "Elsa.Workflow";
    public const string WorkflowNodeId = DefinitionNormalizer.WorkflowNodeIdPrefix;

    private CaseInstance(CaseWorkflowTrace trace, WorkflowState state, IReadOnlyList<JournalEntry> journal)
    {
        Trace = trace;
        State = state;
        (Lines, Executions) = Number(trace.Id, journal, state);
        (Status, SubStatus) = InstanceStatuses.Of(trace.Status, state.Status.ToString());
    }

    public CaseWorkflowTrace Trace { get; }

    public WorkflowState State { get; }

    public string Status { get; }

    public string SubStatus { get; }

    /// <summary>Every journal line with the run it belongs to.</summary>
    public IReadOnlyList<(JournalEntry Entry, string InstanceId)> Lines { get; }

    public IReadOnlyList<ActivityExecution> Executions { get; }

    public static CaseInstance From(CaseWorkflowTrace trace) => new(
        trace,
        JsonSerializer.Deserialize<WorkflowState>(trace.WorkflowStateJson, WorkflowJson.Options)!,
        JsonSerializer.Deserialize<List<JournalEntry>>(trace.JournalJson, WorkflowJson.Options)!);

    public JsonObject Summary() => new()
    {
        ["id"] = Trace.Id,
        ["definitionId"] = Trace.Workflow.DefinitionId,
        ["definitionVersionId"] = Trace.Workflow.VersionId,
        ["version"] = Trace.Workflow.Version,
        ["status"] = Status,
        ["subStatus"] = SubStatus,
        ["correlationId"] = Trace.Number,
        ["name"] = $"{Trace.Number} {Trace.ServiceItemName}",
        ["incidentCount"] = State.Incidents.Count,
        ["createdAt"] = Trace.OpenedAt,
        ["updatedAt"] = Trace.UpdatedAt,
        ["finishedAt"] = Trace.ClosedAt,
    };

    public JsonObject Instance()
    {
        var instance = Summary();
        instance["workflowState"] = new JsonObject
        {
            ["id"] = Trace.Id,
            ["definitionId"] = Trace.Workflow.DefinitionId,
            ["definitionVersion"] = Trace.Workflow.Version,
            ["correlationId"] = Trace.Number,
            ["status"] = Status,
            ["subStatus"] = SubStatus,
            ["bookmarks"] = new JsonArray([.. State.OpenSteps.Select(Bookmark)]),
            ["incidents"] = new JsonArray([.. State.Incidents.Select(Incident)]),
            ["completionCallbacks"] = new JsonArray(),
            ["activityExecutionContexts"] = new JsonArray(),
            ["input"] = State.Input.DeepClone(),
            ["output"] = new JsonObject(),
            ["properties"] = new JsonObject
            {
                ["caseNumber"] = Trace.Number,
                ["caseStatus"] = Trace.Status,
                ["stage"] = State.Stage.ToString(),
                ["timers"] = JsonSerializer.SerializeToNode(State.Timers, WorkflowJson.Options),
            },
            ["createdAt"] = Trace.OpenedAt,
            ["updatedAt"] = Trace.UpdatedAt,
            ["finishedAt"] = Trace.ClosedAt,
        };
        return instance;
    }

    public JsonObject ExecutionState() => new()
    {
        ["status"] = Status,
        ["workflowSubStatus"] = SubStatus,
        ["updatedAt"] = Trace.UpdatedAt,
    };

    public JsonObject JournalLine(JournalEntry entry, string instanceId)
    {
        var workflowLevel = entry.Event is JournalEvent.WorkflowStarted or JournalEvent.WorkflowFinished or JournalEvent.WorkflowFaulted;
        var payload = new JsonObject();
        Put(payload, "stepId", entry.StepId);
        Put(payload, "action", entry.Action);
        Put(payload, "actor", entry.ActorId);
        Put(payload, "role", entry.ActorRole);
        if (entry.Outcomes is { Count: > 0 } outcomes)
        {
            payload["outcomes"] = new JsonArray([.. outcomes.Select(o => (JsonNode)o)]);
        }

        if (entry.Payload is { } data)
        {
            payload["payload"] = data.DeepClone();
        }

        return new JsonObject
        {
            ["id"] = $"{Trace.Id}:{entry.Sequence}",
            ["activityInstanceId"] = instanceId,
            ["activityId"] = workflowLevel ? WorkflowNodeId : entry.ActivityId ?? WorkflowNodeId,
            ["activityType"] = workflowLevel ? WorkflowType : entry.ActivityType ?? WorkflowType,
            ["activityTypeVersion"] = 1,
            ["activityName"] = workflowLevel ? Trace.Number : entry.ActivityName ?? entry.ActivityId,
            ["nodeId"] = workflowLevel ? WorkflowNodeId : entry.NodeId ?? WorkflowNodeId,
            ["timestamp"] = entry.At,
            ["sequence"] = entry.Sequence,
            ["eventName"] = EventName(entry.Event),
            ["message"] = entry.Message,
            ["source"] = "ServiceHall",
            ["payload"] = payload,
        };
    }

    public JsonObject ExecutionRecord(ActivityExecution run)
    {
        var record = ExecutionSummary(run);
        record["activityState"] = new JsonObject();
        record["payload"] = run.LastPayload?.DeepClone() ?? new JsonObject();
        record["outputs"] = new JsonObject { ["outcomes"] = new JsonArray([.. run.Outcomes.Select(o => (JsonNode)o)]) };
        record["properties"] = new JsonObject();
        record["aggregateFaultCount"] = run.Status == "Faulted" ? 1 : 0;
        if (run.Fault is { } fault)
        {
            record["exception"] = new JsonObject { ["type"] = "ServiceHall.Incident", ["message"] = fault };
        }

        return record;
    }

    public JsonObject ExecutionSummary(ActivityExecution run) => new()
    {
        ["id"] = run.Id,
        ["workflowInstanceId"] = Trace.Id,
        ["activityId"] = run.ActivityId,
        ["activityNodeId"] = run.NodeId,
        ["activityType"] = run.ActivityType,
        ["activityTypeVersion"] = 1,
        ["activityName"] = run.ActivityName,
        ["startedAt"] = run.StartedAt,
        ["hasBookmarks"] = run.HasBookmarks,
        ["status"] = run.Status,
        ["completedAt"] = run.CompletedAt,
        ["metadata"] = new JsonObject(),
    };

    /// <summary>The designer's badges for one node: how often it ran, finished, waits on someone, or failed.</summary>
    public JsonObject Stats(string nodeId)
    {
        var runs = Executions.Where(r => r.NodeId == nodeId).ToList();
        var activityId = runs.FirstOrDefault()?.ActivityId ?? nodeId[(nodeId.LastIndexOf(':') + 1)..];
        var completed = runs.Count(r => r.Status == "Completed");
        return new JsonObject
        {
            ["activityId"] = activityId,
            ["activityNodeId"] = nodeId,
            ["startedCount"] = runs.Count,
            ["completedCount"] = completed,
            ["uncompletedCount"] = runs.Count - completed,
            ["isBlocked"] = State.OpenSteps.Any(s => s.ActivityId == activityId),
            ["isFaulted"] = runs.Any(r => r.Status == "Faulted") || State.Incidents.Any(i => i.ActivityId == activityId),
            ["metadata"] = new JsonObject(),
        };
    }

    private JsonNode Bookmark(OpenStep step) => new JsonObject
    {
        ["id"] = step.Id,
        ["name"] = step.ActivityType,
        ["hash"] = step.Id,
        ["payload"] = new JsonObject
        {
            ["actions"] = new JsonArray([.. step.Actions.Select(a => (JsonNode)a)]),
            ["roles"] = new JsonArray([.. step.Roles.Select(r => (JsonNode)r)]),
            ["stage"] = step.Stage.ToString(),
            ["department"] = step.Department,
            ["hall"] = step.Hall,
            ["dueAt"] = step.DueAt,
        },
        ["activityNodeId"] = NodeIdOf(step.ActivityId),
        ["activityInstanceId"] = Executions.LastOrDefault(r => r.ActivityId == step.ActivityId)?.Id ?? step.Id,
        ["autoBurn"] = true,
        ["metadata"] = new JsonObject { ["displayName"] = step.DisplayName },
    };

    private JsonNode Incident(Incident incident) => new JsonObject
    {
        ["activityId"] = incident.ActivityId,
        ["activityNodeId"] = NodeIdOf(incident.ActivityId),
        ["activityType"] = incident.ActivityType,
        ["message"] = incident.Message,
        ["timestamp"] = incident.At,
    };

    private string NodeIdOf(string activityId) =>
        Executions.FirstOrDefault(r => r.ActivityId == activityId)?.NodeId ?? activityId;

    private static string EventName(JournalEvent journalEvent) => journalEvent switch
    {
        JournalEvent.WorkflowStarted => "Started",
        JournalEvent.WorkflowFinished => "Completed",
        JournalEvent.WorkflowFaulted => "Faulted",
        var other => other.ToString(),
    };

    private static void Put(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }

    private static (IReadOnlyList<(JournalEntry, string)>, IReadOnlyList<ActivityExecution>) Number(
        string caseId, IReadOnlyList<JournalEntry> journal, WorkflowState state)
    {
        var lines = new List<(JournalEntry, string)>(journal.Count);
        var runs = new List<ActivityExecution>();
        var current = new Dictionary<string, ActivityExecution>(StringComparer.Ordinal);
        foreach (var entry in journal)
        {
            if (entry.ActivityId is null || entry.Event is JournalEvent.WorkflowStarted or JournalEvent.WorkflowFinished or JournalEvent.WorkflowFaulted)
            {
                lines.Add((entry, $"{caseId}:workflow"));
                continue;
            }

            if (entry.Event == JournalEvent.Started || !current.TryGetValue(entry.ActivityId, out var run))
            {
                run = new ActivityExecution
                {
                    Id = $"{caseId}:{entry.ActivityId}:{runs.Count(r => r.ActivityId == entry.ActivityId) + 1}",
                    ActivityId = entry.ActivityId,
                    NodeId = entry.NodeId ?? entry.ActivityId,
                    ActivityType = entry.ActivityType ?? "",
                    ActivityName = entry.ActivityName,
                    StartedAt = entry.At,
                };
                runs.Add(run);
                current[entry.ActivityId] = run;
            }

            run.Apply(entry);
            lines.Add((entry, run.Id));
            if (run.Status is "Completed" or "Faulted")
            {
                current.Remove(entry.ActivityId);
            }
        }

        foreach (var open in current.Values)
        {
            open.HasBookmarks = state.OpenSteps.Any(s => s.ActivityId == open.ActivityId);
            if (state.Status != WorkflowStatus.Running && open.Status == "Running")
            {
                // The workflow ended (an End withdrew the steps still open on other paths) before this run finished.
                open.Status = "Canceled";
            }
        }

        return (lines, runs);
    }
}

/// <summary>One run of an activity: from its <c>Started</c> line to its <c>Completed</c> or <c>Faulted</c> line.</summary>
public sealed class ActivityExecution
{
    public required string Id { get; init; }
    public required string ActivityId { get; init; }
    public required string NodeId { get; init; }
    public required string ActivityType { get; init; }
    public string? ActivityName { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Running, Completed, Canceled or Faulted (Elsa's activity status names).</summary>
    public string Status { get; set; } = "Running";

    public bool HasBookmarks { get; set; }
    public IReadOnlyList<string> Outcomes { get; private set; } = [];
    public string? Fault { get; private set; }

    /// <summary>The last action taken on this run's step: who did what with which body.</summary>
    public JsonObject? LastPayload { get; private set; }

    public void Apply(JournalEntry entry)
    {
        switch (entry.Event)
        {
            case JournalEvent.Completed:
                Status = "Completed";
                CompletedAt = entry.At;
                Outcomes = entry.Outcomes ?? [];
                break;
            case JournalEvent.Faulted:
                Status = "Faulted";
                CompletedAt = entry.At;
                Fault = entry.Message;
                break;
            case JournalEvent.Resumed:
                LastPayload = new JsonObject
                {
                    ["action"] = entry.Action,
                    ["actor"] = entry.ActorId,
                    ["role"] = entry.ActorRole,
                    ["payload"] = entry.Payload?.DeepClone(),
                };
                break;
        }
    }
}
