namespace ServiceHall.Grains.Storage;

/// <summary>Answers whether the configured durable storage can be reached right now (for readiness checks).</summary>
public interface IStorageProbe
{
    /// <summary>A short description of the store, safe to show (no secrets).</summary>
    string Describe();

    /// <summary>Runs a trivial round trip against the store; throws when it cannot be reached.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
