using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using Xunit;
using static ServiceHall.TestSupport.Board.CaseRowSamples;

namespace ServiceHall.TestSupport.Board;

/// <summary>What the board, search and statistics queries must answer on every engine (SQLite and PostgreSQL).</summary>
public static class CaseRowsQueryContract
{
    public static async Task PagesAreStableAndNeitherRepeatNorSkipARow(ICaseRowsDatabase database)
    {
        // Five pairs opened in the same instant: only the id orders each pair.
        await WriteAsync(database, Enumerable.Range(0, 10).Select(i => Row($"p{i:00}", openedAt: Start.AddMinutes(i / 2))));
        var scope = new HallQuery("tianhe", new CaseQuery());

        var pages = new List<string>();
        for (var skip = 0; skip < 10; skip += 3)
        {
            var page = await CaseRowsQueries.ListAsync(database, new CaseRowsRequest { Scopes = [scope], Skip = skip, Take = 3 });
            Assert.Equal(10, page.Total);
            pages.AddRange(page.Items.Select(i => i.Id));
        }

        Assert.Equal(["p08", "p09", "p06", "p07", "p04", "p05", "p02", "p03", "p00", "p01"], pages);
        var oldest = await CaseRowsQueries.ListAsync(database, new CaseRowsRequest { Scopes = [new HallQuery("TIANHE", new CaseQuery { OldestFirst = true })], Take = 2 });
        Assert.Equal(["p00", "p01"], oldest.Items.Select(i => i.Id));
    }

    public static async Task TotalsAreCountedUpToTheLimitAndThenOnlyBoundedBelow(ICaseRowsDatabase database)
    {
        // One row past the limit in tianhe, exactly the limit in panyu, a few from baiyun delivered to tianhe.
        await WriteInOneTransactionAsync(database, Enumerable.Range(0, CasePage.CountLimit + 1).Select(i => Row($"t{i:00000}", openedAt: Start.AddSeconds(i)))
            .Concat(Enumerable.Range(0, CasePage.CountLimit).Select(i => Row($"p{i:00000}", hall: "panyu", openedAt: Start.AddSeconds(i))))
            .Concat(Enumerable.Range(0, 3).Select(i => Row($"d{i}", hall: "baiyun", deliveryHall: "tianhe", status: CaseStatuses.Completed))));

        var tianhe = await CaseRowsQueries.ListAsync(database, new CaseRowsRequest { Scopes = [new HallQuery("tianhe", new CaseQuery())], Take = 5 });
        Assert.Equal((CasePage.CountLimit, false), (tianhe.Total, tianhe.TotalIsExact));
        Assert.Equal(["t10000", "t09999", "t09998", "t09997", "t09996"], tianhe.Items.Select(i => i.Id));

        var panyu = await CaseRowsQueries.ListAsync(database, new CaseRowsRequest { Scopes = [new HallQuery("panyu", new CaseQuery { Status = CaseStatuses.Open })], Take = 5 });
        Assert.Equal((CasePage.CountLimit, true), (panyu.Total, panyu.TotalIsExact));

        // Scopes below the limit add up exactly, even past it.
        var both = await CaseRowsQueries.ListAsync(database, new CaseRowsRequest
        {
            Scopes = [new HallQuery("panyu", new CaseQuery()), new HallQuery("baiyun", new CaseQuery { DeliveryHall = "tianhe" })],
            Take = 1,
        });
        Assert.Equal((CasePage.CountLimit + 3, true), (both.Total, both.TotalIsExact));
        var narrow = await CaseRowsQueries.ListAsync(database, new CaseRowsRequest { Scopes = [new HallQuery("tianhe", new CaseQuery { Text = "gzt0999" })], Take = 50 });
        Assert.Equal((10, true), (narrow.Total, narrow.TotalIsExact));
    }

    public static async Task ClosedCasesLeaveTheBoardButStaySearchable(ICaseRowsDatabase database)
    {
        await WriteAsync(database, [
            Row("open1", applicant: "李四"),
            Row("done1", status: CaseStatuses.Completed, applicant: "李四光", openedAt: Start.AddDays(-400)),
        ]);

        var board = await ListAsync(database, new HallQuery("tianhe", new CaseQuery { ActiveOnly = true }));
        Assert.Equal(["open1"], board);

        Assert.Equal(["open1", "done1"], await ListAsync(database, new HallQuery("tianhe", new CaseQuery { Text = "李四" })));
        Assert.Equal(["done1"], await ListAsync(database, new HallQuery(null, new CaseQuery { Text = "gzdone" })));
        Assert.Equal(["done1"], await ListAsync(database, new HallQuery(null, new CaseQuery { Text = "trkdone1" })));
        Assert.Equal(["open1", "done1"], await ListAsync(database, new HallQuery(null, new CaseQuery { Text = "广州某某" })));
        Assert.Empty(await ListAsync(database, new HallQuery(null, new CaseQuery { Text = "trkdone" })));
        Assert.Empty(await ListAsync(database, new HallQuery(null, new CaseQuery { Text = "四" })));
    }

    public static async Task ScopesNarrowByHallDeliveryDepartmentAndCoordinator(ICaseRowsDatabase database)
    {
        await WriteAsync(database, [
            Row("th1"),
            Row("py1", hall: "panyu"),
            Row("py2", hall: "panyu", deliveryHall: "tianhe", department: "food_safety"),
            Row("kp1", hall: "panyu", channel: "key-project", coordinator: "coordinator", district: "nansha"),
            Row("kp2", hall: "panyu", channel: "key-project"),
            Row("kp3", hall: "panyu", channel: "key-project", coordinator: "someone", district: "huangpu"),
        ]);

        // A hall's board: its own cases and those delivered to it, one page across both indexes.
        Assert.Equal(["py2", "th1"], (await ListAsync(database,
            new HallQuery("tianhe", new CaseQuery()), new HallQuery(null, new CaseQuery { DeliveryHall = "Tianhe" }))).Order());
        // A clerk of a hall with no cases lists none.
        Assert.Empty(await ListAsync(database, new HallQuery("baiyun", new CaseQuery()), new HallQuery(null, new CaseQuery { DeliveryHall = "baiyun" })));
        // Department codes match whole, and LIKE's wildcards in a code stay literal.
        Assert.Equal(["py2"], await ListAsync(database, new HallQuery(null, new CaseQuery { Department = "FOOD_SAFETY" })));
        Assert.Empty(await ListAsync(database, new HallQuery(null, new CaseQuery { Department = "food%" })));
        Assert.Equal(["kp1", "kp3"], (await ListAsync(database, new HallQuery(null, new CaseQuery { Department = "planning" }))).Order());
        // A coordinator: projects they serve (by name or district) and key projects nobody coordinates yet.
        Assert.Equal(["kp1", "kp2"], (await ListAsync(database, new HallQuery(null, new CaseQuery { ServedBy = "coordinator", ServedDistrict = "other" }))).Order());
        Assert.Equal(["kp2", "kp3"], (await ListAsync(database, new HallQuery(null, new CaseQuery { ServedBy = "nobody", ServedDistrict = "HUANGPU" }))).Order());
    }

    public static async Task StatisticsCountAHallsPeriodInHallDays(ICaseRowsDatabase database)
    {
        // 2026-03-01 16:30 UTC is 2026-03-02 00:30 in the hall: inside a period starting on the 2nd; half an hour earlier is not.
        var first = new DateTimeOffset(2026, 3, 1, 16, 30, 0, TimeSpan.Zero);
        await WriteAsync(database, [
            Row("s1", openedAt: first, status: CaseStatuses.Completed),
            Row("s2", openedAt: first.AddDays(1), channel: "online"),
            Row("s3", openedAt: first.AddDays(1), status: CaseStatuses.Completed, channel: "online"),
            Row("s4", openedAt: first.AddMinutes(-31)),
            Row("s5", openedAt: first, hall: "panyu"),
        ]);

        var figures = await CaseRowsStatistics.ReadAsync(database, "Tianhe", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3));

        Assert.Equal((3, 2), (figures.Opened, figures.Completed));
        Assert.Equal(new Dictionary<string, int> { ["window"] = 1, ["online"] = 2 }, figures.ByChannel);
        Assert.Equal(new Dictionary<string, int> { ["2026-03-02"] = 1, ["2026-03-03"] = 2 }, figures.ByDay);
        Assert.Equal(new Dictionary<string, int> { ["W3"] = 3 }, figures.ByWindow);
        Assert.Equal(new Dictionary<string, int> { [CaseStatuses.Completed] = 2, [CaseStatuses.Open] = 1 }, figures.ByStatus);
        Assert.Equal(180, figures.AverageHandlingMinutes);
        Assert.Equal(180, figures.FastestHandlingMinutes);
        Assert.Equal(new Dictionary<string, double> { ["window"] = 180, ["online"] = 180 }, figures.AverageHandlingMinutesByChannel);
        Assert.Equal(1.0, figures.ReturnRate);
        Assert.Equal(2.0 / 3, figures.OnlineShare, 6);
        Assert.Equal((9, 3, 6), (figures.CopiesSaved, figures.IdCardCopiesWaived, figures.LicenceCopiesWaived));
        Assert.Equal(12, figures.AverageWaitMinutes);

        var none = await CaseRowsStatistics.ReadAsync(database, "tianhe", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        Assert.Equal((0, 0, null), (none.Opened, none.Completed, none.AverageHandlingMinutes));
        Assert.Empty(none.ByDay);
        // An open period (the API's default) runs to the end of time.
        Assert.Equal(4, (await CaseRowsStatistics.ReadAsync(database, "tianhe", DateOnly.MinValue, DateOnly.MaxValue)).Opened);
    }

    private static async Task<IReadOnlyList<string>> ListAsync(ICaseRowsDatabase database, params HallQuery[] scopes) =>
        [.. (await CaseRowsQueries.ListAsync(database, new CaseRowsRequest { Scopes = scopes, Take = 50 })).Items.Select(i => i.Id)];

    private static async Task WriteInOneTransactionAsync(ICaseRowsDatabase database, IEnumerable<CaseSummaryRow> rows)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var row in rows)
        {
            await CaseSummaryRows.UpsertAsync(connection, transaction, row);
        }

        await transaction.CommitAsync();
    }

    private static async Task WriteAsync(ICaseRowsDatabase database, IEnumerable<CaseSummaryRow> rows)
    {
        await using var connection = await database.OpenAsync();
        foreach (var row in rows)
        {
            await CaseSummaryRows.UpsertAsync(connection, null, row);
        }
    }
}
