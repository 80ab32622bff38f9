using ServiceHall.Grains.Refusals;
using System.Text.Json.Nodes;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// What the grain lends a decision: directory, calendar, the interpreter and the grains it may ask — among them the
/// published version of another definition (null when none is published), for an action that changes the workflow.
/// </summary>
internal sealed record CaseServices(
    OrganisationDirectory Organisation,
    WorkingCalendar Calendar,
    WorkflowInterpreter Interpreter,
    Func<Task<PreparedWorkflow>> Workflow,
    Func<IReadOnlyList<string>, Task<string>> ChooseCoordinator,
    Func<string, Task<(Definitions.DefinitionVersion Version, PreparedWorkflow Workflow)?>> Published,
    Func<Task<IReadOnlyList<string>>> DepartmentCodes);

/// <summary>One command being decided: the case as it is, the copy to change, the request and the time.</summary>
internal sealed class CaseActionContext(CaseState current, CaseState next, CaseRequest request, DateTimeOffset now, CaseServices services)
{
    public CaseState Current { get; } = current;
    public CaseState Next { get; } = next;
    public CaseRequest Request { get; } = request;
    public CaseActor Actor => Request.Actor;
    public JsonObject Payload => Request.Payload;
    public DateTimeOffset Now { get; } = now;
    public CaseServices Services { get; } = services;

    /// <summary>The actions the case offers now, sent with every refusal so the caller sees what would work.</summary>
    public IReadOnlyList<CaseActionView> Available => _available ??= CaseViews.AvailableActions(Current);

    private IReadOnlyList<CaseActionView>? _available;

    public CaseResult Refuse(CaseOutcome outcome, string? field, string message) => CaseResult.Refused(outcome, field, message, Available);

    /// <summary>A refusal with its error catalogue code.</summary>
    public CaseResult Refuse(CaseOutcome outcome, FieldError error) => CaseResult.Refused(outcome, error, Available);

    /// <summary>A required text field of at most <paramref name="maxLength"/> characters, trimmed.</summary>
    public CaseResult? RequiredText(string field, out string text, int maxLength = 500)
    {
        text = OptionalText(field) ?? "";
        if (text.Length == 0)
        {
            return Refuse(CaseOutcome.Invalid, FieldError.Of(field, "field.required", $"'{field}' is required."));
        }

        return text.Length > maxLength
            ? Refuse(CaseOutcome.Invalid, FieldError.Of(field, "field.tooLong", $"'{field}' is longer than {maxLength} characters.", ("max", maxLength)))
            : null;
    }

    /// <summary>A text field, trimmed; null when absent or blank (the typed input carries only strings there).</summary>
    public string? OptionalText(string field) => Workflows.Activities.Payload.OptionalText(Payload, field);
}
