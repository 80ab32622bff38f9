using Orleans.Runtime;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Cases;

/// <summary>
/// References to case grains without Orleans resolving <see cref="ICaseGrain"/>'s interface type again on every call:
/// <c>GetGrain&lt;ICaseGrain&gt;(id)</c> reads the interface's attributes by reflection each time in Orleans 10.4
/// (≈1.5 % of the silo's CPU per HTTP command in the issue 20 profile). The grain and interface types are fixed for the
/// process, so they are resolved once, by the same call, and the reference is then built from the id.
/// </summary>
internal static class CaseGrains
{
    // One object, published by a single reference write: readers never see half of it.
    private static ResolvedTypes? _types;

    public static ICaseGrain Case(this IGrainFactory grains, string caseId)
    {
        if (_types is { } types)
        {
            return (ICaseGrain)grains.GetGrain(GrainId.Create(types.Grain, caseId), types.Interface);
        }

        var grain = grains.GetGrain<ICaseGrain>(caseId);

        // A "sys." type is Orleans' placeholder for an interface no silo implements (yet): asked again next time.
        if (grain is GrainReference reference && !reference.GrainId.Type.ToString()!.StartsWith("sys.", StringComparison.Ordinal))
        {
            _types = new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType);
        }

        return grain;
    }

    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);
}
