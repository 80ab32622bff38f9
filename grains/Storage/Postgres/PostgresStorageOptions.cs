namespace ServiceHall.Grains.Storage.Postgres;

/// <summary>The PostgreSQL mode's database connection.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>Npgsql connection string; <c>Search Path=…</c> may point every provider at a dedicated schema.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending schema steps when the silo starts (turn off when a deployment job migrates instead).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
