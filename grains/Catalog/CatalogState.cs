using ServiceHall.Workflows;

namespace ServiceHall.Grains.Catalog;

/// <summary>Stored as JSON <c>{"items": [...], "shippedCodes": [...]}</c>, items sorted by code.</summary>
internal sealed record CatalogState : StoredRecord
{
    public IReadOnlyList<ServiceItem> Items { get; init; } = [];

    /// <summary>
    /// The codes of the shipped items this catalogue has already been given (sorted). A shipped item is added once:
    /// an item a later release ships is added to an existing catalogue, but one already offered is never put back or
    /// overwritten, so an admin's edit stands. Empty in a catalogue stored before this list existed.
    /// </summary>
    public IReadOnlyList<string> ShippedCodes { get; init; } = [];
}
