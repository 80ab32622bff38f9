using Orleans.Runtime;

namespace ServiceHall.Grains.Tests;

public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task InsertGivesETagZeroAndUpdatesAddOne()
    {
        var entry = Entry(GrainId.Create("case", "case-1"), "sla");

        Assert.Equal("0", await _db.Reminders.UpsertRow(entry));
        entry.Period = TimeSpan.FromMinutes(5);
        Assert.Equal("1", await _db.Reminders.UpsertRow(entry));

        var read = await _db.Reminders.ReadRow(entry.GrainId, "sla");
        Assert.NotNull(read);
        Assert.Equal("1", read.ETag);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Equal(entry.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
    }

    [Fact]
    public async Task RemoveNeedsTheCurrentETag()
    {
        var entry = Entry(GrainId.Create("case", "case-2"), "sla");
        var etag = await _db.Reminders.UpsertRow(entry);

        Assert.False(await _db.Reminders.RemoveRow(entry.GrainId, "sla", "41"));
        Assert.True(await _db.Reminders.RemoveRow(entry.GrainId, "sla", etag!));
        Assert.False(await _db.Reminders.RemoveRow(entry.GrainId, "sla", etag!));
        Assert.Null(await _db.Reminders.ReadRow(entry.GrainId, "sla"));
    }

    [Fact]
    public async Task PeriodsBeyondInt32MillisecondsRoundTrip()
    {
        var entry = Entry(GrainId.Create("case", "case-3"), "archive");
        entry.Period = TimeSpan.FromDays(40);
        await _db.Reminders.UpsertRow(entry);

        var read = await _db.Reminders.ReadRow(entry.GrainId, "archive");
        Assert.Equal(TimeSpan.FromDays(40), read!.Period);
    }

    [Fact]
    public async Task ReadRowsForAGrainReturnsOnlyItsReminders()
    {
        var a = GrainId.Create("case", "case-a");
        var b = GrainId.Create("case", "case-b");
        await _db.Reminders.UpsertRow(Entry(a, "one"));
        await _db.Reminders.UpsertRow(Entry(a, "two"));
        await _db.Reminders.UpsertRow(Entry(b, "one"));

        var rows = await _db.Reminders.ReadRows(a);

        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(a, r.GrainId));
    }

    [Fact]
    public async Task RangeReadsMatchTheRingOracleIncludingWrapAndWholeRing()
    {
        var grains = Enumerable.Range(0, 300).Select(i => GrainId.Create("case", $"case-{i:D4}")).ToList();
        foreach (var grain in grains)
        {
            await _db.Reminders.UpsertRow(Entry(grain, "sla"));
        }

        var random = new Random(20261127);
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue), (uint.MaxValue, 0), (0x7FFF_FFFF, 0x8000_0000), (0x8000_0000, 0x7FFF_FFFF), (12345, 12345),
        };
        ranges.AddRange(Enumerable.Range(0, 40).Select(_ => ((uint)random.NextInt64(0, uint.MaxValue + 1L), (uint)random.NextInt64(0, uint.MaxValue + 1L))));

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order().ToList();
            var actual = (await _db.Reminders.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"range ({begin:X8}, {end:X8}]: expected {expected.Count}, got {actual.Count}");
        }
    }

    // (begin, end] on the uint ring; begin >= end wraps, so begin == end is the whole ring.
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Entry(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 27, 9, 30, 0, 123, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };
}
