namespace ServiceHall.Workflows.Interpreter;

/// <summary>One action a person can take now, as the case detail lists it.</summary>
public sealed record AvailableAction(string Name, string StepId, IReadOnlyList<string> Roles, string Label, BoardStage Stage);
