namespace ServiceHall.Workflows.Definitions;

/// <summary>One problem that stops a definition from being published; <see cref="ActivityId"/> is null for the whole definition.</summary>
public sealed record DefinitionError(string? ActivityId, string Problem)
{
    public override string ToString() => ActivityId is null ? Problem : $"{ActivityId}: {Problem}";
}

/// <summary>A definition that cannot run was handed to the interpreter.</summary>
public sealed class InvalidWorkflowDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception("The workflow definition cannot run: " + string.Join("; ", errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
