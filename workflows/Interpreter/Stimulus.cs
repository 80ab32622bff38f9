using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>Something that moves an instance; it carries its own time, the only clock the interpreter reads.</summary>
public abstract record Stimulus(DateTimeOffset At);

/// <summary>Start a new instance with the given workflow input.</summary>
public sealed record StartWorkflow(DateTimeOffset At, JsonObject? Input = null) : Stimulus(At);

/// <summary>
/// A person acts on an open step. <paramref name="StepId"/> may name the step (or its activity id); without it the
/// one open step offering <paramref name="Action"/> to this actor is used. <paramref name="Authorise"/> is the host's
/// rule for who may act on a step (null when allowed); without it the interpreter applies <see cref="StepRule"/>.
/// </summary>
public sealed record ResumeStep(
    DateTimeOffset At, string Action, Actor Actor, JsonObject? Payload = null, string? StepId = null,
    Func<OpenStep, StimulusError?>? Authorise = null) : Stimulus(At);

/// <summary>A timer the host scheduled (from a <see cref="ScheduleTimer"/> effect) has come due.</summary>
public sealed record TimerFired(DateTimeOffset At, string TimerId) : Stimulus(At);
