using Orleans.Runtime;
using Orleans.Storage;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Storage.Sqlite;

namespace ServiceHall.Grains.Tests;

/// <summary>Listing stored case ids straight from the embedded database, as read-model rebuilds do.</summary>
public sealed class SqliteGrainStateCatalogTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly SqliteGrainStateCatalog _catalog;

    public SqliteGrainStateCatalogTests() => _catalog = new SqliteGrainStateCatalog(_db.Database);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task CaseIdsComeInOrdinalOrderPageByPage()
    {
        var ids = Enumerable.Range(0, 7).Select(_ => CaseIds.NewCaseId()).ToList();
        foreach (var id in ids)
        {
            await WriteAsync(CaseStateCatalog.GrainType, id, CaseStateCatalog.StateName);
        }

        var pages = new List<IReadOnlyList<string>>();
        string? after = null;
        while (await _catalog.ListCaseIdsAsync(after, pageSize: 3) is { Count: > 0 } page)
        {
            pages.Add(page);
            after = page[^1];
        }

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p));
    }

    [Fact]
    public async Task OnlyStoredCasesAreListedNotOtherGrainTypesStateNamesOrClearedCases()
    {
        var open = CaseIds.NewCaseId();
        var cleared = CaseIds.NewCaseId();
        await WriteAsync(CaseStateCatalog.GrainType, open, CaseStateCatalog.StateName);
        var tombstone = await WriteAsync(CaseStateCatalog.GrainType, cleared, CaseStateCatalog.StateName);
        await _db.Storage.ClearStateAsync(CaseStateCatalog.StateName, GrainId.Create(CaseStateCatalog.GrainType, cleared), tombstone);
        // The same state name under grain types that start with "case" and sort just before and after its id range.
        await WriteAsync("case-index", "cases-gz", CaseStateCatalog.StateName);
        await WriteAsync("cases", "case-zzz", CaseStateCatalog.StateName);
        // Another state of a case grain.
        await WriteAsync(CaseStateCatalog.GrainType, CaseIds.NewCaseId(), "case-notes");

        Assert.Equal([open], await _catalog.ListCaseIdsAsync(null, 100));
        Assert.Empty(await _catalog.ListCaseIdsAsync(open, 100));
    }

    private async Task<GrainState<Dictionary<string, string>>> WriteAsync(string grainType, string key, string stateName)
    {
        var state = new GrainState<Dictionary<string, string>> { State = new() { ["id"] = key } };
        await _db.Storage.WriteStateAsync(stateName, GrainId.Create(grainType, key), state);
        return state;
    }
}
