using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Catalog;

[GrainType("catalog")]
internal sealed class CatalogGrain(
    [PersistentState("catalog", StorageNames.GrainState)] IPersistentState<CatalogState> state) : Grain, ICatalogGrain
{
    private Dictionary<string, ServiceItem> _byCode = new(StringComparer.OrdinalIgnoreCase);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A catalogue that was never written starts as the shipped one. A stored one keeps its items, admins' edits
        // included, and only gains the shipped items it was never given (those a newer release added).
        if (!state.RecordExists)
        {
            state.State = new CatalogState { Items = CatalogSeed.Items, ShippedCodes = [.. CatalogSeed.Items.Select(i => i.Code)] };
            await state.WriteStateAsync();
        }
        else if (ShippedItemsMerge.AddMissing(state.State, CatalogSeed.Items) is { } merged)
        {
            state.State = merged;
            await state.WriteStateAsync();
        }

        _byCode = Index(state.State.Items);
    }

    Task<IReadOnlyList<ServiceItem>> ICatalogGrain.GetItemsAsync() => Task.FromResult(state.State.Items);

    Task<ServiceItem?> ICatalogGrain.GetItemAsync(string code) =>
        Task.FromResult(code is null ? null : _byCode.GetValueOrDefault(code.Trim()));

    async Task<ServiceItem> ICatalogGrain.PutItemAsync(ServiceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var stored = ServiceItemValidator.Validate(item, CatalogSeed.DepartmentCodes);

        var items = state.State.Items
            .Where(existing => !string.Equals(existing.Code, stored.Code, StringComparison.OrdinalIgnoreCase))
            .Append(stored)
            .OrderBy(existing => existing.Code, StringComparer.Ordinal)
            .ToArray();
        state.State = state.State with { Items = items };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The write may or may not have landed; rereading on the next activation is the only honest state.
            DeactivateOnIdle();
            throw;
        }

        _byCode = Index(items);
        return stored;
    }

    Task<IReadOnlyList<Department>> ICatalogGrain.GetDepartmentsAsync() => Task.FromResult(CatalogSeed.Departments);

    private static Dictionary<string, ServiceItem> Index(IEnumerable<ServiceItem> items) =>
        items.ToDictionary(item => item.Code, StringComparer.OrdinalIgnoreCase);
}
