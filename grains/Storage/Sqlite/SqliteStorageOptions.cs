namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>Where and how the embedded mode keeps its SQLite file.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Folder holding the database file; created when missing.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Database file name inside <see cref="DataFolder"/>.</summary>
    public string FileName { get; set; } = "servicehall.db";

    /// <summary>
    /// SQLite <c>synchronous</c> level. FULL fsyncs every commit, so an acknowledged command survives a power cut,
    /// not only a process crash; NORMAL trades that for speed.
    /// </summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>
    /// How often <see cref="SqliteCheckpointer"/> copies the WAL into the database file, off the command path; zero
    /// leaves it to SQLite's auto-checkpoint inside a committing save.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a writer waits for the file lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataFolder, FileName));
}
