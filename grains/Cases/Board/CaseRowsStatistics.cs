using System.Data.Common;
using System.Globalization;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// A hall's figures over a period, aggregated by the database over the hall's rows by opening time (the
/// <c>hall_key, opened_at</c> index): one pass for the totals, one per breakdown. Durations are summed in milliseconds
/// so a year of a busy hall cannot overflow SQLite's 64-bit sums.
/// </summary>
internal static class CaseRowsStatistics
{
    // Statistics count days as the hall lives them (UTC+8), like case numbers.
    private static readonly long HallOffsetTicks = TimeSpan.FromHours(8).Ticks;

    private const string Completed = $"status = '{CaseStatuses.Completed}' AND closed_at IS NOT NULL";
    private const string HandlingMs = "(closed_at - opened_at) / 10000";

    public static async Task<CaseStatistics> ReadAsync(ICaseRowsDatabase database, string hall, DateOnly from, DateOnly to)
    {
        var period = new Period(
            CaseSummaryRows.Key(hall)!,
            from.ToDateTime(TimeOnly.MinValue).Ticks - HallOffsetTicks,
            // "No end" is DateOnly.MaxValue, which has no next day.
            to == DateOnly.MaxValue ? long.MaxValue : to.AddDays(1).ToDateTime(TimeOnly.MinValue).Ticks - HallOffsetTicks);
        await using var connection = await database.OpenAsync();

        var totals = (await QueryAsync(connection, period, $"""
            SELECT count(*),
                   sum(CASE WHEN {Completed} THEN 1 ELSE 0 END),
                   sum(CASE WHEN {Completed} THEN {HandlingMs} ELSE 0 END),
                   min(CASE WHEN {Completed} THEN {HandlingMs} END),
                   sum(CASE WHEN correction_rounds > 0 THEN 1 ELSE 0 END),
                   sum(CASE WHEN channel = 'online' THEN 1 ELSE 0 END),
                   sum(CASE WHEN sla_state = 'breached' THEN 1 ELSE 0 END),
                   sum(copies_saved), sum(id_card_copies_waived), sum(licence_copies_waived),
                   sum(CASE WHEN appointment_code IS NOT NULL AND accepted_at IS NOT NULL THEN 1 ELSE 0 END),
                   sum(CASE WHEN appointment_code IS NOT NULL AND accepted_at IS NOT NULL THEN (accepted_at - opened_at) / 10000 ELSE 0 END)
            FROM case_summary WHERE [period]
            """, r => Enumerable.Range(0, 12).Select(i => Number(r, i)).ToArray())).Single();
        var byChannel = await QueryAsync(connection, period, $"""
            SELECT channel, count(*), sum(CASE WHEN {Completed} THEN 1 ELSE 0 END), sum(CASE WHEN {Completed} THEN {HandlingMs} ELSE 0 END)
            FROM case_summary WHERE [period] GROUP BY channel
            """, r => (Channel: r.GetString(0), Count: Number(r, 1), Completed: Number(r, 2), HandlingMs: Number(r, 3)));
        var byWindow = await QueryAsync(connection, period,
            "SELECT coalesce(window_code, '-'), count(*) FROM case_summary WHERE [period] GROUP BY coalesce(window_code, '-')",
            r => (r.GetString(0), Number(r, 1)));
        var byDay = await QueryAsync(connection, period,
            $"SELECT (opened_at + {HallOffsetTicks}) / {TimeSpan.TicksPerDay}, count(*) FROM case_summary WHERE [period] GROUP BY (opened_at + {HallOffsetTicks}) / {TimeSpan.TicksPerDay}",
            r => (DateOnly.FromDayNumber((int)Number(r, 0)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(r, 1)));
        var byStatus = await QueryAsync(connection, period,
            "SELECT status, count(*) FROM case_summary WHERE [period] GROUP BY status", r => (r.GetString(0), Number(r, 1)));

        var (opened, completed) = ((int)totals[0], (int)totals[1]);
        return new CaseStatistics
        {
            Opened = opened,
            Completed = completed,
            ByChannel = byChannel.ToDictionary(c => c.Channel, c => (int)c.Count),
            ByWindow = byWindow.ToDictionary(w => w.Item1, w => (int)w.Item2),
            ByDay = byDay.ToDictionary(d => d.Item1, d => (int)d.Item2),
            ByStatus = byStatus.ToDictionary(s => s.Item1, s => (int)s.Item2),
            AverageHandlingMinutes = completed == 0 ? null : Minutes(totals[2]) / completed,
            FastestHandlingMinutes = completed == 0 ? null : Minutes(totals[3]),
            AverageHandlingMinutesByChannel = byChannel.Where(c => c.Completed > 0).ToDictionary(c => c.Channel, c => Minutes(c.HandlingMs) / c.Completed),
            ReturnRate = opened == 0 ? 0 : totals[4] / opened,
            OnlineShare = opened == 0 ? 0 : totals[5] / opened,
            SlaBreaches = (int)totals[6],
            CopiesSaved = (int)totals[7],
            IdCardCopiesWaived = (int)totals[8],
            LicenceCopiesWaived = (int)totals[9],
            AverageWaitMinutes = totals[10] == 0 ? null : Minutes(totals[11]) / totals[10],
        };
    }

    private static double Minutes(double milliseconds) => milliseconds / 60_000;

    // Sums come back as numeric from PostgreSQL and as integers (or NULL over no rows) from SQLite.
    private static double Number(DbDataReader reader, int at) =>
        reader.IsDBNull(at) ? 0 : Convert.ToDouble(reader.GetValue(at), CultureInfo.InvariantCulture);

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, Period period, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        var filter = new CaseRowsFilter(command);
        command.CommandText = sql.Replace("[period]",
            $"hall_key = {filter.Parameter(period.Hall)} AND opened_at >= {filter.Parameter(period.From)} AND opened_at < {filter.Parameter(period.To)}", StringComparison.Ordinal);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private sealed record Period(string Hall, long From, long To);
}
