using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Storage.Postgres;

namespace ServiceHall.Postgres.Tests;

/// <summary>
/// Listing stored case ids straight from <c>orleansstorage</c>, for read-model rebuilds: the rows are written by the real
/// ADO.NET grain storage, so the test also pins down how it stores a case's id and state name.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainStateCatalogTests(PostgresFixture postgres) : ContractSilo(postgres)
{
    [SkippableFact]
    public async Task CaseIdsComeInOrdinalOrderPageByPage()
    {
        // Mixed case: ordinal order puts 'B' before 'a', a linguistic collation would not.
        var ids = new[] { "case-a1", "case-B2", "case-a0", "case-Z9", "case-b7", "case-0c", "case-~x" }
            .Concat(Enumerable.Range(0, 3).Select(_ => CaseIds.NewCaseId())).ToList();
        foreach (var id in ids)
        {
            await WriteAsync(CaseStateCatalog.GrainType, id, CaseStateCatalog.StateName);
        }

        var pages = new List<IReadOnlyList<string>>();
        string? after = null;
        while (await Catalog.ListCaseIdsAsync(after, pageSize: 4) is { Count: > 0 } page)
        {
            pages.Add(page);
            after = page[^1];
        }

        Assert.Equal([4, 4, 2], pages.Select(p => p.Count));
        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p));
    }

    [SkippableFact]
    public async Task OnlyThisServicesStoredCasesAreListedNotOtherStatesOrClearedCases()
    {
        var open = CaseIds.NewCaseId();
        var cleared = CaseIds.NewCaseId();
        var elsewhere = CaseIds.NewCaseId();
        await WriteAsync(CaseStateCatalog.GrainType, open, CaseStateCatalog.StateName);
        var tombstone = await WriteAsync(CaseStateCatalog.GrainType, cleared, CaseStateCatalog.StateName);
        await Storage.ClearStateAsync(CaseStateCatalog.StateName, GrainId.Create(CaseStateCatalog.GrainType, cleared), tombstone);
        await WriteAsync("case-index", "cases-gz", "case-index");
        await WriteAsync(CaseStateCatalog.GrainType, CaseIds.NewCaseId(), "case-notes");
        await WriteAsync(CaseStateCatalog.GrainType, elsewhere, CaseStateCatalog.StateName);
        await MoveToServiceAsync(elsewhere, "another-service");

        Assert.Equal([open], await Catalog.ListCaseIdsAsync(null, 100));
        Assert.Empty(await Catalog.ListCaseIdsAsync(open, 100));
        var otherService = new PostgresGrainStateCatalog(
            Options.Create(new PostgresStorageOptions { ConnectionString = ConnectionString }),
            Options.Create(new ClusterOptions { ServiceId = "another-service" }));
        Assert.Equal([elsewhere], await otherService.ListCaseIdsAsync(null, 100));
    }

    private async Task<GrainState<Dictionary<string, string>>> WriteAsync(string grainType, string key, string stateName)
    {
        var state = new GrainState<Dictionary<string, string>> { State = new() { ["id"] = key } };
        await Storage.WriteStateAsync(stateName, GrainId.Create(grainType, key), state);
        return state;
    }

    /// <summary>Another service sharing the database: the row as its silos would have written it.</summary>
    private async Task MoveToServiceAsync(string caseId, string serviceId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE orleansstorage SET serviceid = @other WHERE serviceid = @mine AND grainidextensionstring = @key;", connection);
        command.Parameters.AddWithValue("other", serviceId);
        command.Parameters.AddWithValue("mine", ServiceId);
        command.Parameters.AddWithValue("key", caseId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
