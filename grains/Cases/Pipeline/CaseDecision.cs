using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// What deciding a command produced: a refusal, nothing to do, or an accepted change — the journal note, the
/// interpreter's result when the workflow moved, and the effects to carry out. Deciding changes only the copy of the
/// case it was given; the pipeline does the rest (version, journal, write, effects, announcement).
/// </summary>
internal sealed class CaseDecision
{
    private CaseDecision()
    {
    }

    public CaseResult? Refusal { get; private init; }

    /// <summary>True when the command changes nothing (an SLA tick with no threshold due): nothing is written.</summary>
    public bool IsNothing { get; private init; }

    public CaseJournalNote? Note { get; private init; }

    /// <summary>The interpreter's answer when the command moved the workflow: its journal and effects are applied.</summary>
    public StimulusResult? Workflow { get; private init; }

    /// <summary>Effects of the action itself (a message to the manager, ...), applied like the workflow's.</summary>
    public IReadOnlyList<WorkflowEffect> Effects { get; private init; } = [];

    public static CaseDecision Refuse(CaseResult refusal) => new() { Refusal = refusal };

    public static CaseDecision Nothing { get; } = new() { IsNothing = true };

    /// <summary>A write with no entry of its own: the statutory clock's step journals the thresholds it raises.</summary>
    public static CaseDecision ClockOnly { get; } = new();

    public static CaseDecision Accept(CaseJournalNote note, params WorkflowEffect[] effects) => new() { Note = note, Effects = effects };

    public static CaseDecision Moved(StimulusResult workflow, CaseJournalNote note) => new() { Note = note, Workflow = workflow };

    /// <summary>This decision with more effects of its own.</summary>
    public CaseDecision With(params WorkflowEffect[] effects) => new() { Note = Note, Workflow = Workflow, Effects = [.. Effects, .. effects] };

    public static implicit operator CaseDecision(CaseResult refusal) => Refuse(refusal);
}
