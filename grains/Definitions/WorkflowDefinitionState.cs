using ServiceHall.Workflows;

namespace ServiceHall.Grains.Definitions;

/// <summary>Stored as JSON <c>{"versions": [...]}</c>, oldest version first.</summary>
internal sealed record WorkflowDefinitionState : StoredRecord
{
    public IReadOnlyList<StoredDefinitionVersion> Versions { get; init; } = [];
}

/// <summary>
/// One version: the Elsa JSON as written, with its flags copied beside it so queries never parse the document.
/// The copies are only ever produced together with the JSON (<see cref="DefinitionVersionStamp"/>), never edited alone.
/// </summary>
internal sealed record StoredDefinitionVersion : StoredRecord
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required bool IsLatest { get; init; }

    public required bool IsPublished { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Json { get; init; }
}
