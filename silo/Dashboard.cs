using Orleans.Dashboard;
using ServiceHall.Api.Auth;

namespace ServiceHall.Silo;

/// <summary>
/// The Orleans dashboard shows silo addresses, case ids in reminders and, with its trace, live request data: admins
/// only (bearer token or the pages' session cookie), the trace off unless configured, and optionally on a port of its own.
/// </summary>
internal static class Dashboard
{
    public const string RoutePrefix = "/dashboard";

    public static ISiloBuilder AddServiceHallDashboard(this ISiloBuilder silo, DashboardSettings settings) =>
        silo.AddDashboard(dashboard => dashboard.HideTrace = !settings.Trace);

    public static WebApplication MapServiceHallDashboard(this WebApplication app, DashboardSettings settings)
    {
        var dashboard = app.MapOrleansDashboard(routePrefix: RoutePrefix).RequireAuthorization(AuthExtensions.AdminPolicy);
        if (settings.Port is { } port)
        {
            dashboard.RequireHost($"*:{port}");
        }

        return app;
    }
}
