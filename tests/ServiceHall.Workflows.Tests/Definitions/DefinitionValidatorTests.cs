using System.Text.Json.Nodes;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Definitions;

public sealed class DefinitionValidatorTests
{
    private static readonly WorkflowInterpreter Interpreter = new();

    [Theory]
    [MemberData(nameof(DefinitionJsonTests.ShippedIds), MemberType = typeof(DefinitionJsonTests))]
    public void ShippedDefinitionsAreValid(string definitionId) =>
        Assert.Empty(Interpreter.Validate(ShippedDefinitions.Load(definitionId)));

    [Fact]
    public void EveryProblemIsListedWithItsActivity()
    {
        var definition = new FlowchartBuilder()
            .Add("human", "ServiceHall.Acceptance")
            .Add("mystery", "Acme.Teleport")
            .Add("decide", "Elsa.FlowDecision", new { condition = FlowchartBuilder.JavaScript("Boolean", "getInput('x' ==") })
            .Add("templated", "ServiceHall.Notify", new { message = FlowchartBuilder.Expression("String", "Liquid", "{{ case.number }}") })
            .Add("join", "Elsa.FlowJoin", new { mode = FlowchartBuilder.Literal("String", "WaitAny") })
            .Connect("human", "Accepted", "ghost")
            .Connect("human", "Approved", "decide")
            .Build();

        var errors = Interpreter.Validate(definition);

        Assert.Contains(errors, e => e.ActivityId is null && e.Problem.Contains("no Elsa.Start"));
        Assert.Contains(errors, e => e.ActivityId == "mystery" && e.Problem.Contains("Unknown activity type 'Acme.Teleport'"));
        Assert.Contains(errors, e => e.ActivityId == "human" && e.Problem.Contains("does not exist"));
        Assert.Contains(errors, e => e.ActivityId == "human" && e.Problem.Contains("port 'Approved'"));
        Assert.Contains(errors, e => e.ActivityId == "decide" && e.Problem.Contains("does not compile"));
        Assert.Contains(errors, e => e.ActivityId == "templated" && e.Problem.Contains("'Liquid'"));
        Assert.Contains(errors, e => e.ActivityId == "join" && e.Problem.Contains("WaitAny"));
        Assert.Equal(7, errors.Count);

        var thrown = Assert.Throws<InvalidWorkflowDefinitionException>(() => Interpreter.Prepare(definition));
        Assert.Equal(errors, thrown.Errors);
    }

    [Fact]
    public void DuplicateIdsSecondStartAndConnectionsIntoStartAreErrors()
    {
        var definition = new FlowchartBuilder()
            .Add("start", "Elsa.Start").Add("start2", "Elsa.Start").Add("end", "Elsa.End").Add("end", "Elsa.End")
            .Connect("end", "Done", "start")
            .Build();

        var errors = Interpreter.Validate(definition);

        Assert.Contains(errors, e => e.ActivityId == "end" && e.Problem.Contains("more than one activity"));
        Assert.Contains(errors, e => e.ActivityId == "start2" && e.Problem.Contains("Only one"));
        Assert.Contains(errors, e => e.ActivityId == "start" && e.Problem.Contains("start activity"));
        Assert.Contains(errors, e => e.ActivityId == "end" && e.Problem.Contains("port 'Done'"));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"root": {"id": "r", "type": "Elsa.Sequence"}}""")]
    [InlineData("""{"root": {"id": "r", "type": "Elsa.Flowchart", "activities": [{"type": "Elsa.Start"}, {"id": "x"}, {}]}}""")]
    [InlineData("""{"root": {"id": "r", "type": "Elsa.Flowchart", "activities": [{"id": "f", "type": "Elsa.Flowchart"}], "connections": [{}]}}""")]
    [InlineData("""{"variables": [{"id": "a", "name": "X"}, {"id": "b", "name": "X"}, {}], "root": {"id": "r", "type": "Elsa.Flowchart"}}""")]
    public void MalformedDefinitionsYieldErrorsNotCrashes(string json)
    {
        var definition = WorkflowJson.Parse(json);

        var errors = Interpreter.Validate(definition);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Problem)));
    }

    [Fact]
    public void ValidatingAndPreparingLeaveTheCallersDefinitionAlone()
    {
        var definition = WorkflowJson.Parse(StudioFixtures.CreatedDefinition);
        var before = WorkflowJson.Serialize(definition);

        Interpreter.Validate(definition);

        Assert.Equal(before, WorkflowJson.Serialize(definition));
        Assert.Null(definition.Root!.NodeId);
        _ = JsonNode.Parse(before);
    }
}
