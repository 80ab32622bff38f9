using System.Security.Cryptography;
using Npgsql;
using ServiceHall.Grains.Documents;

namespace ServiceHall.Postgres.Tests;

/// <summary>
/// The PostgreSQL document store against a real server: what one silo's store saves, another silo's store (a separate
/// instance on the same database) reads back byte for byte with the hash computed at save time.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDocumentStoreTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task ADocumentSavedThroughOneStoreIsReadThroughAnother()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var siloA = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var siloB = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        bytes[0] = (byte)'%';

        var stored = await siloA.SaveAsync(new NewDocument("case-1", "营业执照.pdf", "application/pdf"), new MemoryStream(bytes));
        await using var opened = await siloB.OpenAsync(stored.Id);

        Assert.NotNull(opened);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(stored with { StoredAt = opened!.Document.StoredAt }, opened.Document);
        Assert.True((opened.Document.StoredAt - stored.StoredAt).Duration() < TimeSpan.FromMilliseconds(1));
        using var copy = new MemoryStream();
        await opened.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("case-1", await ScalarAsync<string>(connectionString, $"SELECT owner FROM servicehall_document WHERE id = '{stored.Id}';"));
    }

    [SkippableFact]
    public async Task DeletedAndUnknownDocumentsAreAbsent()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var stored = await store.SaveAsync(new NewDocument("case-2", "scan.png", "image/png"), new MemoryStream([0x89, 0x50, 0x4E, 0x47]));

        await store.DeleteAsync(stored.Id);

        Assert.Null(await store.OpenAsync(stored.Id));
        Assert.Null(await store.OpenAsync(DocumentIds.New()));
        Assert.Null(await store.OpenAsync("../../etc/passwd"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM servicehall_document;"));
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
