using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The answer to a case command or query. Refusals are values, not exceptions, so the API maps each to its status
/// code and problem details without parsing messages; <see cref="Field"/> names the offending request field.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseResult")]
public sealed record CaseResult
{
    [Id(0)] public required CaseOutcome Outcome { get; init; }
    [Id(1)] public CaseView? Case { get; init; }
    [Id(2)] public string? Field { get; init; }
    [Id(3)] public string? Message { get; init; }
    [Id(4)] public IReadOnlyList<CaseActionView> AvailableActions { get; init; } = [];

    /// <summary>True when an <c>Idempotency-Key</c> matched an earlier command, which was not applied again.</summary>
    [Id(5)] public bool Replayed { get; init; }

    /// <summary>Every rule the refused command broke, each with its catalogue code (see <see cref="FieldError"/>).</summary>
    [Id(6)] public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>A success asked for minimally (<see cref="CaseActionCommand.MinimalAnswer"/>): the case's id, status, stage and version, instead of <see cref="Case"/>.</summary>
    [Id(7)] public CaseHeadline? Headline { get; init; }

    /// <summary>The first refused rule's code.</summary>
    public string? Code => Errors.Count > 0 ? Errors[0].Code : null;

    public bool Succeeded => Outcome is CaseOutcome.Ok or CaseOutcome.Created;

    public static CaseResult Ok(CaseView view, bool replayed = false) => new() { Outcome = CaseOutcome.Ok, Case = view, Replayed = replayed };

    /// <summary>A success answered with the headline only; <see cref="Case"/> stays null.</summary>
    public static CaseResult Ok(CaseHeadline headline, bool replayed = false) => new() { Outcome = CaseOutcome.Ok, Headline = headline, Replayed = replayed };

    public static CaseResult Created(CaseView view, bool replayed = false) => new() { Outcome = CaseOutcome.Created, Case = view, Replayed = replayed };

    public static CaseResult Refused(CaseOutcome outcome, string? field, string message, IReadOnlyList<CaseActionView>? available = null) =>
        new() { Outcome = outcome, Field = field, Message = message, AvailableActions = available ?? [] };

    /// <summary>A refusal with its catalogue code (and the values its message needs).</summary>
    public static CaseResult Refused(CaseOutcome outcome, FieldError error, IReadOnlyList<CaseActionView>? available = null) =>
        Refused(outcome, [error], available);

    /// <summary>A refusal naming every rule broken at once, so a form can mark all its wrong fields in one go.</summary>
    public static CaseResult Refused(CaseOutcome outcome, IReadOnlyList<FieldError> errors, IReadOnlyList<CaseActionView>? available = null) =>
        new() { Outcome = outcome, Field = errors[0].Field, Message = errors[0].Message, Errors = errors, AvailableActions = available ?? [] };
}

/// <summary>What a client needs to go on after a command it asked a minimal answer for: the same values the full view carries.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseHeadline")]
public sealed record CaseHeadline(
    [property: Id(0)] string Id,
    [property: Id(1)] string Status,
    [property: Id(2)] string Stage,
    [property: Id(3)] long Version)
{
    internal static CaseHeadline Of(CaseState state) => new(state.Id!, state.Status, CaseViews.StageName(state.Workflow.Stage), state.Version);
}

public enum CaseOutcome
{
    Ok,
    Created,

    /// <summary>400: the request is malformed (a required field missing, a wrong shape).</summary>
    Invalid,

    /// <summary>422: well-formed but not acceptable (unknown service item, channel not allowed, ...).</summary>
    Unprocessable,

    /// <summary>403: the actor's role or scope does not allow it.</summary>
    Forbidden,

    /// <summary>404: no such case (or not visible to this applicant).</summary>
    NotFound,

    /// <summary>409: the action is not available in the case's current state.</summary>
    Conflict,

    /// <summary>412: <c>If-Match</c> named another version than the current one.</summary>
    PreconditionFailed,

    /// <summary>429: a quota of the applicant's is used up for now (the answer says when it frees up).</summary>
    TooMany,
}
