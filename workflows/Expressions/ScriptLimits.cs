namespace ServiceHall.Workflows.Expressions;

/// <summary>How much one script evaluation may consume before it is stopped and its step becomes an incident.</summary>
/// <remarks>The statement limit stops runaway loops deterministically; the wall-clock limit is the backstop for
/// anything slow that executes few statements.</remarks>
public sealed record ScriptLimits(
    int MaxStatements = 50_000,
    TimeSpan? Timeout = null,
    long MaxMemoryBytes = 16 * 1024 * 1024,
    int MaxRecursionDepth = 64)
{
    public static readonly ScriptLimits Default = new();

    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromMilliseconds(500);
}
