using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using ServiceHall.Benchmarks.Ceiling;
using ServiceHall.Benchmarks.EndToEnd;
using ServiceHall.Benchmarks.Measurement;
using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.TestSupport;

namespace ServiceHall.Benchmarks;

/// <summary>
/// Section 2: what the storage allows at the same concurrency on one durable PostgreSQL — (a) Orleans ADO.NET
/// <c>WriteStateAsync</c> of a stored case from a trivial grain, (b) a bare single-row upsert through Npgsql — and
/// ServiceHall's PostgreSQL-mode commands/s as a fraction of each.
/// </summary>
public sealed class CeilingBenchmark : IBenchmark
{
    public string Name => "ceiling";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        await using var postgres = await PostgresServer.StartAsync(durable: true);
        var serviceHall = SharedResults.PostgresMode;
        if (serviceHall is null)
        {
            // e2e was not selected: measure ServiceHall's PostgreSQL mode here, on this server.
            var (e2eRows, measured) = await EndToEndRun.RunAsync(settings, postgres, Name, openLoop: false);
            rows.AddRange(e2eRows);
            serviceHall = measured!;
        }

        var payload = serviceHall.CasePayload ?? SyntheticCase();
        var warmUp = settings.Smoke ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(3);
        var payloadNote = new Dictionary<string, string>
        {
            ["payload"] = string.Create(CultureInfo.InvariantCulture, $"{payload.Length} bytes ({(serviceHall.CasePayload is null ? "synthetic" : "a stored completed case")})"),
        };

        // Each loop starts on WAL segments ready for reuse, as ServiceHall's window does (PostgresWal says why).
        var reuseWal = settings.Option("--wal-reuse") is not ("off" or "false");
        var walA = await PrepareWalAsync();
        var grain = await GrainWritesAsync(postgres, settings, warmUp, payload);
        rows.Add(Row("(a) Orleans ADO.NET WriteStateAsync, trivial grain", grain, WithWal(payloadNote, walA)));
        var walB = await PrepareWalAsync();
        var upsert = await UpsertsAsync(postgres, settings, warmUp, payload);
        rows.Add(Row("(b) Npgsql single-row upsert (bytea)", upsert, WithWal(payloadNote, walB)));

        // (c) What a real command writes, in the real tables, one transaction per command: the comparison issue 20's
        // "% of bare Npgsql" goal means now that a command appends rows instead of rewriting one.
        (double PerSecond, LatencySamples Latency)? command = null;
        if (serviceHall.CommandRows is { } shape)
        {
            var walC = await PrepareWalAsync();
            var (closed, open) = await CommandRowsAsync(postgres, settings, warmUp, shape, serviceHall.CommandsPerSecond / 2);
            command = closed;
            rows.Add(Row("(c) Npgsql, a real command's rows in one transaction", closed,
                WithWal(new Dictionary<string, string> { ["writes"] = shape.Describe() }, walC)));
            foreach (var o in open)
            {
                rows.Add(new BenchmarkRow(Name, $"(c) open loop at {o.Rate:F0} writes/s, {o.Why}",
                new Dictionary<string, double>
                {
                    ["offered writes/s"] = o.Result.PerSecond,
                    ["p50 ms"] = o.Result.Latency.Percentile(50),
                    ["p99 ms"] = o.Result.Latency.Percentile(99),
                    ["dispatch lag p99 ms"] = o.Result.DispatchLag.Percentile(99),
                },
                new Dictionary<string, string>
                {
                    ["latency"] = "from each write's scheduled time, as the e2e open loops measure commands",
                    ["reads as"] = "the storage's own tail at this rate on this machine, with no HTTP and no silo: a floor under the e2e open loop's p99",
                }));
                if (o.Flushes is not null)
                {
                    rows.Add(o.Flushes);
                }
            }
        }

        rows.Add(new BenchmarkRow(Name, "ServiceHall postgres commands/s ÷ ceiling",
            new Dictionary<string, double>
            {
                ["commands/s"] = serviceHall.CommandsPerSecond,
                ["% of (a)"] = 100 * serviceHall.CommandsPerSecond / grain.PerSecond,
                ["% of (b)"] = 100 * serviceHall.CommandsPerSecond / upsert.PerSecond,
                ["% of (c)"] = command is { } c ? 100 * serviceHall.CommandsPerSecond / c.PerSecond : double.NaN,
            },
            new Dictionary<string, string> { ["goal"] = "≥ 40 % of bare Npgsql writing the same rows, (c)" }));
        return rows;

        async Task<string?> PrepareWalAsync() => reuseWal
            ? await PostgresWal.ReuseSegmentsAsync(postgres.ConnectionString(), settings.Smoke ? 2 : PostgresWal.FullSegments)
            : null;

        static Dictionary<string, string> WithWal(Dictionary<string, string> notes, string? wal) =>
            wal is null ? notes : new Dictionary<string, string>(notes) { ["WAL"] = wal };

        BenchmarkRow Row(string name, (double PerSecond, LatencySamples Latency) measured, Dictionary<string, string> notes) =>
            new(Name, $"{name}, {settings.Concurrency} writers", new Dictionary<string, double>
            {
                ["writes/s"] = measured.PerSecond,
                ["p50 ms"] = measured.Latency.Percentile(50),
                ["p99 ms"] = measured.Latency.Percentile(99),
            }, notes);
    }

    private static async Task<(double PerSecond, LatencySamples Latency)> GrainWritesAsync(
        PostgresServer postgres, BenchmarkSettings settings, TimeSpan warmUp, byte[] payload)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { MaxPoolSize = 100 }.ToString();
        var document = JsonDocument.Parse(payload).RootElement.Clone();
        await using var silo = await InProcessSilo.StartAsync(connectionString,
            services => services.AddSingleton(new CeilingPayload(document)));
        var grains = Enumerable.Range(0, settings.Concurrency).Select(i => silo.Grains.GetGrain<ICeilingGrain>(i)).ToArray();
        return await WriteLoop.RunAsync(settings.Concurrency, warmUp, settings.Duration, worker => grains[worker].WriteAsync());
    }

    private static async Task<(double PerSecond, LatencySamples Latency)> UpsertsAsync(
        PostgresServer postgres, BenchmarkSettings settings, TimeSpan warmUp, byte[] payload)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync())
        {
            MaxPoolSize = Math.Max(100, settings.Concurrency),
        }.ToString();
        // The same connection settings as ServiceHall's command paths (statements prepared, no reset per borrow), so
        // the ceiling is bare Npgsql at its best, not a handicapped one.
        await using var source = NpgsqlDataSource.Create(PostgresCommandConnections.For(connectionString));
        await using (var create = source.CreateCommand("CREATE TABLE ceiling (id integer PRIMARY KEY, payload bytea NOT NULL, writes bigint NOT NULL);"))
        {
            await create.ExecuteNonQueryAsync();
        }

        return await WriteLoop.RunAsync(settings.Concurrency, warmUp, settings.Duration, async worker =>
        {
            // One row per worker, like one case per client; autocommit, so every upsert is its own durable commit.
            await using var upsert = source.CreateCommand("""
                INSERT INTO ceiling (id, payload, writes) VALUES ($1, $2, 1)
                ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, writes = ceiling.writes + 1;
                """);
            upsert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = worker });
            upsert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload, NpgsqlDbType = NpgsqlDbType.Bytea });
            await upsert.ExecuteNonQueryAsync();
        });
    }

    /// <summary>
    /// (c)'s closed loop, then the same writes in an open loop at ServiceHall's half load (the rate its e2e open loops
    /// ran at) and at half of (c)'s own maximum.
    /// </summary>
    private static async Task<((double PerSecond, LatencySamples Latency) Closed, IReadOnlyList<(double Rate, string Why, ScheduledWriteLoop.Result Result, BenchmarkRow? Flushes)> Open)> CommandRowsAsync(
        PostgresServer postgres, BenchmarkSettings settings, TimeSpan warmUp, CommandRows shape, double serviceHallHalfLoad)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync())
        {
            MaxPoolSize = Math.Max(100, settings.Concurrency),
        }.ToString();
        // The same connection settings as ServiceHall's command paths (statements prepared, no reset per borrow), so
        // the ceiling is bare Npgsql at its best, not a handicapped one.
        await using var source = NpgsqlDataSource.Create(PostgresCommandConnections.For(connectionString));
        await shape.SeedAsync(source, connectionString, settings.Concurrency);
        var rounds = new long[settings.Concurrency];
        Task Write(int worker) => shape.WriteAsync(source, worker, ++rounds[worker]);
        var closed = await WriteLoop.RunAsync(settings.Concurrency, warmUp, settings.Duration, Write);

        var open = new List<(double, string, ScheduledWriteLoop.Result, BenchmarkRow?)>();
        var settle = settings.Smoke ? TimeSpan.Zero : TimeSpan.FromSeconds(3);
        var openDuration = settings.Smoke ? settings.Duration : settings.Duration / 2;
        foreach (var (rate, why) in new[] { (serviceHallHalfLoad, "ServiceHall's half load"), (closed.PerSecond / 2, "half of (c)'s own maximum") })
        {
            if (rate > 0)
            {
                using var flushProbe = settings.Option("--flush-probe") is "off" or "false" ? null : DiskFlushProbe.Start();
                var result = await ScheduledWriteLoop.RunAsync(settings.Concurrency, rate, settle, openDuration, Write);
                open.Add((rate, why, result, flushProbe?.Row("ceiling", $"(c) at {rate:F0} writes/s", result.StartTimestamp)));
            }
        }

        return (closed, open);
    }

    /// <summary>About 6 KB of case-like JSON, used only when no stored case is at hand.</summary>
    private static byte[] SyntheticCase()
    {
        var journal = Enumerable.Range(1, 40).Select(i => new { sequence = i, actor = "clerk", action = "step", summary = "材料齐全，予以受理" });
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { id = "case-synthetic", journal }));
    }
}
