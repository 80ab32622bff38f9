using ServiceHall.Silo;
using ServiceHall.Silo.Logging;

if (args.FirstOrDefault() == HashPasswordCommand.Name)
{
    return HashPasswordCommand.Run();
}

if (args.FirstOrDefault() is BackupCommand.BackupName or BackupCommand.RestoreName)
{
    return await BackupCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceHallLogging();
var options = builder.Configuration.GetSection(ServiceHallOptions.SectionName).Get<ServiceHallOptions>() ?? new();

if (args.Contains("migrate"))
{
    // Used by the deployment's migration job: apply the PostgreSQL schema and exit without starting a silo.
    return await SchemaCommand.MigrateAsync(options);
}

var app = SiloApplication.Build(builder, options);
StartupBanner.LogWhenStarted(app, options);
await app.RunAsync();
return 0;
