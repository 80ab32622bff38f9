using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
                // Never the password: logs are collected and kept; the README says what the demo password is.
                logger.LogWarning(
                    "Demo mode (ServiceHall:Demo): demo accounts with the README's published password can sign in: {Accounts}",
                    string.Join(", ", organisation.Staff.Select(s => $"{s.Username} ({s.Role}{Scope(s)})")));
            }
            else if (app.Services.GetService<FirstAdminNotice>() is { } admin)
            {
                if (admin.CreatedNow || admin.PasswordFileExists)
                {
                    logger.LogWarning(
                        "No admin is configured, so the account '{Username}' was created at first start; its password is in {PasswordFile} (readable by this user only): read it, then delete the file",
                        FirstStartAdmin.Username, admin.PasswordFile);
                }
            }
            else if (organisation.Staff.Count == 0)
            {
                logger.LogWarning("No staff accounts are configured (ServiceHall:Organisation:Staff): nobody can sign in");
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
