using System.Data.Common;
using System.Globalization;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// A hall's figures over a period: groups by channel, window, hall day and status (from the daily table, or as a
/// reference from the hall's rows by opening time in one pass), fine enough that every total and breakdown follows. Durations are summed in milliseconds
/// so a year of a busy hall cannot overflow SQLite's 64-bit sums.
/// </summary>
internal static class CaseRowsStatistics
{
    // Statistics count days as the hall lives them (UTC+8), like case numbers.
    private static readonly long HallOffsetTicks = TimeSpan.FromHours(8).Ticks;

    private const string Completed = $"status = '{CaseStatuses.Completed}' AND closed_at IS NOT NULL";
    private const string HandlingMs = "(closed_at - opened_at) / 10000";

    /// <summary>
    /// The figures from the daily table (<see cref="CaseDailyFigures"/>): the changes not yet folded are folded first,
    /// then a year is ≈365 small rows per channel, window and status instead of every case opened in it.
    /// </summary>
    public static async Task<CaseStatistics> ReadAsync(ICaseRowsDatabase database, string hall, DateOnly from, DateOnly to)
    {
        await CaseDailyFigures.FoldAsync(database);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        var filter = new CaseRowsFilter(command);
        command.CommandText = $"""
            SELECT channel, window_code, day, status, {CaseDailyFigures.Figures}
            FROM case_daily
            WHERE hall_key = {filter.Parameter(CaseSummaryRows.Key(hall))} AND day >= {filter.Parameter(from.DayNumber)}
              AND day <= {filter.Parameter(to.DayNumber)} AND opened <> 0
            """;
        var groups = new List<Group>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                groups.Add(ReadGroup(reader));
            }
        }

        return Fold(groups);
    }

    /// <summary>
    /// The same figures computed from every summary row of the period (what <see cref="ReadAsync"/> did before the daily
    /// table): kept as the reference the daily figures are tested against.
    /// </summary>
    public static async Task<CaseStatistics> ReadFromRowsAsync(ICaseRowsDatabase database, string hall, DateOnly from, DateOnly to)
    {
        var period = new Period(
            CaseSummaryRows.Key(hall)!,
            from.ToDateTime(TimeOnly.MinValue).Ticks - HallOffsetTicks,
            // "No end" is DateOnly.MaxValue, which has no next day.
            to == DateOnly.MaxValue ? long.MaxValue : to.AddDays(1).ToDateTime(TimeOnly.MinValue).Ticks - HallOffsetTicks);
        await using var connection = await database.OpenAsync();

        // One pass over the period's rows (a year of a busy hall is hundreds of thousands): the database groups them by
        // everything a breakdown needs, and the totals and breakdowns are folded from those few groups here.
        var groups = await QueryAsync(connection, period, $"""
            SELECT channel, coalesce(window_code, '-'), (opened_at + {HallOffsetTicks}) / {TimeSpan.TicksPerDay}, status,
                   count(*),
                   sum(CASE WHEN {Completed} THEN 1 ELSE 0 END),
                   sum(CASE WHEN {Completed} THEN {HandlingMs} ELSE 0 END),
                   min(CASE WHEN {Completed} THEN {HandlingMs} END),
                   sum(CASE WHEN correction_rounds > 0 THEN 1 ELSE 0 END),
                   sum(CASE WHEN sla_state = 'breached' THEN 1 ELSE 0 END),
                   sum(copies_saved), sum(id_card_copies_waived), sum(licence_copies_waived),
                   sum(CASE WHEN appointment_code IS NOT NULL AND accepted_at IS NOT NULL THEN 1 ELSE 0 END),
                   sum(CASE WHEN appointment_code IS NOT NULL AND accepted_at IS NOT NULL THEN (accepted_at - opened_at) / 10000 ELSE 0 END)
            FROM case_summary WHERE [period]
            GROUP BY channel, coalesce(window_code, '-'), (opened_at + {HallOffsetTicks}) / {TimeSpan.TicksPerDay}, status
            """, ReadGroup);
        return Fold(groups);
    }

    private static Group ReadGroup(DbDataReader r) => new(r.GetString(0), r.GetString(1), (int)Number(r, 2), r.GetString(3),
        [.. Enumerable.Range(4, 11).Select(i => Number(r, i))], r.IsDBNull(7) ? null : Number(r, 7));

    private static CaseStatistics Fold(List<Group> groups)
    {
        double Sum(int figure, Func<Group, bool>? where = null) => groups.Where(where ?? (_ => true)).Sum(g => g.Figures[figure]);
        var byChannel = groups.GroupBy(g => g.Channel).Select(c => (Channel: c.Key, Count: c.Sum(g => g.Figures[Count]),
            Completed: c.Sum(g => g.Figures[CompletedCount]), HandlingMs: c.Sum(g => g.Figures[HandlingSum]))).ToList();
        var (opened, completed) = ((int)Sum(Count), (int)Sum(CompletedCount));
        var fastest = groups.Select(g => g.FastestMs).Where(m => m is not null).Min();
        var (waited, waitMs) = (Sum(Appointments), Sum(WaitSum));
        return new CaseStatistics
        {
            Opened = opened,
            Completed = completed,
            ByChannel = byChannel.ToDictionary(c => c.Channel, c => (int)c.Count),
            ByWindow = groups.GroupBy(g => g.Window).ToDictionary(w => w.Key, w => (int)w.Sum(g => g.Figures[Count])),
            ByDay = groups.GroupBy(g => g.Day).OrderBy(d => d.Key).ToDictionary(
                d => DateOnly.FromDayNumber(d.Key).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d => (int)d.Sum(g => g.Figures[Count])),
            ByStatus = groups.GroupBy(g => g.Status).ToDictionary(s => s.Key, s => (int)s.Sum(g => g.Figures[Count])),
            AverageHandlingMinutes = completed == 0 ? null : Minutes(Sum(HandlingSum)) / completed,
            FastestHandlingMinutes = completed == 0 || fastest is null ? null : Minutes(fastest.Value),
            AverageHandlingMinutesByChannel = byChannel.Where(c => c.Completed > 0).ToDictionary(c => c.Channel, c => Minutes(c.HandlingMs) / c.Completed),
            ReturnRate = opened == 0 ? 0 : Sum(Corrected) / opened,
            OnlineShare = opened == 0 ? 0 : Sum(Count, g => g.Channel == "online") / opened,
            SlaBreaches = (int)Sum(Breached),
            CopiesSaved = (int)Sum(CopiesSaved),
            IdCardCopiesWaived = (int)Sum(IdCardWaived),
            LicenceCopiesWaived = (int)Sum(LicenceWaived),
            AverageWaitMinutes = waited == 0 ? null : Minutes(waitMs) / waited,
        };
    }

    // Positions in a group's figures (columns 4.. of the query).
    private const int Count = 0, CompletedCount = 1, HandlingSum = 2, Corrected = 4, Breached = 5, CopiesSaved = 6, IdCardWaived = 7,
        LicenceWaived = 8, Appointments = 9, WaitSum = 10;

    /// <summary>The figures of the period's cases that share a channel, window, hall day and status.</summary>
    private sealed record Group(string Channel, string Window, int Day, string Status, double[] Figures, double? FastestMs);

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
