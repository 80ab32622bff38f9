using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>A validated, normalised definition version with its graph indexed for running; build once, reuse for every stimulus.</summary>
public sealed class PreparedWorkflow
{
    private readonly Dictionary<string, ActivityNode> _nodes;
    private readonly Dictionary<string, IActivity> _activities;
    private readonly ILookup<(string Activity, string Port), Connection> _outgoing;
    private readonly ILookup<string, Connection> _inbound;

    private PreparedWorkflow(WorkflowDefinition definition, ActivityRegistry registry)
    {
        Definition = definition;
        _nodes = definition.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _activities = definition.Activities.ToDictionary(a => a.Id, a => registry.Find(a.Type)!, StringComparer.Ordinal);
        _outgoing = definition.Connections.ToLookup(c => (c.Source.Activity, c.SourcePort));
        _inbound = definition.Connections.ToLookup(c => c.Target.Activity, StringComparer.Ordinal);
        StartActivityId = definition.Activities.First(a => a.Type == BuiltinTypes.Start).Id;
        VariableNamesById = definition.Variables.Where(v => v.Id.Length > 0).GroupBy(v => v.Id).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
    }

    /// <summary>The normalised copy that runs; the caller's definition object is never changed.</summary>
    public WorkflowDefinition Definition { get; }

    /// <summary>Identifies the version an instance is pinned to: the version <c>id</c>, or definition id and number.</summary>
    public string VersionId => Definition.Id ?? $"{Definition.DefinitionId}:v{Definition.Version}";

    internal string StartActivityId { get; }
    internal IReadOnlyDictionary<string, string> VariableNamesById { get; }

    /// <exception cref="InvalidWorkflowDefinitionException">The definition fails validation.</exception>
    public static PreparedWorkflow Create(WorkflowDefinition definition, ActivityRegistry registry)
    {
        var copy = WorkflowJson.Clone(definition);
        DefinitionNormalizer.Normalize(copy, registry);
        var errors = DefinitionValidator.Validate(copy, registry);
        return errors.Count > 0 ? throw new InvalidWorkflowDefinitionException(errors) : new PreparedWorkflow(copy, registry);
    }

    internal ActivityNode Node(string activityId) => _nodes[activityId];

    internal IActivity Activity(string activityId) => _activities[activityId];

    internal bool Contains(string activityId) => _nodes.ContainsKey(activityId);

    internal IEnumerable<Connection> Outgoing(string activityId, string port) => _outgoing[(activityId, port)];

    internal IReadOnlyList<Connection> Inbound(string activityId) => _inbound[activityId].ToList();
}
