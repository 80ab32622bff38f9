using System.Text.Json;

namespace ServiceHall.Grains.Catalog;

/// <summary>The shipped catalogue (<c>Catalog/Seed/catalog.json</c>): the departments and the items a new catalogue starts with.</summary>
public static class CatalogSeed
{
    private const string ResourceName = "ServiceHall.Grains.Catalog.Seed.catalog.json";

    private static readonly Lazy<SeedFile> File = new(Load);

    /// <summary>Sorted by code.</summary>
    public static IReadOnlyList<Department> Departments => File.Value.Departments;

    /// <summary>Sorted by code, each already validated against the catalogue's rules.</summary>
    public static IReadOnlyList<ServiceItem> Items => File.Value.Items;

    public static IReadOnlySet<string> DepartmentCodes => File.Value.DepartmentCodes;

    private static SeedFile Load()
    {
        using var stream = typeof(CatalogSeed).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing.");
        var raw = JsonSerializer.Deserialize<RawSeed>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"'{ResourceName}' is the JSON literal null.");

        var departments = raw.Departments.OrderBy(d => d.Code, StringComparer.Ordinal).ToArray();
        var codes = departments.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        if (codes.Count != departments.Length)
        {
            throw new InvalidOperationException($"'{ResourceName}' lists a department code twice.");
        }

        // A broken seed must fail the first activation loudly rather than store an item no admin could save.
        var items = raw.Items
            .Select(item => Validated(item, codes))
            .OrderBy(item => item.Code, StringComparer.Ordinal)
            .ToArray();
        var duplicate = items.GroupBy(i => i.Code, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"'{ResourceName}' lists the item code {duplicate.Key} twice.");
        }

        return new SeedFile(departments, items, codes);
    }

    private static ServiceItem Validated(ServiceItem item, IReadOnlySet<string> departments)
    {
        try
        {
            return ServiceItemValidator.Validate(item, departments);
        }
        catch (CatalogValidationException e)
        {
            throw new InvalidOperationException($"Seed item {item.Code}: {e.Field}: {e.Message}", e);
        }
    }

    private sealed record RawSeed(List<Department> Departments, List<ServiceItem> Items);

    private sealed record SeedFile(IReadOnlyList<Department> Departments, IReadOnlyList<ServiceItem> Items, IReadOnlySet<string> DepartmentCodes);
}
