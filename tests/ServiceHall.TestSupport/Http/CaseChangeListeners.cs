using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ServiceHall.TestSupport;

/// <summary>Real SignalR connections to a silo's <c>/hubs/cases</c> that record every <c>caseChanged</c> they hear; disposed together.</summary>
public sealed class CaseChangeListeners(string baseUrl) : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];

    /// <summary>Connects as the bearer of <paramref name="token"/>, or anonymously (as an applicant's tracker) when null.</summary>
    public async Task<(HubConnection Connection, ConcurrentQueue<JsonElement> Heard)> ConnectAsync(string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}/hubs/cases", options => options.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        var heard = new ConcurrentQueue<JsonElement>();
        connection.On<JsonElement>("caseChanged", change => heard.Enqueue(change));
        _connections.Add(connection);
        await connection.StartAsync();
        return (connection, heard);
    }

    /// <summary>The change that brought <paramref name="caseId"/> to <paramref name="version"/>, once heard.</summary>
    public static Task<JsonElement> WaitForAsync(ConcurrentQueue<JsonElement> heard, string caseId, long version, TimeSpan within) =>
        Eventually.UntilAsync(
            () => Task.FromResult(heard.FirstOrDefault(c => c.GetProperty("id").GetString() == caseId && c.GetProperty("version").GetInt64() == version)),
            match => match.ValueKind != JsonValueKind.Undefined,
            $"caseChanged for {caseId} v{version}", within, _ => $"{heard.Count} other changes");

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
