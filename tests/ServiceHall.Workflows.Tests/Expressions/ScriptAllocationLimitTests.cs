using System.Diagnostics;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Expressions;

namespace ServiceHall.Workflows.Tests.Expressions;

/// <summary>
/// A designer's script cannot make the silo allocate a gigabyte in one built-in call, nor hold a thread for seconds in
/// one regular expression: Jint checks memory and time only between statements, so these need limits of their own.
/// </summary>
public sealed class ScriptAllocationLimitTests
{
    private static readonly DateTimeOffset Noon = new(2025, 5, 6, 12, 0, 0, TimeSpan.Zero);

    // Far below what any of the scripts would allocate unchecked (0.5–1 GB), far above what a refusal costs.
    private const long AllocationBudget = 64 * 1024 * 1024;

    [Theory]
    [InlineData("'x'.repeat(5e8).length")]
    [InlineData("'ab'.repeat(2.5e8).length")]
    [InlineData("''.padEnd(5e8, 'x').length")]
    [InlineData("'x'.padStart(5e8).length")]
    [InlineData("new Array(5e8).join('x').length")]
    [InlineData("var s = 'x'.repeat(1e6); var a = [s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s]; a.join('').length")]
    [InlineData("new Array(5e8).fill(0).length")]
    [InlineData("var a = []; a.length = 5e8; a.fill(1).length")]
    public void OneCallThatWouldAllocateHundredsOfMegabytesIsStoppedBeforeItAllocates(string script)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var failure = Assert.Throws<ExpressionException>(() => Evaluate(script));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith("Script stopped", failure.Message);
        Assert.True(allocated < AllocationBudget, $"the script allocated {allocated / 1024 / 1024} MB before it was stopped");
    }

    [Fact]
    public void ACatastrophicRegexIsStoppedWithinTheScriptBudgetNotJintsTenSeconds()
    {
        var clock = Stopwatch.StartNew();
        var failure = Assert.Throws<ExpressionException>(() => Evaluate("/^(a+)+$/.test('a'.repeat(40) + '!')"));
        clock.Stop();

        Assert.StartsWith("Script stopped", failure.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the match held the thread for {clock.Elapsed}");
    }

    [Theory]
    [InlineData("'ab'.repeat(3)", "ababab")]
    [InlineData("'7'.padStart(3, '0')", "007")]
    [InlineData("'7'.padEnd(3, '-')", "7--")]
    [InlineData("['a', null, 'b', undefined, 1].join('/')", "a//b//1")]
    [InlineData("[1, 2, 3].join()", "1,2,3")]
    [InlineData("[[1, 2], 3].toString()", "1,2,3")]
    [InlineData("new Array(1000).fill('x').join('').length.toString()", "1000")]
    public void OrdinaryUseOfTheGuardedBuiltInsIsUnchanged(string script, string expected) =>
        Assert.Equal(expected, Evaluate(script)!.GetValue<string>());

    private static JsonNode? Evaluate(string script) =>
        JavaScriptSandbox.Default.Evaluate(script, new ScriptGlobals(new JsonObject(), [], Noon, 7));
}
