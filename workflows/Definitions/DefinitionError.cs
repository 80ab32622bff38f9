namespace ServiceHall.Workflows.Definitions;

/// <summary>
/// One problem that stops a definition from being published; <see cref="ActivityId"/> is null for the whole definition.
/// <see cref="Code"/> names the rule for the host's error catalogue, which says it in the reader's language with
/// <see cref="Args"/> filled in; <see cref="Problem"/> is the English fallback.
/// </summary>
public sealed record DefinitionError(string? ActivityId, string Problem)
{
    public string Code { get; init; } = "definition.invalid";

    public IReadOnlyDictionary<string, string> Args { get; init; } = new Dictionary<string, string>();

    public static DefinitionError Of(string? activityId, string code, string problem, params (string Name, object? Value)[] args) =>
        new(activityId, problem)
        {
            Code = code,
            Args = args.ToDictionary(a => a.Name, a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        };

    // Two reports of the same problem are equal: the values are compared by content, not by dictionary instance.
    public bool Equals(DefinitionError? other) =>
        other is not null && ActivityId == other.ActivityId && Problem == other.Problem && Code == other.Code
        && Args.Count == other.Args.Count
        && Args.All(pair => other.Args.TryGetValue(pair.Key, out var value) && value == pair.Value);

    public override int GetHashCode() => HashCode.Combine(ActivityId, Problem, Code, Args.Count);

    public override string ToString() => ActivityId is null ? Problem : $"{ActivityId}: {Problem}";
}

/// <summary>A definition that cannot run was handed to the interpreter.</summary>
public sealed class InvalidWorkflowDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception("The workflow definition cannot run: " + string.Join("; ", errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
