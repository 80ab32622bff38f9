using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ServiceHall.Grains;

/// <summary>
/// Grain references without Orleans' per-call type lookup. <c>GetGrain&lt;T&gt;(key)</c> resolves the interface's grain
/// interface type from its attributes (reflection) on every call; on the case's path that was most of a live push's
/// CPU (issue 20 profile). Here the grain type and interface type are resolved once per factory (silo or client) and
/// interface, and only the key changes: the reference is the one <c>GetGrain&lt;T&gt;</c> would have built.
/// </summary>
public static class GrainReferenceCache
{
    // Per factory: a process may host several silos (test clusters), each with its own type map and runtime.
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)>> Types = [];

    public static T Reference<T>(this IGrainFactory factory, string key)
        where T : IGrainWithStringKey
    {
        var types = Types.GetValue(factory, static _ => new());
        if (types.TryGetValue(typeof(T), out var known))
        {
            return (T)factory.GetGrain(GrainId.Create(known.Grain, key), known.Interface);
        }

        var grain = factory.GetGrain<T>(key);

        // A "sys." type is Orleans' placeholder for an interface no silo implements yet (a cluster mid-upgrade): looked
        // up again next time rather than remembered.
        if (grain is GrainReference reference && !reference.GrainId.Type.ToString()!.StartsWith("sys.", StringComparison.Ordinal))
        {
            types.TryAdd(typeof(T), (reference.GrainId.Type, reference.InterfaceType));
        }

        return grain;
    }
}
