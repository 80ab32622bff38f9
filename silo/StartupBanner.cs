using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Silo;

/// <summary>Tells the operator where everything is once Kestrel has bound its addresses.</summary>
internal static class StartupBanner
{
    public static void LogWhenStarted(WebApplication app, ServiceHallOptions options)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ServiceHall.Silo");
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? [];
            var storage = options.Storage.Mode == StorageMode.Embedded
                ? $"SQLite in {options.DataFolderPath}"
                : "PostgreSQL";
            logger.LogInformation(
                "ServiceHall is up: storage {StorageMode} ({Storage}), silo port {SiloPort}, gateway port {GatewayPort}",
                options.Storage.Mode, storage, options.Cluster.SiloPort, options.Cluster.GatewayPort);
            var organisation = app.Services.GetRequiredService<OrganisationDirectory>();
            if (organisation.IncludesDemoStaff)
            {
                var password = app.Services.GetRequiredService<IOptions<OrganisationOptions>>().Value.DemoPassword;
                logger.LogInformation(
                    "Demo accounts (password {Password}): {Accounts}", password,
                    string.Join(", ", organisation.Staff.Select(s => $"{s.Username} ({s.Role}{Scope(s)})")));
            }

            foreach (var address in addresses)
            {
                var root = address.TrimEnd('/');
                logger.LogInformation(
                    "Listening on {Url} — sign in {Url}/login, board {Url}/board, tracker {Url}/track, API docs {Url}/scalar, dashboard {Url}/dashboard/, readiness {Url}/health/ready",
                    root, root, root, root, root, root, root);
            }
        });
    }

    private static string Scope(StaffAccount staff) =>
        string.Concat(new[] { staff.Hall, staff.Window, staff.Department, staff.District }
            .Where(part => !string.IsNullOrEmpty(part)).Select(part => ", " + part));
}
