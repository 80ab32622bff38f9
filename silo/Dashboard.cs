using Orleans.Dashboard;
using ServiceHall.Api.Auth;

namespace ServiceHall.Silo;

/// <summary>
/// The Orleans dashboard shows silo addresses, case ids in reminders and, with its trace, live request data: admins
/// only (bearer token or the pages' session cookie), the trace off unless configured, and optionally only on a port of its
/// own, which the chart keeps out of its Service and Ingress. <c>ServiceHall:Dashboard:Enabled=false</c> leaves it out.
/// </summary>
internal static class Dashboard
{
    public const string RoutePrefix = "/dashboard";

    public static ISiloBuilder AddServiceHallDashboard(this ISiloBuilder silo, DashboardSettings settings)
    {
        if (!settings.Enabled)
        {
            return silo;
        }

        silo.AddDashboard(dashboard => dashboard.HideTrace = !settings.Trace);
        // The profiler times every grain call while someone may be looking; the dashboard page asks every second, so
        // 10 s without a question means nobody is (the default keeps it on for a minute, e.g. after every start).
        silo.Services.Configure<GrainProfilerOptions>(profiler => profiler.DeactivationTime = ProfilerIdle);
        return silo;
    }

    public static readonly TimeSpan ProfilerIdle = TimeSpan.FromSeconds(10);

    public static WebApplication MapServiceHallDashboard(this WebApplication app, DashboardSettings settings)
    {
        if (!settings.Enabled)
        {
            // Nothing is mapped: /dashboard is an unknown address like any other (404).
            return app;
        }

        if (settings.Port is { } port)
        {
            // The port the connection came in on, not the Host header (which a client or proxy may set to anything).
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(RoutePrefix) && context.Connection.LocalPort != port)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            });
        }

        app.MapOrleansDashboard(routePrefix: RoutePrefix).RequireAuthorization(AuthExtensions.AdminPolicy);
        return app;
    }
}
