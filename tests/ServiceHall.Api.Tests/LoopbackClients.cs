using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Clients that connect from a chosen loopback address (127.0.0.2, 127.0.0.3, …): to the silo each is another peer,
/// so one silo can be reached both by a configured proxy and by strangers, each with its own rate-limit bucket.
/// </summary>
internal static class LoopbackClients
{
    public static SocketsHttpHandler Handler(string localAddress) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        // An oversized body is refused on its headers; the client must wait for that answer instead of sending anyway.
        Expect100ContinueTimeout = TimeSpan.FromSeconds(60),
    };

    public static HttpClient Http(string baseUrl, string localAddress, string? forwardedFor = null)
    {
        var http = new HttpClient(Handler(localAddress)) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (forwardedFor is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return http;
    }

    /// <summary>An anonymous hub connection over WebSockets only (one HTTP request: the upgrade), from <paramref name="localAddress"/>.</summary>
    public static async Task<HubConnection> HubAsync(string baseUrl, string localAddress)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}/hubs/cases", options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new ClientWebSocket();
                    // Not disposed here: the upgraded connection outlives the call that opened it.
                    var invoker = new HttpMessageInvoker(Handler(localAddress));
                    await socket.ConnectAsync(context.Uri, invoker, cancellationToken);
                    return socket;
                };
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
