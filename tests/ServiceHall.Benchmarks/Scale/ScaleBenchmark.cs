using System.Diagnostics;
using System.Globalization;
using Orleans.Runtime;
using ServiceHall.Benchmarks.Grain;
using ServiceHall.Benchmarks.Support;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Benchmarks.Scale;

/// <summary>
/// Section 5, scale: 100k open cases activated in one silo (1k in smoke), then the process's RSS and the p99 of the
/// board/search queries over them, asked of the Guangzhou hall index as <c>GET /api/cases</c> asks it.
/// </summary>
public sealed class ScaleBenchmark : IBenchmark
{
    // More callers than cores keeps the silo's queues full; the hall index grain serializes the opens anyway.
    private const int OpenConcurrency = 256;

    // As in CasesApi: the handler asks each hall's index, re-sorts by opening time and returns one page.
    private const int ApiPageSize = 20;

    public string Name => "scale";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var caseCount = settings.Smoke ? 1_000 : 100_000;
        var queryRuns = settings.Smoke ? 20 : 200;
        var baseline = ProcessMemory.ResidentMegabytesAfterFullGc();

        // Idle activations would otherwise be collected after the default two hours... or sooner under memory
        // pressure; a day keeps every case resident for the whole section.
        var storage = new ReferenceGrainStorage();
        await using var silo = await InMemorySilo.StartAsync(collectionAge: TimeSpan.FromDays(1), storage: (_, _) => storage);
        var opening = await OpenCasesAsync(silo.Grains, caseCount);

        var rss = ProcessMemory.ResidentMegabytesAfterFullGc();
        var heap = ProcessMemory.ManagedHeapMegabytes();
        var statistics = await silo.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var activations = statistics.Sum(s => s.ActivationCount);
        var caseActivations = statistics.Where(s => s.GrainType.Contains("CaseGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        if (caseActivations < caseCount)
        {
            throw new InvalidOperationException($"Only {caseActivations} of {caseCount} case grains are activated.");
        }

        var index = silo.Grains.GetGrain<ICaseBoardGrain>(ICaseBoardGrain.Key);
        // Each case wrote its row before its command answered.
        var listed = (await QueryAsync(index, new CaseQuery(), 0)).Total;
        if (listed < caseCount)
        {
            throw new InvalidOperationException($"The board lists {listed} cases, expected at least {caseCount}.");
        }

        var all = (await QueryAsync(index, new CaseQuery(), CaseRowsRequest.MaxDepth)).Items;

        var invariant = CultureInfo.InvariantCulture;
        var rows = new List<BenchmarkRow>
        {
            new(Name, $"{caseCount:N0} open cases activated in one silo", new Dictionary<string, double>
            {
                ["cases"] = caseCount,
                ["open s"] = opening.Elapsed.TotalSeconds,
                ["opens/s"] = caseCount / opening.Elapsed.TotalSeconds,
                ["opens/s 1st 10 %"] = opening.FirstTenthPerSecond,
                ["opens/s last 10 %"] = opening.LastTenthPerSecond,
                ["RSS MB"] = rss,
                ["RSS before MB"] = baseline,
                ["managed heap MB"] = heap,
                ["activations"] = activations,
                ["case activations"] = caseActivations,
            }, new Dictionary<string, string>
            {
                ["goal"] = "100k open cases in ≤ 2 GB",
                ["opened"] = string.Create(invariant, $"{OpenConcurrency} callers; every 4th case also accepted; every 5th on the online channel"),
                ["storage"] = "state kept by reference in process (no serialized copy), in-memory reminders; GrainCollectionOptions.CollectionAge = 1 day",
                ["RSS"] = "VmRSS after an aggressive full GC; includes the runtime, the silo and the harness",
            }),
        };

        var stages = all.GroupBy(c => c.Stage).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        var someone = all[all.Count / 2].ApplicantName;
        var queries = new (string Name, CaseQuery Query, bool AsApi)[]
        {
            ("board, no filter", new CaseQuery(), false),
            ($"stage={stages[0]}", new CaseQuery { Stage = stages[0] }, false),
            ($"stage={stages[^1]}", new CaseQuery { Stage = stages[^1] }, false),
            ("channel=online", new CaseQuery { Channel = "online" }, false),
            ($"text={someone} (one match)", new CaseQuery { Text = someone }, false),
            ("API path: board, no filter, first page", new CaseQuery(), true),
            ($"API path: stage={stages[0]}, first page", new CaseQuery { Stage = stages[0] }, true),
        };

        foreach (var (name, query, asApi) in queries)
        {
            var (latencies, matches) = await TimeQueryAsync(index, query, asApi, queryRuns);
            rows.Add(new BenchmarkRow(Name, "query " + name, new Dictionary<string, double>
            {
                ["cases"] = all.Count,
                ["matches"] = matches,
                ["p50 ms"] = Percentile(latencies, 50),
                ["p99 ms"] = Percentile(latencies, 99),
            }, new Dictionary<string, string>
            {
                ["goal"] = "p99 ≤ 50 ms",
                ["runs"] = string.Create(invariant, $"{queryRuns}, one at a time, ICaseBoardGrain.ListAsync over hall gz's rows{(asApi ? ", first page of 20, as GET /api/cases" : "")}"),
            }));
        }

        return rows;
    }

    /// <summary>Opens <paramref name="count"/> standard cases with many callers; every 4th is accepted so the board has two stages.</summary>
    private static async Task<OpeningResult> OpenCasesAsync(IGrainFactory grains, int count)
    {
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        var finishedAt = new double[count];
        var tenth = Math.Max(1, count / 10);
        await Task.WhenAll(Enumerable.Range(0, OpenConcurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var grain = grains.GetGrain<ICaseGrain>(CaseIds.NewCaseId());
                var name = string.Create(CultureInfo.InvariantCulture, $"申请人{i:D6}");
                StandardCase.Require(await grain.OpenAsync(StandardCase.Application(name, i % 5 == 0 ? "online" : "window")), CaseOutcome.Created, "open");
                if (i % 4 == 0)
                {
                    StandardCase.Require(await grain.ActAsync(StandardCase.Command(ActionNames.Accept, StandardCase.Clerk, new CaseActionInput())), CaseOutcome.Ok, "accept");
                }

                finishedAt[i] = clock.Elapsed.TotalSeconds;
                if (Interlocked.Increment(ref done) is var opened && opened % tenth == 0)
                {
                    // Progress, so a long full run shows it is alive and whether opening slows down as the hall fills.
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  opened {opened:N0} cases in {clock.Elapsed.TotalSeconds:F1} s"));
                }
            }
        })));
        clock.Stop();
        Array.Sort(finishedAt);
        var firstTenth = finishedAt[tenth - 1];
        var lastTenth = finishedAt[^1] - finishedAt[^tenth];
        return new OpeningResult(clock.Elapsed, tenth / firstTenth, tenth / Math.Max(lastTenth, 1e-6));
    }

    private static Task<CasePage> QueryAsync(ICaseBoardGrain board, CaseQuery query, int take) =>
        board.ListAsync(new CaseRowsRequest { Scopes = [new HallQuery("gz", query)], Take = take });

    private static async Task<(double[] Latencies, int Matches)> TimeQueryAsync(ICaseBoardGrain index, CaseQuery query, bool asApi, int runs)
    {
        var latencies = new double[runs];
        var matches = 0;
        // One untimed run: the first call of each filter pays for JIT, not for the index.
        // The API asks for one page; the other rows only count the matches (the whole scan, no transfer).
        var take = asApi ? ApiPageSize : 0;
        await QueryAsync(index, query, take);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var found = await QueryAsync(index, query, take);
            matches = asApi ? found.Items.Count : found.Total;
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return (latencies, matches);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];

    private sealed record OpeningResult(TimeSpan Elapsed, double FirstTenthPerSecond, double LastTenthPerSecond);
}
