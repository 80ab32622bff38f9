namespace ServiceHall.Grains.Catalog;

/// <summary>
/// The hall's catalogue of service items (事项), one grain (key <see cref="CatalogGrainKeys.Main"/>), seeded from the
/// shipped data file on first activation; admins edit items through the API.
/// </summary>
[Alias("ServiceHall.Grains.Catalog.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    [Alias("GetItemsAsync")]
    Task<IReadOnlyList<ServiceItem>> GetItemsAsync();

    /// <summary>The item with this code, or null.</summary>
    [Alias("GetItemAsync")]
    Task<ServiceItem?> GetItemAsync(string code);

    /// <summary>Creates or replaces an item; returns it as stored. Throws <see cref="CatalogValidationException"/> naming the field.</summary>
    [Alias("PutItemAsync")]
    Task<ServiceItem> PutItemAsync(ServiceItem item);

    /// <summary>The departments items may name, from the shipped data file, sorted by code.</summary>
    [Alias("GetDepartmentsAsync")]
    Task<IReadOnlyList<Department>> GetDepartmentsAsync();
}

public static class CatalogGrainKeys
{
    public const string Main = "catalog-main";
}
