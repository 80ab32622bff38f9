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
    private static (GrainType Grain, GrainInterfaceType Interface)? _types;

    public static ICaseGrain Case(this IGrainFactory grains, string caseId)
    {
        var types = _types ??= Resolve(grains, caseId);
        return (ICaseGrain)grains.GetGrain(GrainId.Create(types.Grain, caseId), types.Interface);
    }

    private static (GrainType, GrainInterfaceType) Resolve(IGrainFactory grains, string caseId)
    {
        var reference = (GrainReference)(object)grains.GetGrain<ICaseGrain>(caseId);
        return (reference.GetGrainId().Type, reference.InterfaceType);
    }
}
