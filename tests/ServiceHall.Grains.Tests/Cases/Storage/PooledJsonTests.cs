using System.Text.Json;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>
/// The pooled JSON a save writes is byte for byte what the serializer's own UTF-8 output is (stored rows do not change
/// with the buffer they were written from), and a released write's JSON can no longer be read.
/// </summary>
public sealed class PooledJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ASavesJsonIsTheSerializersOwnBytes()
    {
        var entry = new CaseJournalEntry
        {
            Sequence = 3,
            At = At,
            Actor = "张三",
            Role = "clerk",
            Action = "accept",
            FromStage = "acceptance",
            ToStage = "formal-review",
            Kind = "accepted",
            Args = new Dictionary<string, string> { ["comment"] = "容缺受理 \"<&>\" \u2028", ["emoji"] = "😀" },
            Steps = [new CaseJournalStep("StepClosed", "受理", ["Accepted"])],
        };
        var state = new CaseState { Id = "case-1", Number = "GZ-1", Version = 7, Hall = "天河", Journal = [entry] };

        var write = CaseRows.Between("case-1", new CaseState(), state, null, 0, null);

        Assert.Equal(CaseRows.Head(state), write.Head.Span.ToArray());
        var journal = Assert.Single(write.Appends, a => a.Table == "case_journal");
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(entry, StableJsonGrainStorageSerializer.Options), Assert.Single(journal.Entries).Span.ToArray());

        // The same again on a thread whose scratch buffer and writer are already in use (reset between documents).
        var again = CaseRows.Between("case-1", new CaseState(), state, null, 0, null);
        Assert.Equal(write.Head.Span.ToArray(), again.Head.Span.ToArray());
    }

    [Fact]
    public void AReleasedWritesJsonIsNoLongerReadable()
    {
        var state = new CaseState { Id = "case-1", Number = "GZ-1", Version = 1 };
        var write = CaseRows.Between("case-1", new CaseState(), state, null, 0, null);

        write.Release();
        write.Release();

        Assert.Throws<ObjectDisposedException>(() => write.Head.Span.ToArray());
    }
}
