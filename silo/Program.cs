using ServiceHall.Api;
using ServiceHall.Grains.Applications;
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

var tokenSigning = KeySources.TokenSigning(options);
builder.Services.AddSingleton(tokenSigning);
builder.Services.AddSingleton(ApplicantDigests.DerivedFrom(tokenSigning.Key));
builder.Services.AddSingleton(KeySources.CertificateSigning(options));
builder.AddServiceHallSilo(options);
builder.AddServiceHallTestClock();
builder.AddServiceHallTelemetry(options.Telemetry);
builder.AddServiceHallApi();

var app = builder.Build();
app.UseServiceHallApi();
app.MapServiceHallApi();
app.MapServiceHallTestClock();
app.MapServiceHallDashboard(options.Dashboard);
StartupBanner.LogWhenStarted(app, options);
await app.RunAsync();
return 0;
