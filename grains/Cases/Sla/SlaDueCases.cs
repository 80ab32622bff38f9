using ServiceHall.Grains.Cases.Board;

namespace ServiceHall.Grains.Cases.Sla;

/// <summary>A case whose clock is due to be looked at, as its board row lists it.</summary>
internal readonly record struct SlaDueCase(long WakeAt, string CaseId);

/// <summary>
/// The open cases whose statutory clock has reached its next threshold, from the <c>sla_wake_at</c> column of their board
/// rows (written with each case, partially indexed on both engines), oldest first and in pages by (wake, case id).
/// </summary>
internal static class SlaDueCases
{
    public static async Task<IReadOnlyList<SlaDueCase>> ReadAsync(
        ICaseRowsDatabase database, DateTimeOffset now, SlaDueCase? after, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        CaseSummaryRows.Add(command, "now", now.UtcTicks);
        CaseSummaryRows.Add(command, "take", take);
        var from = "";
        if (after is { } last)
        {
            CaseSummaryRows.Add(command, "after_wake", last.WakeAt);
            CaseSummaryRows.Add(command, "after_case", last.CaseId);
            from = "AND (sla_wake_at, case_id) > (@after_wake, @after_case)";
        }

        command.CommandText = $"""
            SELECT sla_wake_at, case_id FROM case_summary WHERE sla_wake_at <= @now {from}
            ORDER BY sla_wake_at, case_id LIMIT @take;
            """;
        var due = new List<SlaDueCase>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new SlaDueCase(reader.GetInt64(0), reader.GetString(1)));
        }

        return due;
    }
}
