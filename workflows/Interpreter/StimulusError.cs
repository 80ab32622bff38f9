namespace ServiceHall.Workflows.Interpreter;

/// <summary>Why a stimulus was refused; the caller's state is then unchanged.</summary>
public abstract record StimulusError
{
    /// <summary>A stable machine-readable code (kebab-case).</summary>
    public abstract string Code { get; }

    public abstract string Message { get; }
}

/// <summary>No open step offers the action (409 on the HTTP contract, listing the available ones).</summary>
public sealed record ActionNotAvailable(string Action, IReadOnlyList<AvailableAction> Available) : StimulusError
{
    public override string Code => "action-not-available";
    public override string Message =>
        $"Action '{Action}' is not available now. Available: {(Available.Count == 0 ? "none" : string.Join(", ", Available.Select(a => a.Name).Distinct()))}.";
}

public sealed record RoleNotAllowed(string Action, string Role, IReadOnlyList<string> AllowedRoles) : StimulusError
{
    public override string Code => "role-not-allowed";
    public override string Message => $"Role '{Role}' may not '{Action}' here; allowed: {string.Join(", ", AllowedRoles)}.";
}

/// <summary>The actor's role fits but their hall, department, district or user id does not.</summary>
public sealed record OutOfScope(string Action, string Requirement) : StimulusError
{
    public override string Code => "out-of-scope";
    public override string Message => $"'{Action}' on this step requires {Requirement}.";
}

public sealed record StepNotFound(string StepId) : StimulusError
{
    public override string Code => "step-not-found";
    public override string Message => $"No open step '{StepId}'.";
}

/// <summary>Several open steps offer the action to this actor; the caller must name one.</summary>
public sealed record AmbiguousStep(string Action, IReadOnlyList<string> StepIds) : StimulusError
{
    public override string Code => "ambiguous-step";
    public override string Message => $"'{Action}' is offered by several steps ({string.Join(", ", StepIds)}); name the stepId.";
}

public sealed record InstanceNotRunning(WorkflowStatus Status) : StimulusError
{
    public override string Code => "instance-not-running";
    public override string Message => $"The workflow is {Status.ToString().ToLowerInvariant()} and accepts nothing more.";
}

/// <param name="Rule">The error catalogue's code of the rule broken (<c>field.required</c>), which a host says in its
/// reader's language; <paramref name="Problem"/> is the English fallback.</param>
public sealed record InvalidPayload(string Field, string Problem, string Rule = "field.invalid") : StimulusError
{
    public override string Code => "invalid-payload";
    public override string Message => $"{Field}: {Problem}";

    /// <summary>Values the rule's message names (<c>allowed</c>, <c>max</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Args { get; init; } = new Dictionary<string, string>();

    /// <summary>Further fields of the same body refused at the same time, so a form can mark them all at once.</summary>
    public IReadOnlyList<InvalidPayload> More { get; init; } = [];

    /// <summary>This refusal and every further one, in the body's order.</summary>
    public IEnumerable<InvalidPayload> All => More.Prepend(this with { More = [] });
}

public sealed record UnknownTimer(string TimerId) : StimulusError
{
    public override string Code => "unknown-timer";
    public override string Message => $"Timer '{TimerId}' is not pending (already fired or cancelled).";
}

/// <summary>The state belongs to another definition version than the one supplied.</summary>
public sealed record DefinitionMismatch(string Expected, string Actual) : StimulusError
{
    public override string Code => "definition-mismatch";
    public override string Message => $"The instance runs definition version '{Expected}', not '{Actual}'.";
}

/// <summary>Thrown by an activity to refuse the stimulus; the interpreter turns it into a refused <see cref="StimulusResult"/>.</summary>
public sealed class StimulusRejectedException(StimulusError error) : Exception(error.Message)
{
    public StimulusError Error { get; } = error;
}
