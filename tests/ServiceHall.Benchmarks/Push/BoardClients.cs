using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.Push;

/// <summary>One <c>caseChanged</c> as a client heard it, stamped when its handler ran.</summary>
internal readonly record struct Receipt(string CaseId, long Version, long At);

/// <summary>The part of the public <c>caseChanged</c> payload the harness reads.</summary>
internal sealed record PushedChange(string Id, long Version);

/// <summary>One board: a real SignalR connection over WebSockets, joined to the clerk's hall, logging what it hears.</summary>
internal sealed class BoardClient
{
    private readonly List<Receipt> _receipts = new(1024);
    private int _count;

    public BoardClient(string hubUrl)
    {
        Connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, options => options.SkipNegotiation = true)
            .Build();
        // SignalR runs one connection's handlers one at a time, so the list needs no lock; readers wait for the count.
        Connection.On<PushedChange>("caseChanged", change =>
        {
            var at = WallClock.Now();
            _receipts.Add(new Receipt(change.Id, change.Version, at));
            Interlocked.Increment(ref _count);
        });
        Connection.Closed += exception =>
        {
            ClosedUnexpectedly = exception ?? new InvalidOperationException("closed");
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>In arrival order; read only once <see cref="Count"/> says the pushes are in.</summary>
    public IReadOnlyList<Receipt> Receipts => _receipts;

    public Exception? ClosedUnexpectedly { get; private set; }
}

/// <summary>
/// N board clients on one hub, opened in batches (a batch at a time, each connection of a batch in parallel) so the
/// silo's accept queue and the handshake timeout are never flooded; a failed connection is retried a few times.
/// </summary>
internal sealed class BoardClients : IAsyncDisposable
{
    private const int Attempts = 3;

    private BoardClients(IReadOnlyList<BoardClient> clients, TimeSpan elapsed, LatencySamples perConnection, int retries)
    {
        Clients = clients;
        ConnectElapsed = elapsed;
        PerConnection = perConnection;
        Retries = retries;
    }

    public IReadOnlyList<BoardClient> Clients { get; }

    public TimeSpan ConnectElapsed { get; }

    /// <summary>Connect + <c>JoinBoard</c> of each client (ms), sorted.</summary>
    public LatencySamples PerConnection { get; }

    public int Retries { get; }

    public static async Task<BoardClients> ConnectAsync(string baseUrl, string accessToken, int count, int batch)
    {
        // The token rides in the query string, as a browser's WebSocket sends it.
        var hubUrl = $"{baseUrl}/hubs/cases?access_token={Uri.EscapeDataString(accessToken)}";
        var clients = new List<BoardClient>(count);
        var samples = new LatencySamples();
        var retries = 0;
        var clock = Stopwatch.StartNew();
        for (var first = 0; first < count; first += batch)
        {
            var opened = await Task.WhenAll(Enumerable.Range(first, Math.Min(batch, count - first)).Select(async _ =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    var client = new BoardClient(hubUrl);
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await client.Connection.StartAsync();
                        await client.Connection.InvokeAsync<JsonElement>("JoinBoard", new { hall = "gz" });
                        return (client, Stopwatch.GetElapsedTime(started).TotalMilliseconds, attempt);
                    }
                    catch (Exception) when (attempt < Attempts)
                    {
                        await client.Connection.DisposeAsync();
                        await Task.Delay(200 * attempt);
                    }
                }
            }));
            foreach (var (client, milliseconds, attempts) in opened)
            {
                clients.Add(client);
                samples.Record(milliseconds);
                retries += attempts - 1;
            }
        }

        return new BoardClients(clients, clock.Elapsed, LatencySamples.Merge([samples]), retries);
    }

    /// <summary>Waits until every client heard at least <paramref name="expected"/> pushes, or the timeout passes.</summary>
    public async Task<bool> WaitForAsync(int expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Clients.All(c => c.Count >= expected))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in Clients.Chunk(200))
        {
            await Task.WhenAll(chunk.Select(c => c.Connection.DisposeAsync().AsTask()));
        }
    }
}
