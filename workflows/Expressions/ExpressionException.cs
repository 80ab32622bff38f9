namespace ServiceHall.Workflows.Expressions;

/// <summary>An expression could not produce a value: a script failed or was stopped, or a literal does not fit its type.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
