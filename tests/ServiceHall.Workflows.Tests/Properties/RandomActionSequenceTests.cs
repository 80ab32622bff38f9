using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Properties;

/// <summary>Random but valid sequences of actions and timer firings over every shipped definition.</summary>
public sealed class RandomActionSequenceTests
{
    private static readonly WorkflowInterpreter Interpreter = new();
    private static readonly PreparedWorkflow[] Workflows = [.. ShippedDefinitions.DefinitionIds.Select(id => Interpreter.Prepare(ShippedDefinitions.Load(id)))];
    private static readonly string[] DeliveryMethods = ["window", "ems", "electronic"];
    private static readonly string[] Departments = [Staff.Planning, Staff.Environment, Staff.MarketRegulation];
    private static readonly string[] AllActions =
    [
        ActionNames.Accept, ActionNames.Reject, ActionNames.RequestCorrection, ActionNames.Resubmit, ActionNames.Pass, ActionNames.Approve,
        ActionNames.Deny, ActionNames.Route, ActionNames.IssueCertificate, ActionNames.NotifyPickup, ActionNames.PickedUp, ActionNames.Mailed,
    ];

    [Fact]
    public void ValidSequencesKeepTheInvariants() =>
        Gen.Select(Gen.Int[0, Workflows.Length - 1], Gen.Int[0, DeliveryMethods.Length - 1], Gen.Int[0, 100_000].Array[1, 60])
            .Sample(Play, iter: 150);

    private static void Play(int workflowIndex, int delivery, int[] choices)
    {
        var workflow = Workflows[workflowIndex];
        var now = CaseDriver.Opened;
        var input = new JsonObject
        {
            ["hall"] = Staff.TianheHall, ["department"] = Staff.MarketRegulation, ["reviewDepartment"] = Staff.ShenzhenMarketRegulation,
            ["district"] = Staff.Nansha, ["deliveryMethod"] = DeliveryMethods[delivery],
        };
        var started = Interpreter.Start(workflow, new StartWorkflow(now, input));
        Assert.True(started.Succeeded);
        var state = started.State;
        var journal = new List<JournalEntry>(started.Journal);
        CheckInvariants(workflow, state, journal);

        foreach (var choice in choices)
        {
            if (!state.IsRunning)
            {
                break;
            }

            now = now.AddMinutes(1 + choice % 7);
            if (choice % 11 == 0)
            {
                AssertRefusedWithoutChange(workflow, state, new ResumeStep(now, "teleport", Staff.Clerk()));
                continue;
            }

            var stimulus = NextStimulus(state, choice, ref now);
            var result = Interpreter.Apply(workflow, state, stimulus);
            Assert.True(result.Succeeded, $"{stimulus} was refused: {result.Error?.Message}");
            state = result.State;
            journal.AddRange(result.Journal);
            CheckInvariants(workflow, state, journal);
        }

        if (!state.IsRunning)
        {
            foreach (var action in AllActions)
            {
                AssertRefusedWithoutChange(workflow, state, new ResumeStep(now.AddMinutes(1), action, Staff.Clerk()));
            }

            AssertRefusedWithoutChange(workflow, state, new TimerFired(now.AddDays(100), "t1"));
        }
    }

    private static Stimulus NextStimulus(WorkflowState state, int choice, ref DateTimeOffset now)
    {
        var actions = state.AvailableActions();
        var pick = choice % (actions.Count + state.Timers.Count);
        if (pick >= actions.Count)
        {
            var timer = state.Timers[pick - actions.Count];
            now = timer.DueAt > now ? timer.DueAt : now;
            return new TimerFired(now, timer.Id);
        }

        var available = actions[pick];
        var step = state.OpenSteps.Single(s => s.Id == available.StepId);
        return new ResumeStep(now, available.Name, ActorFor(step, choice), PayloadFor(available.Name, step, choice), step.Id);
    }

    private static Actor ActorFor(OpenStep step, int choice)
    {
        var role = step.Roles[choice % step.Roles.Count];
        return role == Roles.Applicant
            ? Staff.Applicant
            // Staff always carry their role's scope; a step that names none (a correction notice) takes any of it.
            : new Actor(step.AssignedTo ?? $"{role}-user", role,
                new ActorScope(Hall: step.Hall ?? Staff.TianheHall, Department: step.Department ?? Staff.MarketRegulation, District: step.District ?? Staff.Nansha));
    }

    private static JsonObject PayloadFor(string action, OpenStep step, int choice)
    {
        object payload = action switch
        {
            ActionNames.Reject or ActionNames.Deny => new { reason = "does not qualify" },
            ActionNames.RequestCorrection => new { deficiencies = Enumerable.Range(1, 1 + choice % 2).Select(i => new { problem = $"problem {i}" }).ToArray() },
            ActionNames.Resubmit => new { answers = step.Data["deficiencies"]!.AsArray().Select(d => new { deficiencyId = d!["id"]!.GetValue<string>() }).ToArray() },
            ActionNames.Route => new
            {
                groups = Enumerable.Range(0, 1 + choice % 2).Select(g => new
                {
                    parallel = (choice / 2 + g) % 2 == 0,
                    steps = Enumerable.Range(0, 1 + (choice / 4) % 2).Select(s => new { department = Departments[(g + s) % Departments.Length] }).ToArray(),
                }).ToArray(),
            },
            ActionNames.IssueCertificate => new { form = new[] { "paper", "electronic", "both" }[choice % 3] },
            ActionNames.Mailed => new { emsTrackingNo = $"EA{choice}CN" },
            _ => new { },
        };
        return (JsonObject)JsonSerializer.SerializeToNode(payload, WorkflowJson.Options)!;
    }

    private static void CheckInvariants(PreparedWorkflow workflow, WorkflowState state, List<JournalEntry> journal)
    {
        CaseAssertions.JournalIsGapFree(journal, state);
        CaseAssertions.StepsAreUnique(state);
        Assert.Empty(state.Incidents);
        var activityIds = workflow.Definition.Activities.Select(a => a.Id).ToHashSet();
        Assert.All(state.OpenSteps, s => Assert.Contains(s.ActivityId, activityIds));
        Assert.All(state.Timers, t => Assert.Contains(t.ActivityId, activityIds));
        Assert.Equal(BoardStages.Derive(state), state.Stage);

        if (state.Status == WorkflowStatus.Finished)
        {
            Assert.Empty(state.OpenSteps);
            Assert.Empty(state.Timers);
            Assert.Equal(BoardStage.Closed, state.Stage);
        }
        else
        {
            Assert.True(state.OpenSteps.Count > 0 || state.Timers.Any(t => t.Blocking), "a running instance must be waiting for something");
        }

        var stored = JsonSerializer.Deserialize<WorkflowState>(CaseDriver.Snapshot(state), WorkflowJson.Options)!;
        Assert.Equal(CaseDriver.Snapshot(state), CaseDriver.Snapshot(stored));
    }

    private static void AssertRefusedWithoutChange(PreparedWorkflow workflow, WorkflowState state, Stimulus stimulus)
    {
        var before = CaseDriver.Snapshot(state);
        var result = Interpreter.Apply(workflow, state, stimulus);
        Assert.False(result.Succeeded);
        Assert.Same(state, result.State);
        Assert.Empty(result.Journal);
        Assert.Empty(result.Effects);
        Assert.Equal(before, CaseDriver.Snapshot(state));
        if (!state.IsRunning)
        {
            Assert.IsType<InstanceNotRunning>(result.Error);
        }
    }
}
