using System.Data.Common;
using System.Text.Json;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// What the SQLite and PostgreSQL case stores share: retention's queries, written once in SQL both engines accept and
/// run on the provider-neutral <see cref="ICaseRowsDatabase"/> connection (as <see cref="CaseSummaryRows"/> is), and
/// the loop that reads a text column. A store says only which heads are its own (<see cref="CaseHeadScope"/>).
/// </summary>
internal static class CaseStoreSql
{
    /// <summary>
    /// A board row retention may act on: closed (never an open case, whatever its closing time says) before the cutoff
    /// (UTC ticks, parameter <c>@cutoff</c>). Served by the <c>case_summary_closed</c> index.
    /// </summary>
    private const string ClosedBefore = "s.is_open = 0 AND s.closed_at IS NOT NULL AND s.closed_at < @cutoff";

    /// <summary>Ids of the store's closed cases closed before <paramref name="cutoff"/>, oldest first, at most <paramref name="take"/>.</summary>
    public static async Task<IReadOnlyList<string>> ClosedBeforeAsync(
        ICaseRowsDatabase database, CaseHeadScope scope, DateTimeOffset cutoff, int take, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, scope, $"""
            SELECT s.case_id FROM case_summary s
             WHERE {ClosedBefore}
               AND EXISTS (SELECT 1 FROM case_head h WHERE {scope.Condition}h.case_id = s.case_id)
             ORDER BY s.closed_at, s.case_id LIMIT @take;
            """);
        CaseSummaryRows.Add(command, "cutoff", cutoff.UtcTicks);
        CaseSummaryRows.Add(command, "take", take);
        return await ReadTextAsync(command, cancellationToken);
    }

    /// <summary>Whether the case's board row still says closed before <paramref name="cutoff"/> (inside the purge's transaction).</summary>
    public static async Task<bool> IsClosedBeforeAsync(
        DbConnection connection, DbTransaction transaction, string caseId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, CaseHeadScope.None,
            $"SELECT count(*) FROM case_summary s WHERE s.case_id = @case AND {ClosedBefore};");
        CaseSummaryRows.Add(command, "case", caseId);
        CaseSummaryRows.Add(command, "cutoff", cutoff.UtcTicks);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    /// <summary>The document-store ids of the case's uploads (inside the purge's transaction).</summary>
    public static async Task<IReadOnlyList<string>> UploadDocumentIdsAsync(
        DbConnection connection, DbTransaction transaction, CaseHeadScope scope, string caseId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, scope, $"SELECT h.entry FROM case_upload h WHERE {scope.Condition}h.case_id = @case;");
        CaseSummaryRows.Add(command, "case", caseId);
        return [.. (await ReadTextAsync(command, cancellationToken)).Select(DocumentId)];
    }

    /// <summary>The first column of every row, as text.</summary>
    public static async Task<List<string>> ReadTextAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The document-store id of a stored <c>case_upload</c> entry.</summary>
    private static string DocumentId(string entry) =>
        JsonSerializer.Deserialize<UploadedMaterial>(entry, StableJsonGrainStorageSerializer.Options)!.DocumentId;

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, CaseHeadScope scope, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (scope.ServiceId is { } service)
        {
            CaseSummaryRows.Add(command, "service", service);
        }

        return command;
    }
}

/// <summary>
/// Which stored cases belong to a store: a condition on the case tables (alias <c>h</c>) ending in <c>AND </c>, and
/// the service id it names as <c>@service</c>. SQLite's file holds one service; PostgreSQL keys its rows by service id.
/// </summary>
internal sealed record CaseHeadScope(string Condition, string? ServiceId)
{
    public static CaseHeadScope None { get; } = new("", null);

    public static CaseHeadScope Service(string serviceId) => new("h.service_id = @service AND ", serviceId);
}
