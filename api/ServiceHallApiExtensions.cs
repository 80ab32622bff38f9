using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;
using ServiceHall.Api.Applications;
using ServiceHall.Api.Appointments;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Certificates;
using ServiceHall.Api.Cases;
using ServiceHall.Api.Catalog;
using ServiceHall.Api.Consultations;
using ServiceHall.Api.Coordination;
using ServiceHall.Api.Documents;
using ServiceHall.Api.Operations;
using ServiceHall.Api.Stats;
using ServiceHall.Api.Elsa;
using ServiceHall.Api.Health;
using ServiceHall.Api.Http;
using ServiceHall.Api.Live;
using ServiceHall.Api.Pages;
using ServiceHall.Api.Resilience;

namespace ServiceHall.Api;

public static class ServiceHallApiExtensions
{
    /// <summary>Services the HTTP surface needs: problem details, OpenAPI, health checks.</summary>
    public static IHostApplicationBuilder AddServiceHallApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddServiceHallRequestLogging();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddServiceHallHealthChecks();
        builder.AddServiceHallShutdown();
        builder.Services.AddServiceHallResilience(builder.Configuration);
        builder.Services.AddServiceHallAuth();
        builder.Services.AddElsaApi();
        builder.Services.AddSignalR();
        builder.Services.AddHostedService<CaseFeedRelay>();
        builder.Services.AddServiceHallPages();
        builder.Services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName);
        builder.Services.AddApplicantRateLimiting(builder.Configuration);
        builder.Services.AddAnonymousRateLimiting(builder.Configuration);
        builder.Services.AddEndpointBodyLimits();
        builder.Services.AddTrustedProxies(builder.Configuration);
        // The host registers the hall's key first (silo KeySources); without it nothing can be signed.
        builder.Services.TryAddSingleton(new CertificateSigner(null));
        return builder;
    }

    /// <summary>Middleware that runs before the endpoints: the client's address from trusted proxies, the masked request log, closing connections while draining, retry of passing grain failures, rate and body limits, the pages' language and static assets.</summary>
    public static IApplicationBuilder UseServiceHallApi(this IApplicationBuilder app) =>
        app.UseTrustedProxies().UseServiceHallRequestLogging().UseDrainingConnectionClose().UseServiceHallResilience().UseRateLimiter().UseEndpointBodyLimits().UseServiceHallPages();

    /// <summary>Maps every ServiceHall endpoint.</summary>
    public static IEndpointRouteBuilder MapServiceHallApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthApi();
        endpoints.MapAuthApi();
        endpoints.MapCasesApi();
        endpoints.MapTrackingApi();
        endpoints.MapCoordinationApi();
        endpoints.MapApplicationsApi();
        endpoints.MapUploadsApi();
        endpoints.MapResubmissionApi();
        endpoints.MapCertificatesApi();
        endpoints.MapDocumentsApi();
        endpoints.MapCatalogApi();
        endpoints.MapElsaApi();
        endpoints.MapOutboxApi();
        endpoints.MapReadModelsApi();
        endpoints.MapRetentionApi();
        endpoints.MapConsultationsApi();
        endpoints.MapStatsApi();
        endpoints.MapAppointmentsApi();
        // A hub connection ends with its token or session, instead of outliving a sign-out or an expiry.
        endpoints.MapHub<CasesHub>(CasesHub.Path, hub => hub.CloseOnAuthenticationExpiration = true);
        endpoints.MapServiceHallPages();
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapScalarApiReference("/scalar", options =>
        {
            options.Title = "ServiceHall API";
            // The hall's network reaches no font CDN; the bundled fonts are enough.
            options.DefaultFonts = false;
        });
        return endpoints;
    }
}
