using System.Data.Common;
using System.Net.Sockets;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;

namespace ServiceHall.Api.Resilience;

/// <summary>What kind of passing failure an exception stands for, if any.</summary>
public enum TransientFailure
{
    /// <summary>Not passing: a bug or a refusal; retrying would fail the same way.</summary>
    None,

    /// <summary>A silo died, is leaving, or a message was lost: another attempt reaches the grain's new home.</summary>
    Cluster,

    /// <summary>The durable store did not answer: the command was not applied and may be tried again later.</summary>
    Storage,
}

/// <summary>Sorts exceptions from grain calls into passing failures (worth a retry or a 503) and everything else.</summary>
public static class TransientFailures
{
    public static TransientFailure Classify(Exception exception)
    {
        var storage = false;
        foreach (var cause in Chain(exception))
        {
            switch (cause)
            {
                case SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
                    or GatewayTooBusyException or TimeoutException:
                    return TransientFailure.Cluster;
                // The stored row moved on (e.g. a write whose acknowledgement was lost): Orleans drops the activation,
                // and the next call reads the current state, where an idempotent retry finds its own result.
                case InconsistentStateException:
                    return TransientFailure.Cluster;
                case DbException db when IsTransient(db):
                case SocketException:
                    storage = true;
                    break;
                // Npgsql's exceptions thrown on another silo arrive as copies that keep their type but not their
                // details (so DbException.IsTransient cannot be trusted), or as a fallback naming the type.
                case UnavailableExceptionFallbackException fallback when IsStorageType(fallback.ExceptionType):
                    storage = true;
                    break;
                case CodecNotFoundException notFound when IsStorageType(notFound.Message):
                    storage = true;
                    break;
                case { } other when IsStorageType(other.GetType().FullName):
                    storage = true;
                    break;
            }
        }

        return storage ? TransientFailure.Storage : TransientFailure.None;
    }

    private static bool IsTransient(DbException exception)
    {
        try
        {
            return exception.IsTransient;
        }
        catch (Exception)
        {
            // A copy rebuilt from another silo may lack the fields the property reads.
            return false;
        }
    }

    // Every error the ADO.NET providers raise on PostgreSQL comes from Npgsql: the connection, the server going away,
    // a timeout. None of them means the command was wrong, so each is a reason to try again later, not a 500.
    private static bool IsStorageType(string? text) =>
        text is not null
        && (text.Contains("Npgsql.", StringComparison.Ordinal) || text.Contains("System.Net.Sockets.SocketException", StringComparison.Ordinal));

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
