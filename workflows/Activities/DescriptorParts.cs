using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Activities;

/// <summary>Short constructors for descriptor parts, so each activity's declaration reads as a list.</summary>
internal static class DescriptorParts
{
    public static PortDescriptor Port(string name, string displayName) => new(name, displayName);

    public static InputDescriptor Text(string name, string displayName, string? description = null, float order = 0, string? defaultSyntax = null) => new()
    {
        Name = name, TypeName = "String", DisplayName = displayName, Description = description, Order = order,
        DefaultSyntax = defaultSyntax ?? "Literal",
    };

    public static InputDescriptor Typed(string name, string typeName, string displayName, string? description = null, float order = 0, string uiHint = UiHints.SingleLine, string? defaultSyntax = null) => new()
    {
        Name = name, TypeName = typeName, DisplayName = displayName, Description = description, Order = order,
        UiHint = uiHint, DefaultSyntax = defaultSyntax ?? "Literal",
    };

    public static InputDescriptor Choice(string name, string displayName, IEnumerable<(string Text, string Value)> items, string? description = null, float order = 0) => new()
    {
        Name = name, TypeName = "String", DisplayName = displayName, Description = description, Order = order,
        UiHint = UiHints.Dropdown, DefaultSyntax = "Literal",
        UiSpecifications = new JsonObject
        {
            // The studio looks the list up under the hint's own name; any other key shows an empty list.
            [UiHints.Dropdown] = new JsonObject
            {
                ["selectList"] = new JsonObject
                {
                    ["isFlagsEnum"] = false,
                    ["items"] = new JsonArray(items.Select(item => (JsonNode)new JsonObject { ["text"] = item.Text, ["value"] = item.Value }).ToArray()),
                },
            },
        },
    };

    public static OutputDescriptor Output(string name, string typeName, string displayName, string? description = null) =>
        new(name, typeName, displayName, description);
}
