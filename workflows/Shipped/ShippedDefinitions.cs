using System.Reflection;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Workflows.Shipped;

/// <summary>
/// The definitions ServiceHall ships, seeded on first start and editable in the studio afterwards.
/// </summary>
/// <remarks>
/// Workflow input they read (all optional unless noted): <c>hall</c> (accepting hall; scopes clerk steps),
/// <c>department</c> (reviewing department; required for the standard case), <c>reviewDepartment</c> (the other
/// city's department; required for cross-city), <c>district</c> (key-project coordinator scope),
/// <c>deliveryMethod</c> (<c>window</c> | <c>ems</c> | <c>electronic</c>), <c>timeLimitDays</c>,
/// <c>certificateForm</c> (instant case).
/// </remarks>
public static class ShippedDefinitions
{
    public const string StandardCaseId = "servicehall-standard";
    public const string InstantCaseId = "servicehall-instant";
    public const string KeyProjectCaseId = "servicehall-key-project";
    public const string CrossCityCaseId = "servicehall-cross-city";

    private static readonly Dictionary<string, string> ResourceByDefinitionId = new(StringComparer.Ordinal)
    {
        [StandardCaseId] = "standard-case.json",
        [InstantCaseId] = "instant-case.json",
        [KeyProjectCaseId] = "key-project-case.json",
        [CrossCityCaseId] = "cross-city-case.json",
    };

    public static IReadOnlyList<string> DefinitionIds { get; } = [.. ResourceByDefinitionId.Keys];

    /// <summary>The stored JSON of a shipped definition, exactly as embedded.</summary>
    public static string Json(string definitionId)
    {
        var file = ResourceByDefinitionId.GetValueOrDefault(definitionId)
            ?? throw new KeyNotFoundException($"'{definitionId}' is not a shipped definition.");
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ServiceHall.Workflows.Shipped.{file}")
            ?? throw new InvalidOperationException($"The embedded resource for '{definitionId}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A fresh, caller-owned copy of a shipped definition.</summary>
    public static WorkflowDefinition Load(string definitionId) => WorkflowJson.Parse(Json(definitionId));

    public static IReadOnlyList<WorkflowDefinition> LoadAll() => DefinitionIds.Select(Load).ToList();
}
