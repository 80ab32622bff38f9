namespace ServiceHall.Grains.Catalog;

/// <summary>
/// Brings a stored catalogue up to the shipped one without touching what is stored: the shipped items it was never
/// given (a code neither among its items nor among the shipped codes it has seen) are added; every stored item, an
/// admin's edit included, stays as it is. Departments need no merge: they are always read from the shipped file.
/// </summary>
internal static class ShippedItemsMerge
{
    /// <summary>The catalogue with the missing shipped items, or null when nothing is missing.</summary>
    public static CatalogState? AddMissing(CatalogState stored, IReadOnlyList<ServiceItem> shipped)
    {
        var known = stored.Items.Select(i => i.Code).Concat(stored.ShippedCodes).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = shipped.Where(item => !known.Contains(item.Code)).ToList();
        var shippedCodes = stored.ShippedCodes.Concat(shipped.Select(i => i.Code))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        if (missing.Count == 0 && shippedCodes.Length == stored.ShippedCodes.Count)
        {
            return null;
        }

        return stored with
        {
            Items = [.. stored.Items.Concat(missing).OrderBy(i => i.Code, StringComparer.Ordinal)],
            ShippedCodes = shippedCodes,
        };
    }
}
