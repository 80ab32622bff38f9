using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Definitions;

/// <summary>One version of an Elsa 3 workflow definition, in the shape Elsa Studio reads and writes.</summary>
/// <remarks>
/// Collections and <see cref="Options"/> never hold null: the studio crashes on null collections, so a null read
/// from JSON is replaced with an empty value. Properties this model does not know are kept in <see cref="Extra"/>.
/// </remarks>
public sealed class WorkflowDefinition : RoundTripModel
{
    public string? Id { get; set; }
    public string? DefinitionId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public int Version { get; set; } = 1;
    public string? ToolVersion { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public bool IsReadonly { get; set; }
    public bool IsSystem { get; set; }
    public string? TenantId { get; set; }

    public List<VariableDefinition> Variables { get; set => field = value ?? []; } = [];
    public JsonArray Inputs { get; set => field = value ?? []; } = [];
    public JsonArray Outputs { get; set => field = value ?? []; } = [];
    public List<string> Outcomes { get; set => field = value ?? []; } = [];
    public JsonObject CustomProperties { get; set => field = value ?? []; } = [];
    public JsonObject Options { get; set => field = value ?? DefaultOptions(); } = DefaultOptions();

    /// <summary>The root activity; an <c>Elsa.Flowchart</c> for every definition this engine runs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ActivityNode? Root { get; set; }

    /// <summary>Only present in API responses; kept so a definition read from one can be written back.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? Links { get; set; }

    public static JsonObject DefaultOptions() => new()
    {
        ["activationStrategyType"] = null,
        ["usableAsActivity"] = false,
        ["autoUpdateConsumingWorkflows"] = false,
        ["activityCategory"] = null,
        ["incidentStrategyType"] = null,
        ["commitStrategyName"] = null,
    };

    /// <summary>Every activity of the root flowchart (nested flowcharts are not run, so not listed).</summary>
    [JsonIgnore]
    public IReadOnlyList<ActivityNode> Activities => Root?.Activities ?? [];

    [JsonIgnore]
    public IReadOnlyList<Connection> Connections => Root?.Connections ?? [];
}
