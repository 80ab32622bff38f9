using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Expressions;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities;

/// <summary>What an activity may read and do while it runs; every change goes through the current run.</summary>
/// <remarks>Activities evaluate all their inputs before opening steps or emitting effects, so a failing
/// expression leaves nothing half-done behind the incident.</remarks>
public sealed class ActivityContext
{
    private readonly WorkflowRun _run;

    internal ActivityContext(WorkflowRun run, ActivityNode node, ActivityDescriptor descriptor, Connection? via)
    {
        _run = run;
        Node = node;
        Descriptor = descriptor;
        Via = via;
    }

    public ActivityNode Node { get; }
    public ActivityDescriptor Descriptor { get; }

    /// <summary>The connection that led here, or null at the start, on resume and on a timer.</summary>
    public Connection? Via { get; }

    public DateTimeOffset Now => _run.Now;
    public JsonObject WorkflowInput => _run.State.Input;

    /// <summary>Every connection into this activity.</summary>
    public IReadOnlyList<Connection> InboundConnections => _run.Workflow.Inbound(Node.Id);

    /// <summary>The value of an input declared in the descriptor; null when it is not set.</summary>
    /// <exception cref="ExpressionException">The expression failed (the run turns it into an incident).</exception>
    public JsonNode? Evaluate(string inputName)
    {
        var input = Descriptor.FindInput(inputName) ?? throw new ArgumentException($"{Descriptor.TypeName} declares no input '{inputName}'.", nameof(inputName));
        var source = WrappedInput.Read(Node, input.PropertyName);
        if (source is null)
        {
            return input.DefaultValue?.DeepClone();
        }

        return _run.Evaluate(source, input.TypeName, Node.Id);
    }

    public string? GetText(string inputName) => Evaluate(inputName) switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        var other => other.ToJsonString(),
    };

    public bool GetFlag(string inputName, bool whenUnset = false) =>
        Evaluate(inputName) is { } value ? ValueCoercion.IsTruthy(value) : whenUnset;

    /// <summary>A duration written as <c>d.hh:mm:ss</c> or ISO 8601 (<c>PT1H</c>).</summary>
    public TimeSpan? GetDuration(string inputName)
    {
        var text = GetText(inputName);
        if (text is null)
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            throw new ActivityFaultException($"{Descriptor.TypeName} '{Node.Id}': '{text}' is not a duration (use d.hh:mm:ss).");
        }
    }

    /// <summary>A list of strings from a JSON array, or from a comma-separated text.</summary>
    public IReadOnlyList<string> GetTexts(string inputName) => Evaluate(inputName) switch
    {
        null => [],
        JsonArray items => items.Select(item => item is JsonValue v && v.TryGetValue(out string? s) ? s : item?.ToJsonString())
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList(),
        JsonValue value when value.TryGetValue(out string? text) =>
            text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        var other => [other.ToJsonString()],
    };

    /// <summary>Writes an output to the variable the definition binds it to; unbound outputs are dropped.</summary>
    public void SetOutput(string outputName, JsonNode? value)
    {
        var output = Descriptor.Outputs.FirstOrDefault(o => string.Equals(o.Name, outputName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"{Descriptor.TypeName} declares no output '{outputName}'.", nameof(outputName));
        if (WrappedInput.ReadOutputBinding(Node, output.PropertyName) is { } variableId)
        {
            _run.SetVariable(variableId, value);
        }
    }

    /// <summary>
    /// Converts a text value to the variable's declared type (a literal "42" into an Int32 variable becomes 42);
    /// other values and untyped variables pass through.
    /// </summary>
    public JsonNode? ConvertForVariable(string nameOrId, JsonNode? value)
    {
        var variable = _run.Workflow.Definition.Variables.FirstOrDefault(v => v.Id == nameOrId || v.Name == nameOrId);
        if (variable?.TypeName is null || value is not JsonValue scalar || !scalar.TryGetValue(out string? _))
        {
            return value;
        }

        try
        {
            return ValueCoercion.FromLiteral(value, variable.TypeName);
        }
        catch (ExpressionException ex)
        {
            throw Fault($"variable '{variable.Name}': {ex.Message}");
        }
    }

    /// <summary>Sets a workflow variable by name or id.</summary>
    public void SetVariable(string nameOrId, JsonNode? value) => _run.SetVariable(nameOrId, value);

    /// <summary>This activity's memory across executions (rounds, decisions); created on first use.</summary>
    public JsonObject Data => _run.DataOf(Node.Id);

    public void ClearData() => _run.State.ActivityData.Remove(Node.Id);

    /// <summary>The inbound connections that reached this join since it last fired.</summary>
    internal List<string> JoinArrivals
    {
        get
        {
            if (!_run.State.JoinArrivals.TryGetValue(Node.Id, out var arrivals))
            {
                arrivals = [];
                _run.State.JoinArrivals[Node.Id] = arrivals;
            }

            return arrivals;
        }
    }

    internal void ClearJoinArrivals() => _run.State.JoinArrivals.Remove(Node.Id);

    /// <summary>This activity's open steps.</summary>
    public IReadOnlyList<OpenStep> OpenSteps => _run.State.OpenSteps.Where(step => step.ActivityId == Node.Id).ToList();

    public OpenStep OpenStep(StepSpec spec) => _run.OpenStep(Node, Descriptor, spec);

    /// <summary>Withdraws a step nobody needs to answer any more (another department already denied).</summary>
    public void CancelStep(OpenStep step, string reason) => _run.CancelStep(step, reason);

    /// <summary>Schedules a timer; the host receives a <see cref="ScheduleTimer"/> effect.</summary>
    public string ScheduleTimer(DateTimeOffset dueAt, TimerPurpose purpose, bool blocking) =>
        _run.ScheduleTimer(Node.Id, dueAt, purpose, blocking, stepId: null);

    public void Emit(WorkflowEffect effect) => _run.Emit(effect);

    /// <summary>Ends the whole workflow: open steps are withdrawn and timers cancelled.</summary>
    public void EndWorkflow() => _run.RequestEnd(Node);

    public ActivityFaultException Fault(string problem) => new($"{Descriptor.TypeName} '{Node.Id}': {problem}");
}
