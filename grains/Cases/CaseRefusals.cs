using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>Turns the interpreter's typed refusals into the HTTP contract's outcomes.</summary>
internal static class CaseRefusals
{
    public static CaseResult From(StimulusError error, IReadOnlyList<CaseActionView> available) => error switch
    {
        ActionNotAvailable e => CaseResult.Refused(CaseOutcome.Conflict, "action", e.Message, available),
        RoleNotAllowed e => CaseResult.Refused(CaseOutcome.Forbidden, "role", e.Message, available),
        OutOfScope e => CaseResult.Refused(CaseOutcome.Forbidden, "scope", e.Message, available),
        StepNotFound e => CaseResult.Refused(CaseOutcome.Unprocessable, "stepId", e.Message, available),
        AmbiguousStep e => CaseResult.Refused(CaseOutcome.Unprocessable, "stepId", e.Message, available),
        InstanceNotRunning e => CaseResult.Refused(CaseOutcome.Conflict, "action", e.Message, available),
        InvalidPayload e => CaseResult.Refused(CaseOutcome.Invalid, e.Field, e.Problem, available),
        _ => CaseResult.Refused(CaseOutcome.Conflict, null, error.Message, available),
    };
}
