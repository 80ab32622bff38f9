namespace ServiceHall.Grains.Definitions;

/// <summary>Stored as JSON <c>{"definitions": {"&lt;definitionId&gt;": {summary}}}</c>.</summary>
internal sealed record WorkflowDefinitionIndexState
{
    public IReadOnlyDictionary<string, DefinitionSummary> Definitions { get; init; } = new Dictionary<string, DefinitionSummary>();
}
