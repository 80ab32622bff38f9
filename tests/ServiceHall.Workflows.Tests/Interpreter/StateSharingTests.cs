using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Activities.ServiceHall;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;
using static ServiceHall.Workflows.Tests.Support.FlowchartBuilder;

namespace ServiceHall.Workflows.Tests.Interpreter;

/// <summary>
/// States share structure (a run forks lists, not JSON): the interpreter never edits a state it is given, so every state
/// it ever returned still reads as it did, whatever later runs, refusals or failures did with their forks.
/// </summary>
public sealed class StateSharingTests
{
    private static readonly DateTimeOffset Due = CaseDriver.Opened.AddDays(5);

    [Fact]
    public void EveryStateOfARoutedReviewStaysAsItWasReturned()
    {
        var driver = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall, district = Staff.Nansha });
        var seen = new List<(WorkflowState State, string Json)>();
        void Keep() => seen.Add((driver.State, CaseDriver.Snapshot(driver.State)));

        Keep();
        driver.Act(ActionNames.Accept, Staff.Clerk());
        Keep();
        driver.Act(ActionNames.Route, Staff.Coordinator(), new
        {
            groups = new object[]
            {
                new { parallel = true, steps = new object[] { new { department = Staff.Planning, dueAt = Due.ToString("O") }, new { department = Staff.Environment, dueAt = Due.ToString("O") } } },
            },
        });
        Keep();
        var planning = Assert.Single(driver.State.OpenSteps, s => s.Department == Staff.Planning);
        Steer(driver, BackOfficeReviewActivity.Reassign, new { stepId = planning.Id, reviewer = "planner-b" });
        Keep();
        Steer(driver, BackOfficeReviewActivity.AddDepartment, new { department = Staff.MarketRegulation, newGroup = true });
        Keep();
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning, "planner-b"));
        Keep();
        var shifted = ReviewProgress.ShiftDueDates(driver.State, due => due.AddDays(2));
        Keep();
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Environment));
        Keep();
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.MarketRegulation));
        Keep();

        Assert.All(seen, kept => Assert.Equal(kept.Json, CaseDriver.Snapshot(kept.State)));
        Assert.NotEqual(CaseDriver.Snapshot(shifted), seen[5].Json);
        Assert.Equal(["approved", "approved", "approved"], ReviewProgress.Describe(driver.State).Select(s => s.State));
    }

    [Fact]
    public void AChangeRefusedAfterTheRunCopiedThePlanLeavesTheGivenStateAsItWas()
    {
        var driver = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall, district = Staff.Nansha });
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Route, Staff.Coordinator(), new { groups = new[] { new { parallel = true, steps = new[] { new { department = Staff.Planning } } } } });
        var given = driver.State;
        var before = CaseDriver.Snapshot(given);

        // The steering activity reads (and so copies) its plan before it finds the part missing.
        var refused = driver.Interpreter.Steer(driver.Workflow, given,
            new SteerPlan(driver.Now, BackOfficeReviewActivity.Reassign, Staff.Coordinator(), new JsonObject { ["part"] = "g9s9", ["reviewer"] = "x" }));

        Assert.Equal("part", Assert.IsType<InvalidPayload>(refused.Error).Field);
        Assert.Same(given, refused.State);
        Assert.Equal(before, CaseDriver.Snapshot(given));
    }

    [Fact]
    public void AScriptThatFailsAfterAVariableChangedLeavesTheGivenStateAsItWas()
    {
        var definition = new FlowchartBuilder()
            .Variable("Count", "Object", "1")
            .Add("start", "Elsa.Start").Add("accept", "ServiceHall.Acceptance")
            .Add("bump", "Elsa.SetVariable", new { variable = new { id = "var-Count" }, value = JavaScript("Object", "getVariable('Count') + 1") })
            .Add("fail", "Elsa.FlowDecision", new { condition = JavaScript("Boolean", "setVariable('Count', 99); null.boom") })
            .Connect("start", "Done", "accept").Connect("accept", "Accepted", "bump").Connect("bump", "Done", "fail")
            .Build();
        var driver = CaseDriver.Start(definition);
        var given = driver.State;
        var before = CaseDriver.Snapshot(given);

        var failed = driver.Act(ActionNames.Accept, Staff.Clerk());

        Assert.Single(failed.State.Incidents);
        Assert.Equal(before, CaseDriver.Snapshot(given));
        Assert.Empty(given.Incidents);
    }

    [Fact]
    public void WhatARunWritesReadsAsItWillAfterStorage()
    {
        var driver = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall, district = Staff.Nansha, priority = 2 });
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Route, Staff.Coordinator(), new
        {
            groups = new object[]
            {
                new { parallel = true, steps = new object[] { new { department = Staff.Planning, dueAt = Due.ToString("O") }, new { department = Staff.Environment } } },
                new { parallel = false, steps = new object[] { new { department = Staff.MarketRegulation } } },
            },
        });
        driver.Act(ActionNames.Deny, Staff.Reviewer(Staff.Planning), new { reason = "不符合规划" });
        var state = ReviewProgress.ShiftDueDates(driver.State, due => due.AddDays(1));

        // Stored and loaded, every value is parsed JSON (it answers to every type it can be read as, a number as int
        // and as double); the state in memory must hold the same kind of values, or it would read differently.
        var typed = AllValues(state).Where(v => !v.Value.TryGetValue(out JsonElement _)).Select(v => v.Path).ToList();

        Assert.Empty(typed);
        Assert.NotEmpty(state.ActivityData);
        Assert.Equal(CaseDriver.Snapshot(state),
            CaseDriver.Snapshot(JsonSerializer.Deserialize<WorkflowState>(CaseDriver.Snapshot(state), WorkflowJson.Options)!));
    }

    private static StimulusResult Steer(CaseDriver driver, string change, object payload)
    {
        var result = driver.Apply(new SteerPlan(driver.Now, change, Staff.Coordinator(), CaseDriver.ToObject(payload)));
        Assert.True(result.Succeeded, result.Error?.Message);
        return result;
    }

    private static IEnumerable<(string Path, JsonValue Value)> AllValues(WorkflowState state)
    {
        var roots = new List<(string, JsonNode?)> { ("input", state.Input) };
        roots.AddRange(state.Variables.Select(v => ($"variables.{v.Key}", v.Value)));
        roots.AddRange(state.ActivityData.Select(d => ($"activityData.{d.Key}", (JsonNode?)d.Value)));
        roots.AddRange(state.OpenSteps.Select(s => ($"openSteps.{s.Id}.data", (JsonNode?)s.Data)));
        return roots.SelectMany(root => Values(root.Item1, root.Item2));
    }

    private static IEnumerable<(string Path, JsonValue Value)> Values(string path, JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Values($"{path}.{p.Key}", p.Value)),
        JsonArray items => items.SelectMany((item, i) => Values($"{path}[{i}]", item)),
        JsonValue value => [(path, value)],
        _ => [],
    };
}
