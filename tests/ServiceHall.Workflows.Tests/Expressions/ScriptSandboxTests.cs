using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Expressions;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Tests.Support;
using static ServiceHall.Workflows.Tests.Support.FlowchartBuilder;

namespace ServiceHall.Workflows.Tests.Expressions;

public sealed class ScriptSandboxTests
{
    private static readonly DateTimeOffset Noon = new(2025, 5, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A clerk step runs beside a decision whose script misbehaves, then a second clerk step follows acceptance.</summary>
    private static WorkflowDefinition BesideAHumanStep(string script) => new FlowchartBuilder()
        .Add("start", "Elsa.Start").Add("fork", "Elsa.FlowFork")
        .Add("accept", "ServiceHall.Acceptance")
        .Add("evil", "Elsa.FlowDecision", new { condition = JavaScript("Boolean", script) })
        .Add("formal", "ServiceHall.FormalReview").Add("end", "Elsa.End")
        .Connect("start", "Done", "fork").Connect("fork", "Done", "accept").Connect("fork", "Done", "evil")
        .Connect("accept", "Accepted", "formal").Connect("formal", "Passed", "end")
        .Build();

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("for (;;) { var x = 1; }")]
    [InlineData("function f() { return f(); } f()")]
    [InlineData("var a = []; while (true) { a.push(new Array(1000).join('x')); }")]
    public void RunawayScriptsAreStoppedAndTheCaseCarriesOn(string script)
    {
        var clock = Stopwatch.StartNew();
        var driver = CaseDriver.Start(BesideAHumanStep(script));
        clock.Stop();

        var incident = Assert.Single(driver.State.Incidents);
        Assert.Equal("evil", incident.ActivityId);
        Assert.Contains("Script stopped", incident.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(WorkflowStatus.Running, driver.State.Status);
        Assert.Equal(["accept"], driver.OpenActivities);

        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Pass, Staff.Reviewer());
        Assert.Equal(WorkflowStatus.Finished, driver.State.Status);
        CaseAssertions.JournalIsGapFree(driver.Journal, driver.State);
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd').length > 0")]
    [InlineData("importNamespace('System.IO').File.Exists('/etc/passwd')")]
    [InlineData("clr.System.Environment.Exit(1)")]
    [InlineData("new Function('return this')() !== null")]
    [InlineData("eval('1') === 1")]
    [InlineData("this.constructor.constructor('return process')()")]
    public void ScriptsCannotReachTheHost(string script)
    {
        var driver = CaseDriver.Start(BesideAHumanStep(script));

        var incident = Assert.Single(driver.State.Incidents);
        Assert.Equal("evil", incident.ActivityId);
        Assert.Equal(["accept"], driver.OpenActivities);
    }

    [Fact]
    public void AFailingScriptAfterAnActionKeepsTheActionAndFaultsTheInstance()
    {
        var definition = new FlowchartBuilder()
            .Add("start", "Elsa.Start").Add("accept", "ServiceHall.Acceptance")
            .Add("evil", "Elsa.FlowDecision", new { condition = JavaScript("Boolean", "while (true) {}") })
            .Connect("start", "Done", "accept").Connect("accept", "Accepted", "evil")
            .Build();
        var driver = CaseDriver.Start(definition);

        var result = driver.Act(ActionNames.Accept, Staff.Clerk());

        Assert.Contains(result.Effects, e => e is IssueDocument { DocumentKind: DocumentKinds.Receipt });
        Assert.Contains(result.Journal, e => e.Event == JournalEvent.Faulted && e.ActivityId == "evil");
        Assert.Equal(WorkflowStatus.Faulted, driver.State.Status);
        Assert.IsType<InstanceNotRunning>(driver.Refused(ActionNames.Accept, Staff.Clerk()));
        var stored = JsonSerializer.Deserialize<WorkflowState>(CaseDriver.Snapshot(driver.State), WorkflowJson.Options)!;
        Assert.Equal(CaseDriver.Snapshot(driver.State), CaseDriver.Snapshot(stored));
    }

    [Fact]
    public void DateAndRandomnessComeFromTheStimulus()
    {
        var sandbox = new JavaScriptSandbox(ScriptLimits.Default);
        JsonNode? Run(string script, uint seed) => sandbox.Evaluate(script, new ScriptGlobals(new JsonObject(), [], Noon, seed));

        Assert.Equal("2025-05-06T12:00:00.000Z", Run("new Date().toISOString()", 1)!.GetValue<string>());
        Assert.Equal(Noon.ToUnixTimeMilliseconds(), Run("Date.now()", 1)!.GetValue<long>());
        Assert.Equal(Run("Math.random()", 7)!.GetValue<double>(), Run("Math.random()", 7)!.GetValue<double>());
        Assert.NotEqual(Run("Math.random()", 7)!.GetValue<double>(), Run("Math.random()", 8)!.GetValue<double>());
    }

    [Fact]
    public void ScriptsReadInputAndReadAndWriteVariables()
    {
        var variables = new JsonObject { ["Count"] = 2 };
        var globals = new ScriptGlobals(variables, new JsonObject { ["department"] = "planning" }, Noon, 1);

        var result = JavaScriptSandbox.Default.Evaluate("setVariable('Count', getVariable('Count') + 1); variables.Seen = input.department; ({ ok: getInput('department') === 'planning' })", globals);

        Assert.True(result!["ok"]!.GetValue<bool>());
        Assert.Equal(3, variables["Count"]!.GetValue<int>());
        Assert.Equal("planning", variables["Seen"]!.GetValue<string>());
    }

    [Fact]
    public void ScriptThatDoesNotCompileIsReported()
    {
        Assert.NotNull(JavaScriptSandbox.CompileError("getInput('x' =="));
        Assert.Null(JavaScriptSandbox.CompileError("getInput('x') == 1"));
    }
}
