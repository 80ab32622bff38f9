using System.Globalization;
using ServiceHall.Benchmarks.Grain;

namespace ServiceHall.Benchmarks.Peer;

/// <summary>
/// Section 3, the peer: the standard case's shape (open, then six human steps resumed by external events) on ServiceHall's
/// in-memory silo and on WorkflowCore 3.22.0 with its in-memory persistence, driven by the same closed loop at the same
/// concurrency, one after the other so neither competes with the other for the two cores.
/// </summary>
public sealed class PeerBenchmark : IBenchmark
{
    /// <summary>What the two sides do differently per command; printed beside the ratio so it is never read without it.</summary>
    private const string Semantics =
        "ServiceHall per command: validates role and scope (hall, window, department) and that the action is available, "
        + "interprets the pinned definition version, journals the step, recomputes the statutory SLA on the working calendar, "
        + "keeps idempotency keys, writes the whole case state once (JSON), syncs timers/reminders, updates the hall board "
        + "index and dispatches notifications (SMS ledger) before answering (actions: id, status, stage and version as the pages ask, "
        + "or the full case view with --prefer-minimal off; the opening: the full case view). "
        + "WorkflowCore per event: stores the event, matches it to the subscription, resumes the step and stores the instance; "
        + "no authorisation, journal, SLA, idempotency or board; the caller gets no answer (events are fire-and-forget, "
        + "delivered asynchronously through its queues; here the harness waits until the next step is stored as waiting). "
        + "Durability: neither side is durable in this section; WorkflowCore's in-memory store keeps live object references "
        + "and never serializes, ServiceHall's memory storage serializes every write as its durable stores do";

    public string Name => "peer";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var options = WorkflowCoreSettings.For(settings);
        Console.WriteLine($"WorkflowCore 3.22.0 settings: {options.Describe()}");

        var serviceHall = await ServiceHallLoad.RunAsync(settings);
        var workflowCore = await WorkflowCoreLoad.RunAsync(settings, options);

        var concurrency = settings.Concurrency.ToString(CultureInfo.InvariantCulture);
        return
        [
            new BenchmarkRow(Name, "ServiceHall, in-memory silo", serviceHall.Metrics(), new Dictionary<string, string>
            {
                ["concurrency"] = concurrency,
                ["every case completed"] = "yes",
                ["answers"] = ServiceHallLoad.Answers(settings),
                ["warm-up"] = serviceHall.WarmUp,
            }),
            new BenchmarkRow(Name, "WorkflowCore 3.22.0, in-memory", workflowCore.Metrics(), new Dictionary<string, string>
            {
                ["concurrency"] = concurrency,
                ["every case completed"] = "yes",
                ["settings"] = options.Describe(),
                ["warm-up"] = workflowCore.WarmUp,
            }),
            new BenchmarkRow(Name, "ratio ServiceHall / WorkflowCore", new Dictionary<string, double>
            {
                ["commands/s"] = serviceHall.CommandsPerSecond / workflowCore.CommandsPerSecond,
                ["p99 ms"] = serviceHall.Percentile(99) / workflowCore.Percentile(99),
                // Less sensitive to other load on a shared machine than the throughput ratio: the inverse ratio of CPU spent per command.
                ["CPU ms/command"] = serviceHall.CpuMsPerCommand / workflowCore.CpuMsPerCommand,
            }, new Dictionary<string, string>
            {
                ["goal"] = "commands/s ≥ 8× (issue 20; grain-level CPU ≤ 0.25 ms per command)",
                ["semantics"] = Semantics,
            }),
        ];
    }
}
