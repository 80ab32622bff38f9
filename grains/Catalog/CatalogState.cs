using ServiceHall.Workflows;

namespace ServiceHall.Grains.Catalog;

/// <summary>Stored as JSON <c>{"items": [...]}</c>, items sorted by code.</summary>
internal sealed record CatalogState : StoredRecord
{
    public IReadOnlyList<ServiceItem> Items { get; init; } = [];
}
