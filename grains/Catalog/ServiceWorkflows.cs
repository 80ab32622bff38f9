using ServiceHall.Workflows.Shipped;

namespace ServiceHall.Grains.Catalog;

/// <summary>
/// Which workflow a case of an item runs on a channel. The instant (即办) workflow is the instant window's promise —
/// accepted, reviewed and issued on the spot — so it runs only on the instant channel: the same item taken at a
/// general window, online or at Nansha runs the standard workflow, and the instant channel always runs the instant one.
/// </summary>
public static class ServiceWorkflows
{
    public static string DefinitionFor(ServiceItem item, string channel) =>
        channel == ServiceChannels.Instant ? ShippedDefinitions.InstantCaseId
        : item.WorkflowDefinitionId == ShippedDefinitions.InstantCaseId ? ShippedDefinitions.StandardCaseId
        : item.WorkflowDefinitionId;
}
