namespace ServiceHall.Grains.Catalog;

/// <summary>
/// A department that reviews service items. Partner-city counterparts of a Guangzhou department are prefixed with
/// their hall code (<c>qy-market-regulation</c> reviews Qingyuan's side of a cross-city case).
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Catalog.Department")]
public sealed record Department(
    [property: Id(0)] string Code,
    [property: Id(1)] string NameZh,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string City);
