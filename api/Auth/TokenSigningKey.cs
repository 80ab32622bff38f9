namespace ServiceHall.Api.Auth;

/// <summary>
/// The symmetric key staff tokens are signed with. It must outlive restarts (or every signed-in clerk is thrown out)
/// and be the same on every silo of a cluster, so the host supplies it: from the data folder in embedded mode, from
/// configuration in PostgreSQL mode.
/// </summary>
public sealed class TokenSigningKey
{
    /// <summary>Shortest key accepted: 256 bits, the HMAC-SHA256 block the tokens are signed with.</summary>
    public const int MinimumBytes = 32;

    public TokenSigningKey(byte[] key)
    {
        if (key.Length < MinimumBytes)
        {
            throw new ArgumentException($"A token-signing key needs at least {MinimumBytes} bytes; this one has {key.Length}.", nameof(key));
        }

        Key = key;
    }

    public byte[] Key { get; }
}
