namespace ServiceHall.Grains.Storage;

/// <summary>Answers whether the configured durable storage can be reached right now (for readiness checks).</summary>
public interface IStorageProbe
{
    /// <summary>The kind of store only ("PostgreSQL"): health answers are public, so no host, path, user or database name.</summary>
    string Describe();

    /// <summary>Runs a trivial round trip against the store; throws when it cannot be reached.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
