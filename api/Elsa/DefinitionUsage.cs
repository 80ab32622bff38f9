using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Which running cases use a definition, read from the cases' summary rows. A case runs the version it was opened on
/// until it finishes, so a version that running cases use must not be deleted under them.
/// </summary>
/// <remarks>
/// A case writes its row right after its commit, so a case opened in the same instant as a delete may not be counted
/// yet; a published version is the only one new cases can be opened on, and deleting it retracts it.
/// </remarks>
public static class DefinitionUsage
{
    private const int Sample = 5;

    /// <summary>How many running cases use the definition (one version of it, when given), and a few of their numbers.</summary>
    public static async Task<(int Count, IReadOnlyList<string> Numbers)> RunningCasesAsync(
        IGrainFactory grains, OrganisationDirectory organisation, string definitionId, int? version)
    {
        var query = new CaseQuery
        {
            DefinitionIds = [definitionId],
            DefinitionVersion = version,
            Statuses = [CaseStatuses.Open, CaseStatuses.Suspended],
        };
        var page = await grains.GetGrain<ICaseBoardGrain>(ICaseBoardGrain.Key)
            .ListAsync(new CaseRowsRequest { Scopes = [new HallQuery(null, query)], Take = Sample });
        return (page.Total, [.. page.Items.Select(c => c.Number)]);
    }

    /// <summary>The sample of case numbers, with "…" when there are more.</summary>
    public static string Numbers(int count, IReadOnlyList<string> numbers) =>
        string.Join(", ", numbers) + (count > numbers.Count ? ", …" : "");

    public static string Describe(int count, IReadOnlyList<string> numbers) =>
        $"{count} running case(s) use it ({string.Join(", ", numbers)}{(count > numbers.Count ? ", …" : "")}); they keep their version until they finish.";
}
