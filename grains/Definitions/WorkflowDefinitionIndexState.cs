using ServiceHall.Workflows;

namespace ServiceHall.Grains.Definitions;

/// <summary>Stored as JSON <c>{"definitions": {"&lt;definitionId&gt;": {summary}}}</c>.</summary>
internal sealed record WorkflowDefinitionIndexState : StoredRecord
{
    public IReadOnlyDictionary<string, DefinitionSummary> Definitions { get; init; } = new Dictionary<string, DefinitionSummary>();
}
