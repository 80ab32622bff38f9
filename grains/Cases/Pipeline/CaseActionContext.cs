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

/// <summary>
/// One command being decided: the case as it is, the copy to change, the request and the time, and where the case
/// sits (<see cref="Policy.CasePlacement"/> of <see cref="Current"/>, which the grain has already computed to admit the command).
/// </summary>
internal sealed class CaseActionContext(
    CaseState current, CaseState next, CaseRequest request, DateTimeOffset now, CaseServices services, Policy.CasePlacement placement)
{
    public CaseState Current { get; } = current;
    public CaseState Next { get; } = next;
    public CaseRequest Request { get; } = request;
    public CaseActor Actor => Request.Actor;
    public JsonObject Payload => Request.Payload;
    public DateTimeOffset Now { get; } = now;
    public CaseServices Services { get; } = services;

    /// <summary>Where the case sits as it is (before this command moves it): what the case policy decides on.</summary>
    public Policy.CasePlacement Placement { get; } = placement;

    /// <summary>The actions the case offers now, sent with every refusal so the caller sees what would work.</summary>
    public IReadOnlyList<CaseActionView> Available => _available ??= CaseViews.AvailableActions(Current);

    private IReadOnlyList<CaseActionView>? _available;

    public CaseResult Refuse(CaseOutcome outcome, string? field, string message) => CaseResult.Refused(outcome, field, message, Available);

    /// <summary>A refusal with its error catalogue code.</summary>
    public CaseResult Refuse(CaseOutcome outcome, FieldError error) => CaseResult.Refused(outcome, error, Available);

    /// <summary>A required text field of at most <paramref name="maxLength"/> characters, trimmed.</summary>
    public CaseResult? RequiredText(string field, out string text, int maxLength = 500) =>
        TextError(field, out text, maxLength) is { } error ? Refuse(CaseOutcome.Invalid, error) : null;

    /// <summary>What is wrong with a required text field (blank, longer than <paramref name="maxLength"/>), or null.</summary>
    public FieldError? TextError(string field, out string text, int maxLength = 500)
    {
        text = OptionalText(field) ?? "";
        return text.Length == 0 ? FieldError.Of(field, "field.required", $"'{field}' is required.")
            : text.Length > maxLength ? FieldError.Of(field, "field.tooLong", $"'{field}' is longer than {maxLength} characters.", ("max", maxLength))
            : null;
    }

    /// <summary>
    /// One refusal naming every broken rule of a command at once: a 400 when any is malformed, else the outcome of the
    /// first (a well-formed body the case cannot take).
    /// </summary>
    public CaseResult RefuseAll(IReadOnlyList<(CaseOutcome Outcome, FieldError Error)> problems) =>
        CaseResult.Refused(problems.Any(p => p.Outcome == CaseOutcome.Invalid) ? CaseOutcome.Invalid : problems[0].Outcome,
            [.. problems.Select(p => p.Error)], Available);

    /// <summary>A text field, trimmed; null when absent or blank (the typed input carries only strings there).</summary>
    public string? OptionalText(string field) => Workflows.Activities.Payload.OptionalText(Payload, field);
}
