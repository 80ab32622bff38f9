using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.TestSupport;

namespace ServiceHall.Postgres.Tests;

/// <summary>One throwaway PostgreSQL server for the whole assembly; every test makes its own database on it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private Exception? _startFailure;

    public PostgresServer Server
    {
        get
        {
            Prerequisites.Require(PostgresServer.FindBinaries() is not null, "PostgreSQL server (Debian package postgresql)");
            if (_startFailure is not null)
            {
                throw new InvalidOperationException("The throwaway PostgreSQL server did not start.", _startFailure);
            }

            return _server!;
        }
    }

    public async Task InitializeAsync()
    {
        if (PostgresServer.FindBinaries() is null)
        {
            return;
        }

        try
        {
            _server = await PostgresServer.StartAsync();
        }
        catch (Exception exception)
        {
            _startFailure = exception;
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A new database with ServiceHall's schema applied.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await Server.CreateDatabaseAsync();
        await new PostgresSchemaMigrator(Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresSchemaMigrator>.Instance)
            .MigrateAsync(connectionString);
        return connectionString;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
