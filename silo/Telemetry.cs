using OpenTelemetry.Metrics;

namespace ServiceHall.Silo;

/// <summary>OpenTelemetry metrics for Orleans, ASP.NET Core and the runtime, exported only when configured.</summary>
internal static class Telemetry
{
    public static WebApplicationBuilder AddServiceHallTelemetry(this WebApplicationBuilder builder, TelemetrySettings settings)
    {
        var exporter = settings.MetricsExporter.Trim().ToLowerInvariant();
        if (exporter is "" or "none")
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter("Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation();
            switch (exporter)
            {
                case "otlp":
                    metrics.AddOtlpExporter();
                    break;
                case "console":
                    metrics.AddConsoleExporter();
                    break;
                default:
                    throw new InvalidOperationException(
                        $"ServiceHall:Telemetry:MetricsExporter must be none, otlp or console, not '{settings.MetricsExporter}'.");
            }
        });
        return builder;
    }
}
