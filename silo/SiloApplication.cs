using OpenTelemetry.Trace;
using ServiceHall.Api;
using ServiceHall.Grains.Applications;

namespace ServiceHall.Silo;

/// <summary>
/// Composes the silo and its web host exactly as <c>Program</c> runs it, so a test that hosts ServiceHall in its own
/// process (to read the spans it emits) runs the same composition, not a copy of it.
/// </summary>
internal static class SiloApplication
{
    /// <param name="extraTracing">A host's own trace exporter (tests: in-memory); none in production.</param>
    public static WebApplication Build(
        WebApplicationBuilder builder, ServiceHallOptions options, Action<TracerProviderBuilder>? extraTracing = null)
    {
        var tokenSigning = KeySources.TokenSigning(options);
        builder.Services.AddSingleton(tokenSigning);
        builder.Services.AddSingleton(ApplicantDigests.DerivedFrom(tokenSigning.Key));
        builder.Services.AddSingleton(KeySources.CertificateSigning(options));
        builder.AddServiceHallSilo(options, tracing: Telemetry.TracingEnabled(options.Telemetry, extraTracing));
        builder.AddServiceHallTestClock();
        builder.AddServiceHallTelemetry(options.Telemetry, extraTracing);
        builder.AddServiceHallApi();

        var app = builder.Build();
        app.UseServiceHallApi();
        app.MapServiceHallApi();
        app.MapServiceHallTestClock();
        app.MapServiceHallDashboard(options.Dashboard);
        return app;
    }
}
