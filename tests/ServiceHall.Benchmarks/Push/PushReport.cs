using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.Push;

/// <summary>
/// Every (command × client) receipt matched by case id and version. Latencies count measured commands only (not the
/// warm-up); missing, duplicate, unexpected and out-of-order pushes count every command.
/// </summary>
internal sealed class PushReport
{
    /// <summary>Receipt − the silo's commit stamp (the durable write returned), ms.</summary>
    public LatencySamples WriteToReceipt { get; private set; } = new();

    /// <summary>Receipt − the harness sending the command (an upper bound on the above), ms.</summary>
    public LatencySamples SendToReceipt { get; private set; } = new();

    /// <summary>Per command: its last client's receipt − its first client's, ms (the fan-out's own spread).</summary>
    public LatencySamples Spread { get; private set; } = new();

    /// <summary>Per command: the harness's feed observer heard it − commit stamp, ms (the feed grain's hop).</summary>
    public LatencySamples FeedHop { get; private set; } = new();

    /// <summary>Per command: its HTTP answer − its send, ms.</summary>
    public LatencySamples Command { get; private set; } = new();

    public int MeasuredCommands { get; private set; }

    public long Receipts { get; private set; }

    public long Missing { get; private set; }

    public long Duplicates { get; private set; }

    public long Unexpected { get; private set; }

    public long OutOfOrder { get; private set; }

    /// <summary>Measured commands with no commit stamp from the feed (their write-to-receipt is not counted).</summary>
    public int Unstamped { get; private set; }

    public static PushReport Analyse(
        IReadOnlyList<SentCommand> commands, IReadOnlyList<BoardClient> clients,
        IReadOnlyDictionary<(string CaseId, long Version), CommitStamp> stamps)
    {
        var report = new PushReport();
        var index = new Dictionary<(string, long), int>(commands.Count);
        for (var i = 0; i < commands.Count; i++)
        {
            index[(commands[i].CaseId, commands[i].Version)] = i;
        }

        var first = Enumerable.Repeat(long.MaxValue, commands.Count).ToArray();
        var last = new long[commands.Count];
        var heard = new long[commands.Count];
        var writeSamples = new List<LatencySamples>();
        var sendSamples = new List<LatencySamples>();
        foreach (var client in clients)
        {
            var write = new LatencySamples();
            var send = new LatencySamples();
            var latest = new Dictionary<string, long>();
            var seen = new bool[commands.Count];
            foreach (var receipt in client.Receipts)
            {
                report.Receipts++;
                if (latest.TryGetValue(receipt.CaseId, out var previous) && receipt.Version <= previous)
                {
                    report.OutOfOrder++;
                }

                latest[receipt.CaseId] = Math.Max(previous, receipt.Version);
                if (!index.TryGetValue((receipt.CaseId, receipt.Version), out var i))
                {
                    report.Unexpected++;
                    continue;
                }

                if (seen[i])
                {
                    report.Duplicates++;
                    continue;
                }

                seen[i] = true;
                heard[i]++;
                first[i] = Math.Min(first[i], receipt.At);
                last[i] = Math.Max(last[i], receipt.At);
                var command = commands[i];
                if (command.WarmUp)
                {
                    continue;
                }

                send.Record(WallClock.Milliseconds(command.SentAt, receipt.At));
                if (stamps.TryGetValue((command.CaseId, command.Version), out var stamp))
                {
                    write.Record(WallClock.Milliseconds(stamp.CommittedAt, receipt.At));
                }
            }

            writeSamples.Add(write);
            sendSamples.Add(send);
        }

        for (var i = 0; i < commands.Count; i++)
        {
            report.Missing += clients.Count - heard[i];
            var command = commands[i];
            if (command.WarmUp)
            {
                continue;
            }

            report.MeasuredCommands++;
            report.Command.Record(WallClock.Milliseconds(command.SentAt, command.AnsweredAt));
            if (heard[i] > 0)
            {
                report.Spread.Record(WallClock.Milliseconds(first[i], last[i]));
            }

            if (stamps.TryGetValue((command.CaseId, command.Version), out var stamp))
            {
                report.FeedHop.Record(WallClock.Milliseconds(stamp.CommittedAt, stamp.HeardAt));
            }
            else
            {
                report.Unstamped++;
            }
        }

        report.WriteToReceipt = LatencySamples.Merge(writeSamples);
        report.SendToReceipt = LatencySamples.Merge(sendSamples);
        report.Spread = LatencySamples.Merge([report.Spread]);
        report.FeedHop = LatencySamples.Merge([report.FeedHop]);
        report.Command = LatencySamples.Merge([report.Command]);
        return report;
    }
}
