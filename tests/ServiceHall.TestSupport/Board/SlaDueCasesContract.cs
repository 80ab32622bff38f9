using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Sla;
using Xunit;

namespace ServiceHall.TestSupport.Board;

/// <summary>
/// What the SLA sweep reads, on either engine: the rows whose wake time has come, oldest first, in pages that go on
/// after the last (wake, case) without repeating or skipping one; rows with no wake time or one still ahead never.
/// </summary>
public static class SlaDueCasesContract
{
    public static async Task DueRowsComeOldestFirstInPagesAsync(ICaseRowsDatabase rows)
    {
        var now = CaseRowSamples.Start.AddDays(3);
        var wakes = new (string Id, DateTimeOffset? WakeAt)[]
        {
            ("due-b", now.AddHours(-1)), ("due-a", now.AddHours(-2)), ("due-c", now.AddHours(-1)), ("due-now", now),
            ("later", now.AddTicks(1)), ("no-wake", null),
        };
        foreach (var (id, wakeAt) in wakes)
        {
            Assert.True(await rows.UpsertSummaryAsync(CaseRowSamples.Row(id) with { SlaWakeAt = wakeAt }));
        }

        var first = await SlaDueCases.ReadAsync(rows, now, null, 2);
        var second = await SlaDueCases.ReadAsync(rows, now, first[^1], 2);
        var third = await SlaDueCases.ReadAsync(rows, now, second[^1], 2);

        Assert.Equal(["due-a", "due-b"], first.Select(d => d.CaseId));
        Assert.Equal(["due-c", "due-now"], second.Select(d => d.CaseId));
        Assert.Empty(third);
        Assert.Equal(now.AddHours(-2).UtcTicks, first[0].WakeAt);

        // A case that moved on (its next write carries its next threshold, or none once closed) is no longer due.
        Assert.True(await rows.UpsertSummaryAsync(CaseRowSamples.Row("due-a", version: 2) with { SlaWakeAt = now.AddDays(1) }));
        Assert.True(await rows.UpsertSummaryAsync(CaseRowSamples.Row("due-b", version: 2)));
        Assert.Equal(["due-c", "due-now"], (await SlaDueCases.ReadAsync(rows, now, null, 10)).Select(d => d.CaseId));
    }
}
