using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ServiceHall.Api.Pages.Admin;
using ServiceHall.Api.Pages.Apply;
using ServiceHall.Api.Pages.Appointments;
using ServiceHall.Api.Pages.Board;
using ServiceHall.Api.Pages.Cases;
using ServiceHall.Api.Pages.Intake;
using ServiceHall.Api.Pages.Guide;
using ServiceHall.Api.Pages.Coordinator;
using ServiceHall.Api.Pages.Errors;
using ServiceHall.Api.Pages.Home;
using ServiceHall.Api.Pages.Outbox;
using ServiceHall.Api.Pages.SignIn;
using ServiceHall.Api.Pages.Tracker;
using ServiceHall.Api.Pages.Stats;
using ServiceHall.Api.Pages.Verify;

namespace ServiceHall.Api.Pages;

/// <summary>
/// The web pages: Razor components rendered on the server (no WebAssembly, no client framework), small scripts for
/// live updates, strings in resource files (Chinese by default).
/// </summary>
public static class WebPagesExtensions
{
    public static IServiceCollection AddServiceHallPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Chinese text goes out as UTF-8 characters, not one numeric entity per character.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(PageCultures.Configure);
        services.AddBoardPages();
        return services;
    }

    /// <summary>Middleware the pages need before routing: the visitor's language and the static assets.</summary>
    public static IApplicationBuilder UseServiceHallPages(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        app.UseAntiforgery();
        if (Directory.Exists(PageAssets.Folder))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = PageAssets.RequestPath,
                FileProvider = new PhysicalFileProvider(PageAssets.Folder),
                OnPrepareResponse = context =>
                {
                    // Asset URLs carry a content hash (PageAssets.Url), so a cached copy is never stale.
                    if (context.Context.Request.Query.ContainsKey("v"))
                    {
                        context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    }
                },
            });
        }

        return app;
    }

    public static IEndpointRouteBuilder MapServiceHallPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => new RazorComponentResult<HomePage>()).ExcludeFromDescription();
        endpoints.MapGet("/lang/{culture}", PageCultures.Switch).ExcludeFromDescription();
        endpoints.MapSignInPages();
        endpoints.MapBoardPages();
        endpoints.MapStatsPages();
        endpoints.MapCasePages();
        endpoints.MapIntakePages();
        endpoints.MapGuidePages();
        endpoints.MapTrackerPages();
        endpoints.MapCoordinatorPages();
        endpoints.MapOutboxPages();
        endpoints.MapConsultationPages();
        endpoints.MapAdminFormPages();
        endpoints.MapApplyPages();
        endpoints.MapVerifyPages();
        endpoints.MapAppointmentPages();

        // Unknown page addresses get a page; unknown API addresses keep their plain 404.
        endpoints.MapFallback(context =>
        {
            var path = context.Request.Path;
            if (!HttpMethods.IsGet(context.Request.Method) || path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs")
                || path.StartsWithSegments("/elsa") || path.StartsWithSegments(PageAssets.RequestPath))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return new RazorComponentResult<NotFoundPage> { StatusCode = StatusCodes.Status404NotFound }.ExecuteAsync(context);
        }).ExcludeFromDescription();
        return endpoints;
    }
}
