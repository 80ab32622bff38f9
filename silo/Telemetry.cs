using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServiceHall.Api.Http;
using ServiceHall.Api.Tracing;

namespace ServiceHall.Silo;

/// <summary>
/// OpenTelemetry metrics and traces for Orleans, ASP.NET Core, PostgreSQL and the live pushes, exported only when
/// configured. A trace runs from the HTTP request through the grain calls (Orleans' activity propagation, switched on
/// in <see cref="OrleansComposition"/> when traces are) to the database commands (Npgsql's own activity source) and
/// the SignalR push of the change.
/// </summary>
internal static class Telemetry
{
    // Orleans' grain-call spans: runtime (system targets, membership) and application (our grains).
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    // Npgsql emits a span per command when someone listens to this source; no extra package is needed.
    private const string NpgsqlSource = "Npgsql";

    // Hub method invocations (JoinBoard, WatchCase) as ASP.NET Core's SignalR server reports them.
    private const string SignalRServerSource = "Microsoft.AspNetCore.SignalR.Server";

    public static bool TracingEnabled(TelemetrySettings settings, Action<TracerProviderBuilder>? extraTracing) =>
        Exporter(settings.TracesExporter) != "none" || extraTracing is not null;

    /// <param name="extraTracing">A host's own trace exporter (tests use an in-memory one); turns tracing on by itself.</param>
    public static WebApplicationBuilder AddServiceHallTelemetry(
        this WebApplicationBuilder builder, TelemetrySettings settings, Action<TracerProviderBuilder>? extraTracing = null)
    {
        var metricsExporter = Exporter(settings.MetricsExporter);
        var tracesExporter = Exporter(settings.TracesExporter);
        if (metricsExporter != "none")
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                switch (metricsExporter)
                {
                    case "otlp":
                        metrics.AddOtlpExporter();
                        break;
                    case "console":
                        metrics.AddConsoleExporter();
                        break;
                    default:
                        throw Invalid("MetricsExporter", settings.MetricsExporter);
                }
            });
        }

        if (TracingEnabled(settings, extraTracing))
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing =>
            {
                tracing.AddSource(OrleansSources)
                    .AddSource(NpgsqlSource, SignalRServerSource, CaseTracing.SourceName)
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                    {
                        // Probes every few seconds would drown the traces people look for.
                        aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/health")
                            && !context.Request.Path.StartsWithSegments("/studio/_framework")
                            && !context.Request.Path.StartsWithSegments("/studio/_content");
                        // The same masking as the request log: tracking and appointment codes are bearer secrets, and
                        // query values carry applicant names typed into search.
                        aspNetCore.EnrichWithHttpRequest = (activity, request) =>
                        {
                            activity.SetTag("url.path", RequestPathMask.MaskPath(request.Path.Value));
                            if (request.QueryString.HasValue)
                            {
                                activity.SetTag("url.query", RequestPathMask.MaskQuery(request.QueryString.Value).TrimStart('?'));
                            }
                        };
                    });
                switch (tracesExporter)
                {
                    case "none":
                        break;
                    case "otlp":
                        tracing.AddOtlpExporter();
                        break;
                    case "console":
                        tracing.AddConsoleExporter();
                        break;
                    default:
                        throw Invalid("TracesExporter", settings.TracesExporter);
                }

                extraTracing?.Invoke(tracing);
            });
        }

        return builder;
    }

    private static string Exporter(string setting) => setting.Trim().ToLowerInvariant() is "" ? "none" : setting.Trim().ToLowerInvariant();

    private static InvalidOperationException Invalid(string setting, string value) =>
        new($"ServiceHall:Telemetry:{setting} must be none, otlp or console, not '{value}'.");
}
