using ServiceHall.Grains.Storage.Postgres;

namespace ServiceHall.Silo;

/// <summary><c>ServiceHall.Silo migrate</c>: applies the PostgreSQL schema, for a deployment step that runs before the silos.</summary>
internal static class SchemaCommand
{
    public static async Task<int> MigrateAsync(ServiceHallOptions options)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole());
        var logger = loggerFactory.CreateLogger("ServiceHall.Migrate");
        if (options.Storage.Mode != StorageMode.Postgres || string.IsNullOrWhiteSpace(options.Storage.Postgres.ConnectionString))
        {
            logger.LogError("migrate needs ServiceHall:Storage:Mode=Postgres and ServiceHall:Storage:Postgres:ConnectionString");
            return 2;
        }

        var migrator = new PostgresSchemaMigrator(loggerFactory.CreateLogger<PostgresSchemaMigrator>());
        var applied = await migrator.MigrateAsync(options.Storage.Postgres.ConnectionString);
        logger.LogInformation("Schema steps applied: {Count}", applied.Count);
        return 0;
    }
}
