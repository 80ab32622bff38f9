namespace ServiceHall.Workflows.Expressions;

/// <summary>How much one script evaluation may consume before it is stopped and its step becomes an incident.</summary>
/// <remarks>The statement limit stops runaway loops deterministically; the wall-clock limit is the backstop for
/// anything slow that executes few statements. Jint checks memory only between statements, so one built-in call that
/// allocates a huge array or string at once (<c>'x'.repeat(5e8)</c>, <c>new Array(5e8).join()</c>) is bounded by
/// its own limits: array length, string length, and the regex timeout for a single backtracking match.</remarks>
public sealed record ScriptLimits(
    int MaxStatements = 50_000,
    TimeSpan? Timeout = null,
    long MaxMemoryBytes = 16 * 1024 * 1024,
    int MaxRecursionDepth = 64,
    uint MaxArraySize = 100_000,
    int MaxStringLength = 1_000_000,
    TimeSpan? RegexTimeout = null)
{
    public static readonly ScriptLimits Default = new();

    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromMilliseconds(500);

    /// <summary>One regex match may not outlast the whole evaluation's budget (Jint's own default is 10 s).</summary>
    public TimeSpan EffectiveRegexTimeout => RegexTimeout ?? TimeSpan.FromMilliseconds(200);
}
