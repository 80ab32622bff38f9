using Orleans.Runtime;

namespace ServiceHall.Postgres.Tests;

/// <summary>ServiceHall's own SQL behind the real Orleans ADO.NET reminder table (shared/orleans-adonet-contract.md §5).</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReminderContractTests(PostgresFixture postgres) : ContractSilo(postgres)
{
    [SkippableFact]
    public async Task UpsertStartsAtZeroAndRemoveNeedsTheCurrentETag()
    {
        var entry = Entry(GrainId.Create("case", "case-rem-1"), "sla");
        Assert.Equal("0", await Reminders.UpsertRow(entry));
        entry.Period = TimeSpan.FromDays(40);
        Assert.Equal("1", await Reminders.UpsertRow(entry));

        var read = await Reminders.ReadRow(entry.GrainId, "sla");
        Assert.Equal(TimeSpan.FromDays(40), read!.Period);
        Assert.Equal(entry.StartAt, read.StartAt);

        Assert.False(await Reminders.RemoveRow(entry.GrainId, "sla", "0"));
        Assert.True(await Reminders.RemoveRow(entry.GrainId, "sla", "1"));
        Assert.False(await Reminders.RemoveRow(entry.GrainId, "sla", "1"));
        Assert.Null(await Reminders.ReadRow(entry.GrainId, "sla"));
    }

    [SkippableFact]
    public async Task RangeReadsMatchTheRingOracle()
    {
        var grains = Enumerable.Range(0, 200).Select(i => GrainId.Create("case", $"case-ring-{i:D4}")).ToList();
        foreach (var grain in grains)
        {
            await Reminders.UpsertRow(Entry(grain, "sla"));
        }

        var random = new Random(1127);
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue), (uint.MaxValue, 0), (0x7FFF_FFFF, 0x8000_0000), (0x8000_0000, 0x7FFF_FFFF), (777, 777),
        };
        ranges.AddRange(Enumerable.Range(0, 30).Select(_ => ((uint)random.NextInt64(0, uint.MaxValue + 1L), (uint)random.NextInt64(0, uint.MaxValue + 1L))));
        var ours = grains.Select(g => g.ToString()).ToHashSet();

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order().ToList();
            var actual = (await Reminders.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString())
                .Where(ours.Contains).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"range ({begin:X8}, {end:X8}]: expected {expected.Count}, got {actual.Count}");
        }
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Entry(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 27, 1, 2, 3, 456, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };
}
