using ServiceHall.Workflows.Activities;

namespace ServiceHall.Workflows.Definitions;

/// <summary>An activity type and version a definition uses, with the out-ports its connections leave from.</summary>
public sealed record ActivityTypeUse(string Type, int Version, IReadOnlyList<string> Ports);

/// <summary>
/// Finds what a definition uses that the engine has no descriptor for. The studio looks descriptors up by
/// (type, version) and renders an activity without one as nothing at all, so these need placeholders, and a save that
/// loses them is refused rather than taken for a deliberate edit.
/// </summary>
public static class ActivityTypeUsage
{
    /// <summary>Every (type, version) without a descriptor, with the ports its connections use, in a stable order.</summary>
    public static IReadOnlyList<ActivityTypeUse> Unknown(WorkflowDefinition definition, ActivityRegistry registry)
    {
        if (definition.Root is not { } root)
        {
            return [];
        }

        var ports = new Dictionary<(string Type, int Version), SortedSet<string>>();
        foreach (var (activity, connections) in WithConnections(root))
        {
            if (IsKnown(activity, registry))
            {
                continue;
            }

            var used = ports.TryGetValue((activity.Type, activity.Version), out var set) ? set : ports[(activity.Type, activity.Version)] = new(StringComparer.Ordinal);
            foreach (var connection in connections.Where(c => c.Source.Activity == activity.Id))
            {
                used.Add(connection.SourcePort);
            }
        }

        return [.. ports.OrderBy(p => p.Key.Type, StringComparer.Ordinal).ThenBy(p => p.Key.Version)
            .Select(p => new ActivityTypeUse(p.Key.Type, p.Key.Version, [.. p.Value]))];
    }

    /// <summary>Activities of <paramref name="stored"/> the engine has no descriptor for that <paramref name="incoming"/> no longer has.</summary>
    public static IReadOnlyList<ActivityNode> DroppedUnknown(WorkflowDefinition stored, WorkflowDefinition incoming, ActivityRegistry registry)
    {
        var kept = incoming.Root is { } root ? WithConnections(root).Select(a => a.Activity.Id).ToHashSet(StringComparer.Ordinal) : [];
        return stored.Root is { } storedRoot
            ? [.. WithConnections(storedRoot).Select(a => a.Activity).Where(a => !IsKnown(a, registry) && !kept.Contains(a.Id))]
            : [];
    }

    public static bool IsKnown(ActivityNode activity, ActivityRegistry registry) =>
        registry.FindDescriptor(activity.Type) is { } descriptor && descriptor.Version == activity.Version;

    /// <summary>Every activity below <paramref name="container"/> (any depth), with the connections of its flowchart.</summary>
    private static IEnumerable<(ActivityNode Activity, IReadOnlyList<Connection> Connections)> WithConnections(ActivityNode container)
    {
        var connections = (IReadOnlyList<Connection>?)container.Connections ?? [];
        foreach (var child in container.Activities ?? [])
        {
            yield return (child, connections);
            foreach (var nested in WithConnections(child))
            {
                yield return nested;
            }
        }
    }
}
