using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>A human step waiting for one of its actions (a bookmark, in Elsa's words).</summary>
public sealed class OpenStep : StoredObject
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

    /// <summary>A copy to change a scalar of (a due date); its lists and data are shared, as nothing edits them after opening.</summary>
    public OpenStep ShallowCopy() => (OpenStep)MemberwiseClone();
}
