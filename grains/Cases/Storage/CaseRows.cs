using System.Text.Json;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Storage;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// A <see cref="CaseState"/> as rows and back: the head is the state without its lists that only grow (they become one
/// row per entry) and without its outbox (one row per message). Same JSON as the single-row state had, so unknown
/// members survive and old entries (legacy journal lines) read as before.
/// </summary>
internal static class CaseRows
{
    /// <summary>The lists a command only ever appends to, each in its own table keyed by case and position (1-based).</summary>
    public static IReadOnlyList<CaseList> Lists { get; } =
    [
        new CaseList<CaseJournalEntry>("case_journal", s => s.Journal, (s, v) => s.Journal = v),
        // Most of a long case's rows, read only by the trace view: activation counts them instead of loading them.
        new CaseList<JournalEntry>("case_workflow_journal", s => s.WorkflowJournal, (s, v) => s.WorkflowJournal = v,
            new NotLoadedEntries(s => s.WorkflowJournalStored, (s, n) => s.WorkflowJournalStored = n)),
        new CaseList<IssuedDocument>("case_document", s => s.Documents, (s, v) => s.Documents = v),
        new CaseList<UploadedMaterial>("case_upload", s => s.Uploads, (s, v) => s.Uploads = v),
    ];

    /// <summary>The workflow journal's table (its entries are <see cref="JournalEntry"/> JSON).</summary>
    public static CaseList WorkflowJournal => Lists[1];

    private static JsonSerializerOptions Json => StableJsonGrainStorageSerializer.Options;

    /// <summary>
    /// The save that takes storage from <paramref name="persisted"/> (what it holds at <paramref name="revision"/>) to
    /// <paramref name="next"/>: the new head, the entries past the stored ones, the outbox difference.
    /// </summary>
    public static CaseWrite Between(
        string caseId, CaseState persisted, CaseState next, long? revision, long outboxPosition, Board.CaseSummaryRow? summary)
    {
        var appends = new List<ListAppend>(Lists.Count);
        foreach (var list in Lists)
        {
            if (list.Append(persisted, next) is { } append)
            {
                appends.Add(append);
            }
        }

        return new CaseWrite
        {
            CaseId = caseId,
            ExpectedRevision = revision,
            Version = next.Version,
            Status = next.Status,
            Head = PooledHead(next),
            Appends = appends,
            OutboxAdded = OutboxAdded(persisted.Outbox, next.Outbox, outboxPosition),
            OutboxRemoved = OutboxRemoved(persisted.Outbox, next.Outbox),
            Summary = summary,
        };
    }

    // Most saves neither queue nor confirm a message: those build no sets.
    private static IReadOnlyList<StoredOutboxRow> OutboxAdded(List<SmsMessage> stored, List<SmsMessage> next, long outboxPosition)
    {
        if (next.Count == 0)
        {
            return [];
        }

        var known = stored.Count == 0 ? null : stored.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return [.. next.Where(m => known is null || !known.Contains(m.Id))
            .Select((m, i) => new StoredOutboxRow(outboxPosition + 1 + i, m.Id, JsonSerializer.Serialize(m, Json)))];
    }

    private static IReadOnlyList<string> OutboxRemoved(List<SmsMessage> stored, List<SmsMessage> next)
    {
        if (stored.Count == 0)
        {
            return [];
        }

        var kept = next.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return [.. stored.Where(m => !kept.Contains(m.Id)).Select(m => m.Id)];
    }

    /// <summary>The case the rows hold, lists and outbox in their stored order.</summary>
    public static CaseState Read(StoredCaseRows rows)
    {
        var state = JsonSerializer.Deserialize<CaseState>(rows.Head, Json)
            ?? throw new JsonException("A stored case head is the JSON literal null.");
        foreach (var list in Lists)
        {
            if (rows.Lists.TryGetValue(list.Table, out var entries))
            {
                list.Fill(state, entries);
            }
            else
            {
                list.FillNotLoaded(state, rows.NotLoaded?.GetValueOrDefault(list.Table) ?? 0);
            }
        }

        state.Outbox = [.. rows.Outbox.OrderBy(r => r.Position).Select(r => JsonSerializer.Deserialize<SmsMessage>(r.Message, Json)!)];
        return state;
    }

    /// <summary>
    /// The head: everything but the growing lists and the outbox, so its size does not follow the case's history. As
    /// UTF-8, the bytes the stores write: the serializer writes UTF-8 anyway, and a string of it (two bytes a character)
    /// plus SQLite's UTF-8 copy of that string were the largest allocation of a command (issue 20).
    /// </summary>
    public static byte[] Head(CaseState state) => JsonSerializer.SerializeToUtf8Bytes(HeadOnly(state), Json);

    /// <summary>The same bytes in a pooled array, for a save (<see cref="PooledJson"/>).</summary>
    private static PooledJson PooledHead(CaseState state) => PooledJson.Serialize(HeadOnly(state), Json);

    private static CaseState HeadOnly(CaseState state)
    {
        // A shallow clone is enough: only the clone's list references are replaced, nothing is changed in place, and the
        // serializer only reads. Copying every list (as a command's copy does) cost more than writing the head.
        var head = state.ShallowCopy();
        foreach (var list in Lists)
        {
            list.Empty(head);
        }

        head.Outbox = [];
        return head;
    }
}

/// <summary>One growing list of a case and its table.</summary>
internal abstract class CaseList(string table)
{
    public string Table { get; } = table;

    /// <summary>Left in storage at activation (only counted) and read when something asks for it.</summary>
    public abstract bool LoadedOnDemand { get; }

    /// <summary>What to write for this list, or null when nothing was added.</summary>
    public abstract ListAppend? Append(CaseState persisted, CaseState next);

    public abstract void Fill(CaseState state, IReadOnlyList<string> entries);

    /// <summary>None of the list in memory: <paramref name="stored"/> entries wait in storage.</summary>
    public abstract void FillNotLoaded(CaseState state, long stored);

    public abstract void Empty(CaseState state);
}

/// <summary>Where a list loaded on demand keeps the count of its entries that are stored but not in memory.</summary>
internal sealed record NotLoadedEntries(Func<CaseState, long> Get, Action<CaseState, long> Set);

internal sealed class CaseList<T>(
    string table, Func<CaseState, List<T>> items, Action<CaseState, List<T>> set, NotLoadedEntries? notLoaded = null) : CaseList(table)
    where T : class
{
    public override bool LoadedOnDemand => notLoaded is not null;

    public override ListAppend? Append(CaseState persisted, CaseState next)
    {
        var before = items(persisted);
        var after = items(next);

        // Entries left in storage come first; the ones in memory follow them.
        var first = (notLoaded?.Get(persisted) ?? 0) + 1;

        // Commands copy the lists and add at the end, so the stored entries are the very same objects: compare references.
        var unchanged = after.Count >= before.Count;
        for (var i = 0; unchanged && i < before.Count; i++)
        {
            unchanged = ReferenceEquals(before[i], after[i]);
        }

        if (!unchanged)
        {
            return new ListAppend(Table, first, Serialize(after, 0), Rewrite: true);
        }

        return after.Count == before.Count ? null
            : new ListAppend(Table, first + before.Count, Serialize(after, before.Count), Rewrite: false);
    }

    public override void Fill(CaseState state, IReadOnlyList<string> entries)
    {
        set(state, [.. entries.Select(Deserialize)]);
        notLoaded?.Set(state, 0);
    }

    public override void FillNotLoaded(CaseState state, long stored)
    {
        set(state, []);
        notLoaded?.Set(state, stored);
    }

    public override void Empty(CaseState state) => set(state, []);

    public static T Deserialize(string entry) => JsonSerializer.Deserialize<T>(entry, StableJsonGrainStorageSerializer.Options)!;

    /// <summary>The entries from <paramref name="from"/> on, each as its UTF-8 JSON (pooled, as the head; no string of it).</summary>
    private static PooledJson[] Serialize(List<T> items, int from)
    {
        var entries = new PooledJson[items.Count - from];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = PooledJson.Serialize(items[from + i], StableJsonGrainStorageSerializer.Options);
        }

        return entries;
    }
}
