using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Turns the interpreter's typed refusals into the contract's outcomes, each with its error catalogue code and the values
/// its message names; the HTTP layer says them in the reader's language.
/// </summary>
internal static class CaseRefusals
{
    public static CaseResult From(StimulusError error, IReadOnlyList<CaseActionView> available) => error switch
    {
        ActionNotAvailable e => CaseResult.Refused(CaseOutcome.Conflict,
            FieldError.Of("action", "action.notAvailable", e.Message, ("action", e.Action)), available),
        RoleNotAllowed e => CaseResult.Refused(CaseOutcome.Forbidden,
            FieldError.Of("role", "action.roleNotAllowed", e.Message, ("action", e.Action)), available),
        OutOfScope e => CaseResult.Refused(CaseOutcome.Forbidden,
            FieldError.Of("scope", "action.outOfScope", e.Message, ("action", e.Action)), available),
        StepNotFound e => CaseResult.Refused(CaseOutcome.Unprocessable,
            FieldError.Of("stepId", "step.notFound", e.Message, ("stepId", e.StepId)), available),
        AmbiguousStep e => CaseResult.Refused(CaseOutcome.Unprocessable,
            FieldError.Of("stepId", "step.ambiguous", e.Message, ("action", e.Action)), available),
        InstanceNotRunning e => CaseResult.Refused(CaseOutcome.Conflict,
            FieldError.Of("action", "case.notRunning", e.Message), available),
        InvalidPayload e => CaseResult.Refused(CaseOutcome.Invalid, [.. e.All.Select(Of)], available),
        NothingToSteer e => CaseResult.Refused(CaseOutcome.Conflict, FieldError.Of("action", "steer.nothingToSteer", e.Message, ("action", e.Change)), available),
        UnknownTimer e => CaseResult.Refused(CaseOutcome.Conflict, FieldError.Of("timer", "timer.notPending", e.Message), available),
        _ => CaseResult.Refused(CaseOutcome.Conflict, FieldError.Of(null, "case.refused", error.Message), available),
    };

    private static FieldError Of(InvalidPayload invalid) => new()
    {
        Field = invalid.Field,
        Code = invalid.Rule,
        Message = invalid.Problem,
        Args = invalid.Args,
    };
}
