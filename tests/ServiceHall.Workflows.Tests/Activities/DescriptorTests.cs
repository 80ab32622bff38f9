using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Expressions;

namespace ServiceHall.Workflows.Tests.Activities;

public sealed class DescriptorTests
{
    private static readonly IReadOnlyList<ActivityDescriptor> Descriptors = ActivityRegistry.Default.Descriptors;

    [Fact]
    public void EveryShippedTypeHasADescriptor()
    {
        string[] expected =
        [
            "Elsa.Start", "Elsa.End", "Elsa.Flowchart", "Elsa.FlowDecision", "Elsa.FlowFork", "Elsa.FlowJoin", "Elsa.SetVariable", "Elsa.Delay",
            "ServiceHall.Acceptance", "ServiceHall.FormalReview", "ServiceHall.BackOfficeReview", "ServiceHall.CorrectionNotice",
            "ServiceHall.CoordinatorRouting", "ServiceHall.IssueCertificate", "ServiceHall.Pickup", "ServiceHall.Notify", "ServiceHall.SlaTimer",
        ];

        Assert.Equal(expected.Order(), Descriptors.Select(d => d.TypeName).Order());
    }

    [Fact]
    public void ServiceHallActivitiesShareOneToolboxGroup()
    {
        var ours = Descriptors.Where(d => d.TypeName.StartsWith("ServiceHall.", StringComparison.Ordinal)).ToList();

        Assert.Equal(9, ours.Count);
        Assert.All(ours, d =>
        {
            Assert.Equal("Service Hall", d.Category);
            Assert.Equal("ServiceHall", d.Namespace);
            Assert.Equal($"ServiceHall.{d.Name}", d.TypeName);
            Assert.True(d.IsBrowsable);
        });
    }

    [Fact]
    public void DescriptorsCarryWhatTheStudioNeeds()
    {
        Assert.All(Descriptors, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Category));
            Assert.False(string.IsNullOrWhiteSpace(d.DisplayName));
            Assert.Equal(1, d.Version);
            Assert.All(d.Ports, p => Assert.Equal((PortDescriptor.Flow, true), (p.Type, !string.IsNullOrWhiteSpace(p.DisplayName))));
            Assert.All(d.Inputs, i => Assert.True(i.IsBrowsable && !string.IsNullOrWhiteSpace(i.UiHint) && char.IsUpper(i.Name[0])));
        });

        Assert.True(Find("Elsa.Start").IsStart);
        Assert.True(Find("Elsa.End").IsTerminal);
        Assert.Empty(Find("Elsa.End").OutcomeNames);
        Assert.True(Find("Elsa.Flowchart").IsContainer);
        Assert.False(Find("Elsa.Flowchart").IsBrowsable);
        Assert.Equal(["True", "False"], Find("Elsa.FlowDecision").OutcomeNames);
        Assert.Equal([Ports.Done], Find("ServiceHall.Notify").OutcomeNames);
        Assert.Equal(["Accepted", "CorrectionRequested", "Rejected"], Find("ServiceHall.Acceptance").OutcomeNames);
    }

    [Fact]
    public void DescriptorJsonIsInElsasShape()
    {
        var json = JsonSerializer.SerializeToNode(Find("ServiceHall.Pickup"), WorkflowJson.Options)!.AsObject();

        Assert.Equal("ServiceHall.Pickup", json["typeName"]!.GetValue<string>());
        Assert.Equal("Action", json["kind"]!.GetValue<string>());
        var port = json["ports"]![0]!;
        Assert.Equal(("Delivered", "Flow"), (port["name"]!.GetValue<string>(), port["type"]!.GetValue<string>()));
        var method = json["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "Method")!;
        Assert.Equal("dropdown", method["uiHint"]!.GetValue<string>());
        Assert.True(method["isWrapped"]!.GetValue<bool>());
        var items = method["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray();
        Assert.Equal(["window", "ems", "electronic"], items.Select(i => i!["value"]!.GetValue<string>()));
        Assert.IsType<JsonArray>(json["outputs"]);
    }

    [Fact]
    public void ExpressionDescriptorsOfferAScriptLanguage()
    {
        Assert.Contains(ExpressionDescriptors.All, e => e.Type == ExpressionKinds.JavaScript && e.IsBrowsable);
        Assert.Equal(ExpressionKinds.Supported.Order(), ExpressionDescriptors.All.Select(e => e.Type).Order());
    }

    private static ActivityDescriptor Find(string typeName) => ActivityRegistry.Default.FindDescriptor(typeName)!;
}
