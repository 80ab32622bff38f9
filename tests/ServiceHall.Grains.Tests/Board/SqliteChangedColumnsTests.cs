using Microsoft.Data.Sqlite;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Tests.Cases.Storage;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Grains.Tests.Board;

/// <summary>
/// A case's next board row written as an UPDATE of only the columns that changed since the row its copy saved last
/// (issue 20: fewer of the ~20 indexes re-keyed per command) must leave exactly the row, search keys and daily-figure
/// changes the full upsert leaves; when the stored row is not that previous version, the full upsert is written.
/// </summary>
public sealed class SqliteChangedColumnsTests : IDisposable
{
    private readonly SqliteTestDatabase _changed = new();
    private readonly SqliteTestDatabase _full = new();

    public static TheoryData<string> Changes => new() { "stage", "status", "placement", "sla", "nothing" };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task The_changed_columns_update_leaves_the_row_the_full_upsert_leaves(string change)
    {
        var first = CaseRowSamples.Row("c1", version: 1, stage: "acceptance");
        var next = Changed(first, change);

        Assert.True(await WriteAsync(_changed, first, null));
        Assert.True(await WriteAsync(_changed, next, first));
        Assert.True(await WriteAsync(_full, first, null));
        Assert.True(await WriteAsync(_full, next, null));

        Assert.Equal(await RawAsync(_full, "SELECT * FROM case_summary"), await RawAsync(_changed, "SELECT * FROM case_summary"));
        Assert.Equal(
            await RawAsync(_full, "SELECT * FROM case_daily_change ORDER BY id"),
            await RawAsync(_changed, "SELECT * FROM case_daily_change ORDER BY id"));
        Assert.Equal(2L, (await RawAsync(_changed, "SELECT version FROM case_summary")).Single().Single());
    }

    /// <summary>Every field of the row, changed alone: the comparer must notice each (a field it misses would stay stale).</summary>
    [Fact]
    public async Task Each_field_changed_alone_is_written()
    {
        var fields = typeof(CaseSummary).GetProperties().Where(p => p.CanWrite && p.DeclaringType == typeof(CaseSummary)
            && p.Name is not (nameof(CaseSummary.Id) or nameof(CaseSummary.Version))).ToList();
        Assert.True(fields.Count >= 30, $"only {fields.Count} fields found");
        var variants = fields.Select(f => (f.Name, Row: (Func<CaseSummaryRow, CaseSummaryRow>)(row =>
            {
                var summary = row.Summary with { };
                f.SetValue(summary, Other(f.PropertyType, f.GetValue(summary)));
                return row with { Summary = summary };
            })))
            .Append(("TrackingCode", row => row with { TrackingCode = row.TrackingCode + "-2" }))
            .Append(("Organisation", row => row with { Organisation = null }))
            .Append(("SlaWakeAt", row => row with { SlaWakeAt = (row.SlaWakeAt ?? DateTimeOffset.UnixEpoch).AddHours(1) }));

        var n = 0;
        foreach (var (name, change) in variants)
        {
            var id = $"f{n++:D2}";
            var first = CaseRowSamples.Row(id, version: 1, coordinator: "coordinator", district: "nansha", deliveryHall: "panyu");
            var next = change(first with { Summary = first.Summary with { Version = 2 } });
            Assert.NotEqual(0UL, CaseSummaryRows.ChangedColumns(first, next));
            Assert.True(await WriteAsync(_changed, first, null), name);
            Assert.True(await WriteAsync(_changed, next, first), name);
            Assert.True(await WriteAsync(_full, first, null), name);
            Assert.True(await WriteAsync(_full, next, null), name);
        }

        Assert.Equal(
            await RawAsync(_full, "SELECT * FROM case_summary ORDER BY case_id"),
            await RawAsync(_changed, "SELECT * FROM case_summary ORDER BY case_id"));
    }

    private static object? Other(Type type, object? value) => value switch
    {
        string text => text + "-2",
        null when type == typeof(string) => "set",
        null when type == typeof(DateTimeOffset?) => CaseRowSamples.Start.AddDays(3),
        DateTimeOffset at => at.AddMinutes(7),
        int number => number + 1,
        long number => number + 1,
        IReadOnlyList<string> list => list.Append("extra").ToList(),
        _ => throw new Xunit.Sdk.XunitException($"Add a changed value of {type.Name} to this test (a new board field?)."),
    };

    [Fact]
    public async Task Only_the_changed_columns_are_set_when_the_previous_version_is_stored()
    {
        var first = CaseRowSamples.Row("c6", version: 1, stage: "acceptance");
        Assert.True(await WriteAsync(_changed, first, null));
        // A column the next row does not change, altered behind the writer's back: the changed-columns update leaves it.
        await RawAsync(_changed, "UPDATE case_summary SET service_item_name = 'marker' WHERE case_id = 'c6'");

        Assert.True(await WriteAsync(_changed, Changed(first, "stage"), first));

        var row = (await RawAsync(_changed, "SELECT service_item_name, stage, version FROM case_summary")).Single();
        Assert.Equal(["marker", "review", 2L], row);
    }

    [Fact]
    public async Task When_the_stored_row_is_not_the_previous_version_the_full_row_is_written()
    {
        var stored = CaseRowSamples.Row("c2", version: 1, stage: "acceptance", department: "market");
        var believed = CaseRowSamples.Row("c2", version: 2, stage: "review", department: "fire");
        var next = CaseRowSamples.Row("c2", version: 3, stage: "review", department: "fire");

        Assert.True(await WriteAsync(_changed, stored, null));
        // The copy believes version 2 is stored (say a repair wrote another one): only the department differs from the
        // stored row, and the update of the changed columns alone would have missed it.
        Assert.True(await WriteAsync(_changed, next, believed));
        Assert.True(await WriteAsync(_full, next, null));

        Assert.Equal(await RawAsync(_full, "SELECT * FROM case_summary"), await RawAsync(_changed, "SELECT * FROM case_summary"));
    }

    [Fact]
    public async Task An_older_row_changes_nothing_whatever_previous_is_given()
    {
        Assert.True(await WriteAsync(_changed, CaseRowSamples.Row("c3", version: 5, stage: "review"), null));

        Assert.False(await WriteAsync(_changed, CaseRowSamples.Row("c3", version: 4, stage: "acceptance"), CaseRowSamples.Row("c3", version: 3)));
        Assert.False(await WriteAsync(_changed, CaseRowSamples.Row("c3", version: 5, stage: "acceptance"), CaseRowSamples.Row("c3", version: 5)));
        Assert.Equal("review", (await RawAsync(_changed, "SELECT stage FROM case_summary")).Single().Single());
    }

    [Fact]
    public void A_copy_knows_its_previous_row_only_after_a_save_that_created_a_version()
    {
        var stored = new StoredCase();
        stored.Loaded(null);
        var v1 = State(version: 1);
        var first = stored.WriteFor("c4", v1, CaseRowSamples.Row("c4", version: 1));
        Assert.Null(first.PreviousSummary);
        stored.Saved(v1, first);

        var v2 = State(version: 2);
        var second = stored.WriteFor("c4", v2, CaseRowSamples.Row("c4", version: 2));
        Assert.Same(first.Summary, second.PreviousSummary);
        stored.Saved(v2, second);

        // A save at the same version (bookkeeping) does not replace it: the stored row of version 2 is the first one.
        var same = State(version: 2, status: CaseStatuses.Suspended);
        var bookkeeping = stored.WriteFor("c4", same, CaseRowSamples.Row("c4", version: 2, status: CaseStatuses.Suspended));
        stored.Saved(same, bookkeeping);
        Assert.Same(second.Summary, stored.WriteFor("c4", State(version: 3), CaseRowSamples.Row("c4", version: 3)).PreviousSummary);

        // After activation (a reload) nothing is known.
        stored.Loaded(null);
        Assert.Null(stored.WriteFor("c4", State(version: 1), CaseRowSamples.Row("c4", version: 1)).PreviousSummary);
    }

    [Fact]
    public async Task Saves_through_the_case_store_keep_the_board_row_whole()
    {
        var store = new SqliteCaseStore(_changed.Database);
        var stored = new StoredCase();
        stored.Loaded(null);
        var rows = new List<CaseSummaryRow>
        {
            CaseRowSamples.Row("c5", version: 1, stage: "acceptance"),
            CaseRowSamples.Row("c5", version: 2, stage: "review"),
            CaseRowSamples.Row("c5", version: 3, stage: "review", coordinator: "coordinator", district: "nansha"),
            CaseRowSamples.Row("c5", version: 4, stage: "pickup", status: CaseStatuses.Completed, coordinator: "coordinator", district: "nansha"),
        };
        foreach (var row in rows)
        {
            var state = State(row.Summary.Version, row.Summary.Status, "c5");
            var write = stored.WriteFor("c5", state, row);
            await store.SaveAsync(write);
            stored.Saved(state, write);
            Assert.True(await WriteAsync(_full, row, null));
        }

        Assert.Equal(await RawAsync(_full, "SELECT * FROM case_summary"), await RawAsync(_changed, "SELECT * FROM case_summary"));
        Assert.Equal(
            await RawAsync(_full, "SELECT * FROM case_daily_change ORDER BY id"),
            await RawAsync(_changed, "SELECT * FROM case_daily_change ORDER BY id"));
    }

    private static CaseState State(long version, string status = CaseStatuses.Open, string id = "c4") =>
        new() { Id = id, Hall = "tianhe", Status = status, Version = version };

    private static CaseSummaryRow Changed(CaseSummaryRow row, string change)
    {
        var s = row.Summary with { Version = row.Summary.Version + 1, UpdatedAt = row.Summary.UpdatedAt.AddMinutes(3) };
        return row with
        {
            Summary = change switch
            {
                "stage" => s with { Stage = "review" },
                "status" => s with { Status = CaseStatuses.Completed, ClosedAt = s.UpdatedAt, Stage = "done" },
                "placement" => s with { RoutedDepartments = ["planning", "fire"], Coordinator = "coordinator", District = "nansha", DeliveryHall = "panyu" },
                "sla" => s with { SlaState = "breached", DueAt = s.DueAt!.Value.AddDays(-30), AcceptedAt = null },
                _ => s,
            },
        };
    }

    private static async Task<bool> WriteAsync(SqliteTestDatabase file, CaseSummaryRow row, CaseSummaryRow? previous) =>
        await new SqliteCaseRowsDatabase(file.Database).UpsertSummaryAsync(row, previous);

    private static async Task<List<List<object?>>> RawAsync(SqliteTestDatabase file, string sql)
    {
        await using var connection = await file.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<List<object?>>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }

        return rows;
    }

    public void Dispose()
    {
        _changed.Dispose();
        _full.Dispose();
    }
}
