using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceHall.Grains.Documents;
using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.TestSupport;

namespace ServiceHall.Benchmarks;

/// <summary>
/// Memory of the PostgreSQL document store per upload and download as files grow: bytes allocated in this process
/// (every thread) while one document is saved from a file and read back to nowhere. Chunked storage should keep this
/// flat as the size grows; a store that holds the file whole allocates at least the file's size again and again.
/// </summary>
public sealed class DocumentsBenchmark : IBenchmark
{
    private const int MiB = 1024 * 1024;

    public string Name => "documents";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance).MigrateAsync(connectionString, cancellationToken);
        var store = new PostgresDocumentStore(connectionString, TimeProvider.System);
        using var folder = new TemporaryFolder("servicehall-documents-benchmark");

        // A small document first, so the driver's pools and buffers exist before anything is counted.
        await RoundTripAsync(store, await WriteFileAsync(folder, MiB / 4, cancellationToken), cancellationToken);

        var rows = new List<BenchmarkRow>();
        foreach (var megabytes in settings.Smoke ? [1, 4] : new[] { 1, 8, 32 })
        {
            var file = await WriteFileAsync(folder, megabytes * MiB, cancellationToken);
            var (upload, download, uploadTime, downloadTime) = await RoundTripAsync(store, file, cancellationToken);
            rows.Add(new BenchmarkRow(Name, string.Create(CultureInfo.InvariantCulture, $"PostgreSQL store, {megabytes} MiB document"),
                new Dictionary<string, double>
                {
                    ["upload alloc MiB"] = upload / (double)MiB,
                    ["download alloc MiB"] = download / (double)MiB,
                    ["upload MiB/s"] = megabytes / uploadTime.TotalSeconds,
                    ["download MiB/s"] = megabytes / downloadTime.TotalSeconds,
                },
                new Dictionary<string, string> { ["chunk"] = $"{PostgresDocumentStore.ChunkSize / 1024} KiB" }));
        }

        return rows;
    }

    private static async Task<(long Upload, long Download, TimeSpan UploadTime, TimeSpan DownloadTime)> RoundTripAsync(
        PostgresDocumentStore store, string file, CancellationToken cancellationToken)
    {
        var length = new FileInfo(file).Length;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        StoredDocument stored;
        await using (var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            stored = await store.SaveAsync(new NewDocument("benchmark", Path.GetFileName(file), "application/pdf"), content, cancellationToken);
        }

        var uploadTime = clock.Elapsed;
        var upload = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        allocated = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
        long read;
        await using (var opened = await store.OpenAsync(stored.Id, cancellationToken) ?? throw new InvalidOperationException("The document just saved is missing."))
        {
            var counter = new CountingStream();
            await opened.Content.CopyToAsync(counter, 81920, cancellationToken);
            read = counter.Count;
        }

        var downloadTime = clock.Elapsed;
        var download = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        if (stored.Length != length || read != length)
        {
            throw new InvalidOperationException($"{file}: {length} bytes on disk, {stored.Length} stored, {read} read back.");
        }

        await store.DeleteAsync(stored.Id, cancellationToken);
        return (upload, download, uploadTime, downloadTime);
    }

    private static async Task<string> WriteFileAsync(TemporaryFolder folder, int length, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder.Path, $"scan-{length}.pdf");
        var bytes = RandomNumberGenerator.GetBytes(length);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        return path;
    }

    /// <summary>A sink that only counts, so reading back allocates nothing on the benchmark's side.</summary>
    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
