using System.Diagnostics;
using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace ServiceHall.Silo;

/// <summary>
/// <c>dotnet ServiceHall.Silo.dll backup &lt;file&gt;</c> and <c>restore &lt;file&gt; [--overwrite]</c>, embedded mode.
/// The backup is one zip: the database as SQLite's online backup API copies it (a consistent snapshot, taken while
/// the silo serves), then every other file of the data folder — uploaded scans (<c>documents/</c>) and the hall's
/// keys (<c>keys/</c>: token and certificate signing, the first admin's hash). The keys are included because a
/// restored hall must verify the certificates it signed and keep its staff signed in; so the file is as secret as
/// the data folder and is written owner-only. The one-time <c>initial-admin-password.txt</c> is left out.
/// </summary>
internal static class BackupCommand
{
    public const string BackupName = "backup";
    public const string RestoreName = "restore";
    private const string DatabaseEntry = "servicehall.db";
    private const string InitialPasswordFile = "initial-admin-password.txt";

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args[0];
        var overwrite = args.Contains("--overwrite");
        var file = args.Skip(1).FirstOrDefault(argument => !argument.StartsWith("--", StringComparison.Ordinal));
        if (file is null)
        {
            Console.Error.WriteLine($"usage: dotnet ServiceHall.Silo.dll {verb} <file>{(verb == RestoreName ? " [--overwrite]" : "")} [--ServiceHall:DataFolder=…]");
            return 2;
        }

        // Settings come from appsettings.json, the environment and the remaining --Key=value arguments, as for the silo.
        var settings = args.Skip(1).Where(argument => argument != file && argument != "--overwrite").ToArray();
        var configuration = WebApplication.CreateBuilder(settings).Configuration;
        var options = configuration.GetSection(ServiceHallOptions.SectionName).Get<ServiceHallOptions>() ?? new();
        if (options.Storage.Mode != StorageMode.Embedded)
        {
            Console.Error.WriteLine($"{verb} is for embedded mode; in PostgreSQL mode use pg_dump and pg_restore (docs/operations.md).");
            return 2;
        }

        var dataFolder = options.DataFolderPath;
        var databaseFile = options.Storage.Sqlite.FileName;
        var clock = Stopwatch.StartNew();
        try
        {
            var done = verb == BackupName
                ? await BackupAsync(dataFolder, databaseFile, Path.GetFullPath(file))
                : Restore(Path.GetFullPath(file), dataFolder, databaseFile, overwrite);
            Console.Out.WriteLine($"{done} in {clock.Elapsed.TotalSeconds:F2} s");
            return 0;
        }
        catch (BackupException refusal)
        {
            Console.Error.WriteLine(refusal.Message);
            return 1;
        }
    }

    private static async Task<string> BackupAsync(string dataFolder, string databaseFile, string target)
    {
        var database = Path.Combine(dataFolder, databaseFile);
        if (!File.Exists(database))
        {
            throw new BackupException($"No embedded database at {database}: nothing to back up (is ServiceHall:DataFolder right?).");
        }

        var snapshot = target + ".db-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false }.ToString()))
            {
                await source.OpenAsync();
                await copy.OpenAsync();
                // Copies a consistent state; the silo keeps writing (WAL) meanwhile.
                source.BackupDatabase(copy);
            }

            var temporary = target + ".partial";
            File.Delete(temporary);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
                zip.CreateEntryFromFile(snapshot, DatabaseEntry, CompressionLevel.Fastest);
                // After the snapshot: a scan is stored before the case command that names it, so every scan the
                // snapshot's cases name is already on disk (a later one is an unreferenced extra).
                foreach (var path in Directory.EnumerateFiles(dataFolder, "*", SearchOption.AllDirectories))
                {
                    var name = Path.GetRelativePath(dataFolder, path).Replace('\\', '/');
                    if (!name.StartsWith(databaseFile, StringComparison.Ordinal) && name != InitialPasswordFile
                        && path != snapshot && path != temporary && path != target)
                    {
                        try
                        {
                            zip.CreateEntryFromFile(path, name, CompressionLevel.Fastest);
                        }
                        catch (FileNotFoundException)
                        {
                            // A scan whose application was refused is deleted again; the snapshot never named it.
                        }
                    }
                }
            }

            File.Move(temporary, target, overwrite: true);
            return $"Backed up {dataFolder} to {target} ({new FileInfo(target).Length} bytes)";
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    private static string Restore(string source, string dataFolder, string databaseFile, bool overwrite)
    {
        if (!File.Exists(source))
        {
            throw new BackupException($"No backup file at {source}.");
        }

        using var zip = ZipFile.OpenRead(source);
        if (zip.GetEntry(DatabaseEntry) is null)
        {
            throw new BackupException($"{source} is no ServiceHall backup (it holds no {DatabaseEntry}).");
        }

        if (Directory.Exists(dataFolder) && Directory.EnumerateFileSystemEntries(dataFolder).Any())
        {
            if (!overwrite)
            {
                throw new BackupException($"The data folder {dataFolder} is not empty; stop the silo and add --overwrite to replace it.");
            }

            Directory.Delete(dataFolder, recursive: true);
        }

        Directory.CreateDirectory(dataFolder);
        foreach (var entry in zip.Entries.Where(entry => entry.Name.Length > 0))
        {
            var name = entry.FullName == DatabaseEntry ? databaseFile : entry.FullName;
            var target = Path.GetFullPath(Path.Combine(dataFolder, name));
            if (!target.StartsWith(dataFolder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new BackupException($"{source} names a file outside the data folder ({entry.FullName}); refusing it.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target);
        }

        return $"Restored {source} into {dataFolder} ({zip.Entries.Count} files)";
    }

    private sealed class BackupException(string message) : Exception(message);
}
