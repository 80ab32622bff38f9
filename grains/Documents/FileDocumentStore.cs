using System.Security.Cryptography;
using System.Text.Json;

namespace ServiceHall.Grains.Documents;

/// <summary>
/// Embedded mode: documents as files in the data folder beside the SQLite database, so backing up that folder backs
/// up everything. Each document is <c>{id}.bin</c> plus <c>{id}.json</c> (its description), both written to a
/// temporary name and renamed, so a crash never leaves a half-written document that looks complete.
/// </summary>
public sealed class FileDocumentStore(string folder, TimeProvider clock) : IDocumentStore
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task<StoredDocument> SaveAsync(NewDocument document, Stream content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        var id = DocumentIds.New();
        var (bin, meta) = Paths(id);
        var temporary = bin + ".tmp";
        long length;
        string sha256;
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            length = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                length += read;
            }

            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        var stored = new StoredDocument
        {
            Id = id,
            Owner = document.Owner,
            FileName = document.FileName,
            ContentType = document.ContentType,
            Length = length,
            Sha256 = sha256,
            StoredAt = clock.GetUtcNow(),
        };
        File.Move(temporary, bin);
        // The description is written last: a document without one is an interrupted save and is never served.
        await File.WriteAllBytesAsync(meta + ".tmp", JsonSerializer.SerializeToUtf8Bytes(stored, JsonSerializerOptions.Web), cancellationToken);
        File.Move(meta + ".tmp", meta);
        return stored;
    }

    public async Task<OpenedDocument?> OpenAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!DocumentIds.IsValid(id))
        {
            return null;
        }

        var (bin, meta) = Paths(id);
        if (!File.Exists(meta) || !File.Exists(bin))
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<StoredDocument>(await File.ReadAllBytesAsync(meta, cancellationToken), JsonSerializerOptions.Web)!;
        return new OpenedDocument(stored, new FileStream(bin, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (DocumentIds.IsValid(id))
        {
            var (bin, meta) = Paths(id);
            File.Delete(meta);
            File.Delete(bin);
        }

        return Task.CompletedTask;
    }

    // Two hex characters of fan-out keep any one directory small after years of uploads.
    private (string Bin, string Meta) Paths(string id)
    {
        var directory = Path.Combine(Folder, id[4..6]);
        Directory.CreateDirectory(directory);
        return (Path.Combine(directory, id + ".bin"), Path.Combine(directory, id + ".json"));
    }
}
