namespace ServiceHall.Grains.Catalog;

/// <summary>Stored as JSON <c>{"items": [...]}</c>, items sorted by code.</summary>
internal sealed record CatalogState
{
    public IReadOnlyList<ServiceItem> Items { get; init; } = [];
}
