using System.Data.Common;
using System.Globalization;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// A listing over the <c>case_summary</c> rows. Each scope is its own indexed, ordered and limited subquery (a hall's
/// board and the cases delivered to it use different indexes); the database merges them and cuts the page, so only
/// the page travels. Ties in opening time are broken by case id, so pages neither repeat nor skip a row.
/// </summary>
internal static class CaseRowsQueries
{
    public static async Task<CasePage> ListAsync(ICaseRowsDatabase database, CaseRowsRequest request)
    {
        if (request.Scopes.Count == 0 || request.Take <= 0)
        {
            return new CasePage([], 0);
        }

        await using var connection = await database.OpenAsync();
        var items = new List<CaseSummary>(Math.Min(request.Take, 200));
        await using (var command = connection.CreateCommand())
        {
            Page(command, request);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                items.Add(CaseSummaryRows.Read(reader));
            }
        }

        await using (var count = connection.CreateCommand())
        {
            // Each scope counts at most one row past the limit (a LIMITed subquery: an index range stops there), so a hall of
            // 600,000 rows costs what 10,001 cost; past the limit the total is only a lower bound.
            var filter = new CaseRowsFilter(count);
            var limit = filter.Parameter(CasePage.CountLimit + 1);
            count.CommandText = "SELECT " + string.Join(", ", request.Scopes.Select(s =>
                $"(SELECT count(*) FROM (SELECT 1 FROM case_summary WHERE {filter.Where(s)} LIMIT {limit}) AS c)")) + ";";
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            var counts = Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)).ToList();
            return counts.Any(c => c > CasePage.CountLimit)
                ? new CasePage(items, CasePage.CountLimit) { TotalIsExact = false }
                : new CasePage(items, (int)counts.Sum());
        }
    }

    /// <summary>The page's query on <paramref name="command"/> (its plan is checked by tests, not only its rows).</summary>
    internal static void Page(DbCommand command, CaseRowsRequest request)
    {
        var skip = Math.Clamp(request.Skip, 0, CaseRowsRequest.MaxDepth);
        var take = Math.Min(request.Take, CaseRowsRequest.MaxDepth - skip);
        var order = request.Scopes[0].Query.OldestFirst ? "opened_at, case_id" : "opened_at DESC, case_id";
        var filter = new CaseRowsFilter(command);
        var depth = filter.Parameter(skip + take);
        var parts = request.Scopes.Select(scope =>
            $"SELECT * FROM (SELECT {CaseSummaryRows.Columns} FROM case_summary WHERE {filter.Where(scope)} ORDER BY {order} LIMIT {depth}) AS s");
        command.CommandText = $"""
            SELECT * FROM ({string.Join(" UNION ALL ", parts)}) AS u
            ORDER BY {order} LIMIT {filter.Parameter(take)} OFFSET {filter.Parameter(skip)};
            """;
    }
}
