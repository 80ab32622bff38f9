using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Tests.Support;
using static ServiceHall.Workflows.Tests.Support.FlowchartBuilder;

namespace ServiceHall.Workflows.Tests.Interpreter;

public sealed class BuiltinFlowTests
{
    [Theory]
    [InlineData(5, "big")]
    [InlineData(1, "small")]
    public void DecisionFollowsItsScript(int amount, string expected)
    {
        var definition = new FlowchartBuilder()
            .Variable("Size", "String")
            .Add("start", "Elsa.Start")
            .Add("decide", "Elsa.FlowDecision", new { condition = JavaScript("Boolean", "getInput('amount') > 3") })
            .Add("big", "Elsa.SetVariable", new { variable = new { id = "var-Size" }, value = Literal("Object", "big") })
            .Add("small", "Elsa.SetVariable", new { variable = new { name = "Size" }, value = Literal("Object", "small") })
            .Connect("start", "Done", "decide").Connect("decide", "True", "big").Connect("decide", "False", "small")
            .Build();

        var driver = CaseDriver.Start(definition, new { amount });

        Assert.Equal(expected, driver.State.Variables["Size"]!.GetValue<string>());
        CaseAssertions.FinishedCleanly(driver);
    }

    [Theory]
    [InlineData("True")]
    [InlineData("true")]
    [InlineData(true)]
    [InlineData(1)]
    public void StudioStringLiteralsAndJsonPrimitivesMeanTheSame(object literal)
    {
        var definition = new FlowchartBuilder()
            .Variable("Count", "Int32").Variable("Taken", "String")
            .Add("start", "Elsa.Start")
            .Add("decide", "Elsa.FlowDecision", new { condition = Literal("Boolean", JsonSerializer.SerializeToNode(literal)) })
            .Add("yes", "Elsa.SetVariable", new { variable = new { id = "var-Taken" }, value = Literal("Object", "yes") })
            .Add("count", "Elsa.SetVariable", new { variable = new { id = "var-Count" }, value = Literal("Int32", "42") })
            .Connect("start", "Done", "decide").Connect("decide", "True", "yes").Connect("yes", "Done", "count")
            .Build();

        var driver = CaseDriver.Start(definition);

        Assert.Equal("yes", driver.State.Variables["Taken"]!.GetValue<string>());
        Assert.Equal(42, driver.State.Variables["Count"]!.GetValue<int>());
    }

    [Fact]
    public void ForkRunsBranchesInParallelAndJoinWaitsForAll()
    {
        var definition = new FlowchartBuilder()
            .Add("start", "Elsa.Start")
            .Add("fork", "Elsa.FlowFork", new { branches = Literal("String[]", "[\"Left\",\"Right\"]") })
            .Add("left", "ServiceHall.Acceptance")
            .Add("right", "Elsa.Delay", new { timeSpan = Literal("TimeSpan", "00:10:00") })
            .Add("join", "Elsa.FlowJoin", new { mode = Literal("String", "WaitAll") })
            .Add("end", "Elsa.End")
            .Connect("start", "Done", "fork").Connect("fork", "Left", "left").Connect("fork", "Right", "right")
            .Connect("left", "Accepted", "join").Connect("right", "Done", "join").Connect("join", "Done", "end")
            .Build();
        var driver = CaseDriver.Start(definition);
        Assert.Equal(["left"], driver.OpenActivities);
        var delay = Assert.Single(driver.EffectsOf<ScheduleTimer>());
        Assert.Equal((TimerPurpose.Delay, CaseDriver.Opened.AddMinutes(10)), (delay.Purpose, delay.DueAt));

        driver.Act(ActionNames.Accept, Staff.Clerk());
        Assert.Equal(WorkflowStatus.Running, driver.State.Status);
        Assert.Contains(driver.Last.Journal, e => e.ActivityId == "join" && e.Event == JournalEvent.Suspended);

        driver.FireTimer(TimerPurpose.Delay);
        CaseAssertions.FinishedCleanly(driver);
        Assert.Single(driver.Journal, e => e.ActivityId == "end" && e.Event == JournalEvent.Completed);
    }

    [Fact]
    public void LoopReturnsToAnEarlierStepUntilTheConditionIsMet()
    {
        var definition = new FlowchartBuilder()
            .Variable("Rounds", "Int32", "0")
            .Add("start", "Elsa.Start")
            .Add("accept", "ServiceHall.Acceptance")
            .Add("count", "Elsa.SetVariable", new { variable = new { id = "var-Rounds" }, value = JavaScript("Object", "getVariable('Rounds') + 1") })
            .Add("again", "Elsa.FlowDecision", new { condition = JavaScript("Boolean", "variables.Rounds < 3") })
            .Add("end", "Elsa.End")
            .Connect("start", "Done", "accept").Connect("accept", "Accepted", "count").Connect("count", "Done", "again")
            .Connect("again", "True", "accept").Connect("again", "False", "end")
            .Build();
        var driver = CaseDriver.Start(definition);

        for (var round = 1; round <= 3; round++)
        {
            Assert.Equal(["accept"], driver.OpenActivities);
            driver.Act(ActionNames.Accept, Staff.Clerk());
            Assert.Equal(round, driver.State.Variables["Rounds"]!.GetValue<int>());
        }

        CaseAssertions.FinishedCleanly(driver);
    }

    [Fact]
    public void AnUnconnectedOutcomeEndsThatPath()
    {
        var definition = new FlowchartBuilder()
            .Add("start", "Elsa.Start").Add("accept", "ServiceHall.Acceptance").Add("end", "Elsa.End")
            .Connect("start", "Done", "accept").Connect("accept", "Accepted", "end")
            .Build();
        var driver = CaseDriver.Start(definition);

        driver.Act(ActionNames.Reject, Staff.Clerk(), new { reason = "out of remit" });

        CaseAssertions.FinishedCleanly(driver);
        Assert.DoesNotContain(driver.Journal, e => e.ActivityId == "end");
        Assert.Equal(["Rejected"], driver.Journal.Last(e => e.Event == JournalEvent.Completed).Outcomes);
    }

    [Fact]
    public void EndWithdrawsStepsStillOpenOnOtherPaths()
    {
        var definition = new FlowchartBuilder()
            .Add("start", "Elsa.Start").Add("fork", "Elsa.FlowFork")
            .Add("accept", "ServiceHall.Acceptance").Add("pickup", "ServiceHall.Pickup").Add("end", "Elsa.End")
            .Connect("start", "Done", "fork").Connect("fork", "Done", "accept").Connect("fork", "Done", "pickup")
            .Connect("accept", "Accepted", "end")
            .Build();
        var driver = CaseDriver.Start(definition);
        Assert.Equal(["accept", "pickup"], driver.OpenActivities);
        Assert.Equal(BoardStage.Acceptance, driver.State.Stage);

        driver.Act(ActionNames.Accept, Staff.Clerk());

        CaseAssertions.FinishedCleanly(driver);
        Assert.Contains(driver.Journal, e => e.Event == JournalEvent.StepCancelled && e.ActivityId == "pickup");
    }

    [Fact]
    public void AnAutomaticLoopWithoutAHumanStepIsStoppedAsAnIncident()
    {
        var definition = new FlowchartBuilder()
            .Add("start", "Elsa.Start").Add("spin", "Elsa.FlowDecision", new { condition = Literal("Boolean", "True") })
            .Connect("start", "Done", "spin").Connect("spin", "True", "spin")
            .Build();

        var driver = CaseDriver.Start(definition, interpreter: new WorkflowInterpreter(maxActivationsPerStimulus: 50));

        var incident = Assert.Single(driver.State.Incidents);
        Assert.Equal("spin", incident.ActivityId);
        Assert.Equal(WorkflowStatus.Faulted, driver.State.Status);
        CaseAssertions.JournalIsGapFree(driver.Journal, driver.State);
    }

    [Fact]
    public void RunsAreDeterministicAndStateSurvivesJsonStorage()
    {
        static (string State, string Journal, string Effects) Play(bool storeBetweenStimuli)
        {
            var definition = new FlowchartBuilder()
                .Variable("Stamp", "String").Variable("Dice", "Object")
                .Add("start", "Elsa.Start").Add("accept", "ServiceHall.Acceptance")
                .Add("stamp", "Elsa.SetVariable", new { variable = new { id = "var-Stamp" }, value = JavaScript("Object", "new Date().toISOString()") })
                .Add("dice", "Elsa.SetVariable", new { variable = new { id = "var-Dice" }, value = JavaScript("Object", "[Math.random(), Math.random()]") })
                .Add("formal", "ServiceHall.FormalReview")
                .Connect("start", "Done", "accept").Connect("accept", "Accepted", "stamp").Connect("stamp", "Done", "dice").Connect("dice", "Done", "formal")
                .Build();
            var driver = CaseDriver.Start(definition);
            driver.Act(ActionNames.Accept, Staff.Clerk());
            if (storeBetweenStimuli)
            {
                var stored = JsonSerializer.Deserialize<WorkflowState>(CaseDriver.Snapshot(driver.State), WorkflowJson.Options)!;
                var pass = new ResumeStep(driver.Now.AddMinutes(1), ActionNames.Pass, Staff.Reviewer());
                driver.Apply(pass);
                var fromStorage = driver.Interpreter.Resume(driver.Workflow, stored, pass);
                Assert.Equal(CaseDriver.Snapshot(driver.State), CaseDriver.Snapshot(fromStorage.State));
            }
            else
            {
                driver.Apply(new ResumeStep(driver.Now.AddMinutes(1), ActionNames.Pass, Staff.Reviewer()));
            }

            Assert.Equal(CaseDriver.Opened.AddMinutes(1).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ"), driver.State.Variables["Stamp"]!.GetValue<string>());
            var dice = driver.State.Variables["Dice"]!.AsArray().Select(d => d!.GetValue<double>()).ToList();
            Assert.All(dice, d => Assert.InRange(d, 0, 1));
            Assert.NotEqual(dice[0], dice[1]);
            return (CaseDriver.Snapshot(driver.State), JsonSerializer.Serialize(driver.Journal, WorkflowJson.Options), JsonSerializer.Serialize(driver.Effects, WorkflowJson.Options));
        }

        Assert.Equal(Play(storeBetweenStimuli: false), Play(storeBetweenStimuli: false));
        Assert.Equal(Play(storeBetweenStimuli: false), Play(storeBetweenStimuli: true));
    }

    [Fact]
    public void EffectsSerialiseWithAKindDiscriminator()
    {
        WorkflowEffect effect = new IssueDocument(DocumentKinds.Receipt, new JsonObject { ["n"] = 1 });

        var json = JsonSerializer.Serialize(effect, WorkflowJson.Options);

        Assert.Contains("\"kind\":\"issue-document\"", json);
        Assert.Equal(DocumentKinds.Receipt, Assert.IsType<IssueDocument>(JsonSerializer.Deserialize<WorkflowEffect>(json, WorkflowJson.Options)).DocumentKind);
    }
}
