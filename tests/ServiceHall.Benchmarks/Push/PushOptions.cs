namespace ServiceHall.Benchmarks.Push;

/// <summary>
/// The push section's knobs: how many board clients, the steady command rate, how long to measure after a warm-up,
/// how many connections are opened at once, and the storage mode of the silo under test.
/// </summary>
internal sealed record PushOptions(
    int Clients, double CommandsPerSecond, TimeSpan WarmUp, TimeSpan Duration, int ConnectBatch, bool Postgres, IReadOnlyList<string> SiloSettings)
{
    public static PushOptions From(BenchmarkSettings settings) => new(
        Clients: (int)settings.Number("--push-clients", settings.Smoke ? 20 : 2000),
        CommandsPerSecond: settings.Number("--push-rate", settings.Smoke ? 10 : 20),
        WarmUp: TimeSpan.FromSeconds(settings.Number("--push-warmup", settings.Smoke ? 0.5 : 3)),
        Duration: TimeSpan.FromSeconds(settings.Number("--push-seconds", settings.Smoke ? 2 : 20)),
        ConnectBatch: (int)settings.Number("--push-batch", 50),
        Postgres: string.Equals(settings.Option("--push-storage"), "postgres", StringComparison.OrdinalIgnoreCase),
        // e.g. --push-silo "Kestrel:Sockets:UnsafePreferInlineScheduling=true;Other:Key=value": passed to the silo as --Key=value.
        SiloSettings: [.. (settings.Option("--push-silo") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => "--" + s)]);

    public string Mode => Postgres ? "postgres" : "embedded";
}
