using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Activities;

/// <summary>An activity type as Elsa Studio's <c>GET /descriptors/activities</c> lists it.</summary>
public sealed record ActivityDescriptor
{
    public required string TypeName { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; } = 1;
    public required string Category { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public string Kind { get; init; } = "Action";
    public bool IsBrowsable { get; init; } = true;
    public bool IsStart { get; init; }
    public bool IsTerminal { get; init; }
    public bool IsContainer { get; init; }
    public JsonObject CustomProperties { get; init; } = [];
    public JsonObject ConstructionProperties { get; init; } = [];
    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];
    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];
    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];

    /// <summary>The out-ports a connection may start from: the flow ports, or the designer's implicit <c>Done</c>.</summary>
    public IReadOnlyList<string> OutcomeNames =>
        IsTerminal ? []
        : Ports.Where(port => port.Type == PortDescriptor.Flow).Select(port => port.Name).DefaultIfEmpty(Definitions.Ports.Done).ToList();

    public InputDescriptor? FindInput(string name) =>
        Inputs.FirstOrDefault(input => string.Equals(input.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>An outcome (<c>Flow</c>) port; without a display name the designer draws it unlabelled.</summary>
public sealed record PortDescriptor(string Name, string DisplayName, string Type = PortDescriptor.Flow, bool IsBrowsable = true)
{
    public const string Flow = "Flow";
}

/// <summary>An input field on the studio's Input tab; the activity JSON stores it under <see cref="PropertyName"/>.</summary>
public sealed record InputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public string UiHint { get; init; } = UiHints.SingleLine;
    public bool IsWrapped { get; init; } = true;
    public bool IsBrowsable { get; init; } = true;
    public float Order { get; init; }
    public string? Category { get; init; }
    public JsonNode? DefaultValue { get; init; }
    public string? DefaultSyntax { get; init; }
    public bool IsReadOnly { get; init; }
    public JsonObject? UiSpecifications { get; init; }

    /// <summary>The camelCased name the value is stored under in activity JSON.</summary>
    public string PropertyName => Naming.CamelCase(Name);
}

public sealed record OutputDescriptor(string Name, string TypeName, string DisplayName, string? Description = null, float Order = 0, bool IsBrowsable = true)
{
    public string PropertyName => Naming.CamelCase(Name);
}

/// <summary>The studio's editor names for inputs (compat notes §4.5).</summary>
public static class UiHints
{
    public const string SingleLine = "singleline";
    public const string MultiLine = "multiline";
    public const string Checkbox = "checkbox";
    public const string Dropdown = "dropdown";
    public const string CodeEditor = "code-editor";
    public const string JsonEditor = "json-editor";
    public const string VariablePicker = "variable-picker";
    public const string DynamicOutcomes = "dynamic-outcomes";
}

internal static class Naming
{
    public static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
