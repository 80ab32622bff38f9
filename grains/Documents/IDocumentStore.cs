namespace ServiceHall.Grains.Documents;

/// <summary>
/// Where applicants' uploaded scans are kept. Every silo must read what any silo wrote (an upload through silo A is
/// downloaded through silo B), so the storage mode picks the implementation: the data folder in embedded mode (one
/// silo), PostgreSQL in cluster mode (see <see cref="PostgresDocumentStore"/> for why not a shared disk).
/// </summary>
public interface IDocumentStore
{
    /// <summary>Stores <paramref name="content"/> under a new id and returns what was stored, with its SHA-256.</summary>
    Task<StoredDocument> SaveAsync(NewDocument document, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The document and an open stream of its bytes, or null when no document has this id.</summary>
    Task<OpenedDocument?> OpenAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes a document (an upload whose case was refused); missing ids are ignored.</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>What the caller knows before storing: who it belongs to and what the applicant called it.</summary>
public sealed record NewDocument(string Owner, string FileName, string ContentType);

/// <summary>A stored document's description; <see cref="Sha256"/> is lower-case hex of the stored bytes.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Documents.StoredDocument")]
public sealed record StoredDocument
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Owner { get; init; }
    [Id(2)] public required string FileName { get; init; }
    [Id(3)] public required string ContentType { get; init; }
    [Id(4)] public required long Length { get; init; }
    [Id(5)] public required string Sha256 { get; init; }
    [Id(6)] public required DateTimeOffset StoredAt { get; init; }
}

/// <summary>A document to read; the caller disposes it (closing the stream).</summary>
public sealed class OpenedDocument(StoredDocument document, Stream content) : IAsyncDisposable
{
    public StoredDocument Document { get; } = document;

    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
