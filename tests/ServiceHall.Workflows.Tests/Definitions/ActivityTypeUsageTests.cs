using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Definitions;

public sealed class ActivityTypeUsageTests
{
    [Fact]
    public void TypesAndVersionsWithoutADescriptorAreFoundWithThePortsTheirConnectionsUse()
    {
        var definition = new FlowchartBuilder()
            .Add("start", "Elsa.Start").Add("write", "Elsa.WriteLine").Add("accept", "ServiceHall.Acceptance").Add("end", "Elsa.End")
            .Connect("start", "Done", "write").Connect("write", "Done", "accept").Connect("accept", "Rejected", "end")
            .Build();
        definition.Root!.Activities!.Single(a => a.Id == "accept").Version = 2;

        var unknown = ActivityTypeUsage.Unknown(definition, ActivityRegistry.Default);

        Assert.Equal(
            [("Elsa.WriteLine", 1, "Done"), ("ServiceHall.Acceptance", 2, "Rejected")],
            unknown.Select(u => (u.Type, u.Version, string.Join(",", u.Ports))));
    }

    [Fact]
    public void OnlyUnknownActivitiesMissingFromTheNewGraphCountAsDropped()
    {
        var stored = new FlowchartBuilder().Add("start", "Elsa.Start").Add("write", "Elsa.WriteLine").Add("end", "Elsa.End").Build();
        var withoutEnd = new FlowchartBuilder().Add("start", "Elsa.Start").Add("write", "Elsa.WriteLine").Build();
        var withoutWrite = new FlowchartBuilder().Add("start", "Elsa.Start").Add("end", "Elsa.End").Build();

        Assert.Empty(ActivityTypeUsage.DroppedUnknown(stored, withoutEnd, ActivityRegistry.Default));
        Assert.Equal(["write"], ActivityTypeUsage.DroppedUnknown(stored, withoutWrite, ActivityRegistry.Default).Select(a => a.Id));
    }
}
