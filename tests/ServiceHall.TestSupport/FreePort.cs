using System.Net;
using System.Net.Sockets;

namespace ServiceHall.TestSupport;

/// <summary>
/// Loopback TCP ports nobody is listening on, handed out at most once per test run, and taken from below the kernel's
/// ephemeral range. A port the kernel handed out for bind(0) is an ephemeral port: between the test picking it and a
/// silo or PostgreSQL binding it, any outgoing connection of the busy test process (HTTP clients, Npgsql pools,
/// Orleans gateways) may be given it as its local port, and the server then fails with "address in use".
/// </summary>
public static class FreePort
{
    private const int LowestPort = 10_000;

    private static readonly HashSet<int> Handed = [];
    private static readonly (int First, int Last) Range = QuietRange();
    private static int _next = Range.First + (Environment.ProcessId * 7919 % Math.Max(1, Range.Last - Range.First));

    public static int Next()
    {
        lock (Handed)
        {
            for (var tried = 0; tried <= Range.Last - Range.First; tried++)
            {
                var port = _next;
                _next = _next >= Range.Last ? Range.First : _next + 1;
                if (!Handed.Contains(port) && IsFree(port))
                {
                    Handed.Add(port);
                    return port;
                }
            }

            throw new InvalidOperationException($"No free loopback port between {Range.First} and {Range.Last}.");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The ports below the ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range, 32768 by default).</summary>
    private static (int First, int Last) QuietRange()
    {
        var ephemeralStart = 32_768;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            ephemeralStart = int.Parse(text[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
        }

        return ephemeralStart - 1 > LowestPort + 1_000 ? (LowestPort, ephemeralStart - 1) : (LowestPort, 30_000);
    }
}
