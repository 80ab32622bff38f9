using System.Text.Json.Nodes;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Notifications;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>
/// The save a command produces, without a silo: the head leaves out every growing list and the outbox (and leaves the
/// state it was built from as it was), only new entries are appended, and the outbox difference names exactly the
/// messages queued and the messages confirmed.
/// </summary>
public sealed class CaseRowsBetweenTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheHeadLeavesOutTheGrowingListsAndTheOutboxWithoutTouchingTheState()
    {
        var state = Stored(journal: 3, messages: ["m1", "m2"]);

        var head = JsonNode.Parse(CaseRows.Head(state))!.AsObject();

        Assert.Equal("case-1", (string?)head["id"]);
        Assert.Equal(7, (long?)head["version"]);
        Assert.Empty(head["journal"]!.AsArray());
        Assert.Empty(head["documents"]!.AsArray());
        Assert.Empty(head["outbox"]!.AsArray());
        Assert.Equal(["gz-dept"], head["reviewDepartments"]!.AsArray().Select(d => (string?)d));

        // The state the head was taken from keeps every list it had.
        Assert.Equal(3, state.Journal.Count);
        Assert.Single(state.Documents);
        Assert.Equal(["m1", "m2"], state.Outbox.Select(m => m.Id));
    }

    [Fact]
    public void ASaveAppendsOnlyTheNewEntriesAndNamesTheMessagesQueuedAndConfirmed()
    {
        var persisted = Stored(journal: 2, messages: ["m1", "m2"]);
        var next = persisted.Copy();
        next.Journal.Add(Entry(3));
        next.Outbox.RemoveAll(m => m.Id == "m1");
        next.Outbox.Add(Message("m3"));
        next.Outbox.Add(Message("m4"));

        var write = CaseRows.Between("case-1", persisted, next, revision: 5, outboxPosition: 10, summary: null);

        var journal = Assert.Single(write.Appends);
        Assert.Equal("case_journal", journal.Table);
        Assert.Equal(3, journal.FromSeq);
        Assert.False(journal.Rewrite);
        Assert.Equal(3, (long?)JsonNode.Parse(Assert.Single(journal.Entries))!["sequence"]);
        Assert.Equal([(11L, "m3"), (12L, "m4")], write.OutboxAdded.Select(r => (r.Position, r.MessageId)));
        Assert.Equal(["m1"], write.OutboxRemoved);
        Assert.Equal(6, write.NewRevision);
    }

    [Fact]
    public void ASaveWithNoMessagesOnEitherSideWritesNoOutboxRows()
    {
        var persisted = Stored(journal: 1, messages: []);
        var next = persisted.Copy();
        next.Version++;

        var write = CaseRows.Between("case-1", persisted, next, revision: 1, outboxPosition: 0, summary: null);

        Assert.Empty(write.Appends);
        Assert.Empty(write.OutboxAdded);
        Assert.Empty(write.OutboxRemoved);
    }

    [Fact]
    public void TheFirstSaveOfACaseQueuesAllItsMessagesAndConfirmsNone()
    {
        var next = Stored(journal: 1, messages: ["m1"]);

        var write = CaseRows.Between("case-1", new CaseState(), next, revision: null, outboxPosition: 0, summary: null);

        Assert.Equal([(1L, "m1")], write.OutboxAdded.Select(r => (r.Position, r.MessageId)));
        Assert.Empty(write.OutboxRemoved);
        Assert.Equal(1, Assert.Single(write.Appends, a => a.Table == "case_journal").FromSeq);
    }

    private static CaseState Stored(int journal, IReadOnlyList<string> messages) => new()
    {
        Id = "case-1",
        Number = "GZ-1",
        Version = 7,
        ReviewDepartments = ["gz-dept"],
        Journal = [.. Enumerable.Range(1, journal).Select(i => Entry(i))],
        Documents = [new IssuedDocument("receipt", At, "{}")],
        Outbox = [.. messages.Select(Message)],
    };

    private static CaseJournalEntry Entry(long sequence) => new()
    {
        Sequence = sequence,
        At = At,
        Actor = "clerk",
        Role = "clerk",
        Action = "accept",
        FromStage = "acceptance",
        ToStage = "formal-review",
    };

    private static SmsMessage Message(string id) => new()
    {
        Id = id,
        To = "13800000000",
        Text = "受理",
        CaseId = "case-1",
        Template = "accepted",
        CreatedAt = At,
    };
}
