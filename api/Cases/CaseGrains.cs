using ServiceHall.Grains;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Cases;

/// <summary>
/// Case grain references through <see cref="GrainReferenceCache"/>: <c>GetGrain&lt;ICaseGrain&gt;(id)</c> reads the
/// interface's attributes by reflection on every call in Orleans 10.4 (≈1.5 % of the silo's CPU per HTTP command in the
/// issue 20 profile).
/// </summary>
internal static class CaseGrains
{
    public static ICaseGrain Case(this IGrainFactory grains, string caseId) => grains.Reference<ICaseGrain>(caseId);
}
