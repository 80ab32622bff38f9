using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;
using ServiceHall.Silo;
using ServiceHall.TestSupport;
using Xunit.Abstractions;

namespace ServiceHall.Host.Tests;

/// <summary>
/// The silo's own composition hosted in the test process on PostgreSQL, with an in-memory trace exporter beside the
/// configured ones: one case action must be one trace from the HTTP request through the grain call and the database
/// command to the live push, carrying the case id and nothing personal.
/// </summary>
public sealed class CaseTraceTests(ITestOutputHelper output)
{
    private const string StandardItem = "GZ-SCJG-002";

    [SkippableFact]
    public async Task OneCaseActionIsOneTraceFromTheRequestThroughTheGrainAndPostgresToTheLivePush()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        using var data = new TemporaryFolder("servicehall-traces");
        var spans = new SpanList();
        var httpPort = FreePort.Next();
        var clusterId = "traces-" + Guid.NewGuid().ToString("N")[..6];
        string[] args =
        [
            $"--urls=http://127.0.0.1:{httpPort}",
            "--ServiceHall:Storage:Mode=Postgres",
            $"--ServiceHall:Storage:Postgres:ConnectionString={connectionString}",
            $"--ServiceHall:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--ServiceHall:Certificates:SigningKey={Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKey())}",
            $"--ServiceHall:DataFolder={data.Path}",
            $"--ServiceHall:Cluster:ServiceId={clusterId}",
            $"--ServiceHall:Cluster:ClusterId={clusterId}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            "--ServiceHall:Cluster:AdvertisedIPAddress=127.0.0.1",
            "--ServiceHall:Cluster:ListenOnAnyHostAddress=false",
            SiloProcess.DemoMode,
        ];
        // Production, and the data folder as content root: no appsettings of the test's bin folder, no developer settings.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = data.Path, EnvironmentName = "Production" });
        var options = builder.Configuration.GetSection(ServiceHallOptions.SectionName).Get<ServiceHallOptions>()!;
        await using var app = SiloApplication.Build(builder, options, tracing => tracing.AddInMemoryExporter(spans));
        await app.StartAsync();
        var baseUrl = $"http://127.0.0.1:{httpPort}";
        using var walker = new CaseWalker(baseUrl);
        await Eventually.UntilAsync(async () => (await walker.Anonymous.GetAsync("/health/ready")).Status == HttpStatusCode.OK, "the silo is ready", TimeSpan.FromMinutes(2));

        var opened = await walker.OpenAsync(CaseWalker.Application(StandardItem));
        var caseId = CaseWalker.Id(opened);
        var trackingCode = opened["trackingCode"]!.GetValue<string>();
        await walker.ActAsync(caseId, "clerk", "accept");

        // The server span of the action, then its trace complete with the push (exported when the push ends, a little later).
        var request = await Eventually.UntilAsync(
            () => Task.FromResult(spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server
                && Tag(s, "http.route") == "/api/cases/{id}/actions/{action}" && Tag(s, "servicehall.case.id") == caseId)),
            span => span is not null, "the action's server span", TimeSpan.FromSeconds(30));
        var traceId = request!.TraceId;
        var trace = await Eventually.UntilAsync(
            () => Task.FromResult(spans.Snapshot().Where(s => s.TraceId == traceId).ToList()),
            t => t.Any(IsPush), "the live push in the action's trace", TimeSpan.FromSeconds(30),
            t => string.Join(", ", t.Select(Describe)));
        output.WriteLine(string.Join(Environment.NewLine, trace.Select(Describe)));

        Assert.Equal(default, request.ParentSpanId);
        var grainCall = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Client
            && s.DisplayName == "ICaseGrain/ActAsync");
        Assert.True(IsBelow(grainCall, request, trace), "the grain call is not inside the HTTP request's span");
        var commands = trace.Where(s => s.Source.Name == "Npgsql").ToList();
        Assert.NotEmpty(commands);
        Assert.Contains(commands, command => IsBelow(command, grainCall, trace));
        var push = trace.Single(IsPush);
        Assert.Equal(caseId, Tag(push, "servicehall.case.id"));
        Assert.True(IsBelow(push, grainCall, trace), "the live push is not part of the grain call that announced the change");

        // Nothing personal on any span: not the applicant's name, ID number or phone, nor the tracking code.
        string[] personal = ["张三丰", ApiClient.ValidIdNumbers[0], "13800138000", trackingCode];
        var leaks = trace.SelectMany(s => s.TagObjects.Select(tag => (Span: s.DisplayName, tag.Key, Value: tag.Value?.ToString() ?? "")))
            .Where(tag => personal.Any(p => tag.Value.Contains(p, StringComparison.Ordinal)))
            .Select(tag => $"{tag.Span}: {tag.Key}").ToList();
        Assert.True(leaks.Count == 0, "personal data on spans: " + string.Join("; ", leaks));

        await app.StopAsync();
    }

    private static bool IsPush(Activity span) => span.Source.Name == "ServiceHall" && span.OperationName == "SignalR push caseChanged";

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();

    /// <summary>Whether <paramref name="ancestor"/> is on the chain of parents from <paramref name="span"/> within the trace.</summary>
    private static bool IsBelow(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var bySpanId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; bySpanId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(Activity span) => $"{span.Source.Name} {span.Kind} '{span.DisplayName}' {span.SpanId} <- {span.ParentSpanId}";

    /// <summary>The exporter adds spans from whichever thread ends them; the test reads copies.</summary>
    private sealed class SpanList : ICollection<Activity>
    {
        private readonly List<Activity> _spans = [];

        public int Count { get { lock (_spans) { return _spans.Count; } } }

        public bool IsReadOnly => false;

        public List<Activity> Snapshot() { lock (_spans) { return [.. _spans]; } }

        public void Add(Activity item) { lock (_spans) { _spans.Add(item); } }

        public void Clear() { lock (_spans) { _spans.Clear(); } }

        public bool Contains(Activity item) { lock (_spans) { return _spans.Contains(item); } }

        public void CopyTo(Activity[] array, int arrayIndex) { lock (_spans) { _spans.CopyTo(array, arrayIndex); } }

        public bool Remove(Activity item) { lock (_spans) { return _spans.Remove(item); } }

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
