using System.Text.Json.Nodes;
using ServiceHall.Workflows.Expressions;

namespace ServiceHall.Workflows.Tests.Expressions;

/// <summary>
/// The engine-free shortcut for one-line scripts must answer exactly what the engine answers, and decline whatever it
/// cannot answer exactly: every script here runs both ways on the same inputs and the answers are compared.
/// </summary>
public sealed class ScriptShortcutTests
{
    private static readonly DateTimeOffset Noon = new(2025, 5, 6, 12, 0, 0, TimeSpan.Zero);

    // Inputs covering what the shipped definitions read: present, missing, empty, null, numbers (whole, fractional,
    // written with a fraction), booleans, objects, arrays, and names JavaScript objects inherit.
    private static readonly string[] Inputs =
    [
        """{}""",
        """{"hall":"tianhe","department":"planning","timeLimitDays":15,"pickupHall":"","deliveryMethod":"ems"}""",
        """{"hall":null,"department":"","timeLimitDays":0,"pickupHall":"yuexiu","certificateForm":"paper"}""",
        """{"timeLimitDays":2.5,"hall":"x","department":["a","b"],"district":{"a":1}}""",
        """{"timeLimitDays":20.0,"hall":true,"department":false,"reviewDepartment":-0}""",
        """{"timeLimitDays":-3,"hall":"引号\"和\\反斜杠\n","department":12345678901234567890}""",
        """{"toString":"own","constructor":null}""",
    ];

    public static TheoryData<string> Scripts() =>
    [
        "getInput('hall') || null",
        "getInput('pickupHall') || getInput('hall') || null",
        "getInput('deliveryMethod') || 'window'",
        "(getInput('timeLimitDays') || 20) + '.00:00:00'",
        "[getInput('department')]",
        "[getInput('reviewDepartment'), 'x', 3, null, true]",
        "getInput('reviewDepartment')",
        "getInput('department') === 'planning'",
        "getInput('department') !== 'planning' && getInput('hall')",
        "!getInput('hall')",
        "getInput('hall') ?? 'none'",
        "getInput('timeLimitDays') + 1",
        "getInput('timeLimitDays') + getInput('timeLimitDays')",
        "getInput('hall') + getInput('department')",
        "getInput('toString') || 'fallback'",
        "getInput('valueOf') || 'fallback'",
        "getInput('constructor')",
        "getVariable('Count') + 1",
        "getVariable('Name') || 'anonymous'",
        "getVariable('Missing')",
        "'literal'",
        "42",
        "1.5",
        "true",
        "null",
    ];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void AnswersExactlyAsTheEngineOrDeclines(string script)
    {
        var sandbox = new JavaScriptSandbox(ScriptLimits.Default);
        var answered = 0;
        foreach (var input in Inputs)
        {
            var engineVariables = Variables();
            var engine = sandbox.EvaluateInEngine(script, Globals(engineVariables, input));
            if (!ScriptShortcut.TryEvaluate(script, Globals(Variables(), input), ScriptLimits.Default.MaxStringLength, out var shortcut))
            {
                continue;
            }

            answered++;
            Assert.Equal(engine?.ToJsonString(), shortcut?.ToJsonString());
            Assert.Equal(engine?.GetValueKind(), shortcut?.GetValueKind());
        }

        // Every script of the shipped definitions' kind is answered for at least the plain inputs.
        if (script.StartsWith("getInput('hall')", StringComparison.Ordinal) || script.StartsWith("[getInput", StringComparison.Ordinal))
        {
            Assert.True(answered >= 2, $"the shortcut answered '{script}' for only {answered} inputs");
        }
    }

    [Fact]
    public void ShippedScriptsSkipTheEngine()
    {
        var globals = Globals(Variables(), Inputs[1]);

        Assert.True(ScriptShortcut.TryEvaluate("(getInput('timeLimitDays') || 20) + '.00:00:00'", globals, 1000, out var limit));
        Assert.Equal("15.00:00:00", limit!.GetValue<string>());
        Assert.True(ScriptShortcut.TryEvaluate("getInput('pickupHall') || getInput('hall') || null", globals, 1000, out var hall));
        Assert.Equal("tianhe", hall!.GetValue<string>());
    }

    [Theory]
    [InlineData("getInput('hall').length")]
    [InlineData("Math.random()")]
    [InlineData("setVariable('Count', 3)")]
    [InlineData("getInput('hall'); getInput('department')")]
    [InlineData("getInput(name)")]
    [InlineData("getInput('x' ==")]
    public void DeclinesScriptsOutsideItsSubset(string script) =>
        Assert.False(ScriptShortcut.TryEvaluate(script, Globals(Variables(), Inputs[1]), 1000, out _));

    [Fact]
    public void DeclinesAConcatenationLongerThanTheStringLimit() =>
        Assert.False(ScriptShortcut.TryEvaluate("getInput('hall') + getInput('hall')", Globals(Variables(), Inputs[1]), 10, out _));

    private static Dictionary<string, JsonNode?> Variables() => new() { ["Count"] = 2, ["Name"] = "", ["Nothing"] = null };

    private static ScriptGlobals Globals(Dictionary<string, JsonNode?> variables, string input) =>
        new(variables, JsonNode.Parse(input)!.AsObject(), Noon, 7);
}
