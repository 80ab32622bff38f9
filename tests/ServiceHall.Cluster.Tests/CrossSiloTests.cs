using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ServiceHall.TestSupport;
using Xunit.Abstractions;

namespace ServiceHall.Cluster.Tests;

/// <summary>Any silo is an entry point: a token issued by A works on C, and a change made through A reaches a board on C.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossSiloTests(ClusterFixture cluster, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task AChangeMadeThroughSiloAReachesASignalRBoardOnSiloCWithATokenFromA()
    {
        cluster.RequireStarted();
        await cluster.EnsureAllRunningAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        using var clerkOnA = await new ApiClient(a.BaseUrl).SignInAsync("clerk");
        var token = clerkOnA.AccessToken!;

        // The board on C authenticates with A's token (the key comes from shared configuration, not from a silo).
        var heard = new ConcurrentQueue<JsonElement>();
        await using var board = new HubConnectionBuilder()
            .WithUrl($"{c.BaseUrl}/hubs/cases", options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        board.On<JsonElement>("caseChanged", change => heard.Enqueue(change));
        await board.StartAsync();
        await board.InvokeAsync<JsonElement>("JoinBoard", new { });

        var opened = await clerkOnA.PostAsync("/api/cases", CaseWalker.Application("GZ-SCJG-002"), idempotencyKey: Guid.NewGuid().ToString("N"));
        Assert.True(opened.Status == HttpStatusCode.Created, opened.ToString());
        var id = opened.Json["id"]!.GetValue<string>();
        var accepted = await clerkOnA.PostAsync($"/api/cases/{id}/actions/accept", new { }, idempotencyKey: Guid.NewGuid().ToString("N"));
        Assert.True(accepted.Status == HttpStatusCode.OK, accepted.ToString());

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Waiting.UntilAsync(() => heard.Any(h => h.GetProperty("id").GetString() == id && h.GetProperty("version").GetInt64() == 2),
            TimeSpan.FromSeconds(15), () => $"caseChanged v2 of {id} on C (heard {heard.Count})");
        output.WriteLine($"cross-silo: the accept made through A reached the board on C {clock.ElapsedMilliseconds} ms after its acknowledgement");
        var change = heard.Last(h => h.GetProperty("id").GetString() == id);
        Assert.Equal("formal-review", change.GetProperty("stage").GetString());

        // A's token reads the case through B and C as well; a token signed with another key is refused everywhere.
        foreach (var node in new[] { b, c })
        {
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var read = await http.GetAsync($"{node.BaseUrl}/api/cases/{id}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{node}: {(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");
            using var document = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
            Assert.Equal(2, document.RootElement.GetProperty("version").GetInt64());

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Forged(token));
            using var forged = await http.GetAsync($"{node.BaseUrl}/api/cases/{id}");
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }
    }

    /// <summary>The same claims with the signature of a different key.</summary>
    private static string Forged(string token)
    {
        var parts = token.Split('.');
        var signature = Convert.FromBase64String(Pad(parts[2].Replace('-', '+').Replace('_', '/')));
        signature[0] ^= 0xFF;
        parts[2] = Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
}
