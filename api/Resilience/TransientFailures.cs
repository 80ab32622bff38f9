using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
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
    private const string PostgresExceptionType = "Npgsql.PostgresException";

    // Types that only ever mean "the connection to the store failed", whether thrown here or named by a copy from
    // another silo. A bare NpgsqlException is not among them: without its inner cause it may be a protocol error.
    private static readonly string[] ConnectionFailureTypes =
        ["System.Net.Sockets.SocketException", "System.IO.IOException", "System.IO.EndOfStreamException"];

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
                case DbException db when IsPassing(db):
                case SocketException:
                    storage = true;
                    break;
                // A storage exception thrown on another silo whose type Orleans could not rebuild arrives as a
                // fallback that keeps only the type's name and the message.
                case UnavailableExceptionFallbackException fallback when IsPassing(fallback.ExceptionType, fallback.Message):
                    storage = true;
                    break;
            }
        }

        return storage ? TransientFailure.Storage : TransientFailure.None;
    }

    /// <summary>
    /// Only SQLSTATE classes that say the server could not do the work right now: 08 (connection), 53 (insufficient
    /// resources: disk, memory, too many connections) and 57P01–57P03 (shut down, crashed, not yet accepting).
    /// A constraint violation, a missing table or a syntax error would fail the same way on every retry: a 500.
    /// </summary>
    public static bool IsPassingSqlState(string? sqlState) =>
        sqlState is { Length: 5 }
        && (sqlState.StartsWith("08", StringComparison.Ordinal)
            || sqlState.StartsWith("53", StringComparison.Ordinal)
            || sqlState is "57P01" or "57P02" or "57P03");

    private static bool IsPassing(DbException exception)
    {
        // A copy rebuilt on another silo keeps its type, message and inner exception, but not the fields behind
        // SqlState; PostgreSQL's error text starts with the SQLSTATE, so the message still carries it.
        var sqlState = SafeSqlState(exception)
            ?? (exception is PostgresException ? SqlStateInMessage(exception.Message) : null);
        if (sqlState is not null)
        {
            return IsPassingSqlState(sqlState);
        }

        // No SQLSTATE: a client-side failure, which Npgsql marks transient when its cause is the connection
        // (I/O, socket, timeout) — the inner exception survives the copy, so this holds for copies as well.
        return exception is NpgsqlException && SafeIsTransient(exception);
    }

    private static bool IsPassing(string? typeName, string? message) =>
        typeName switch
        {
            null => false,
            PostgresExceptionType => IsPassingSqlState(SqlStateInMessage(message)),
            _ => ConnectionFailureTypes.Contains(typeName, StringComparer.Ordinal),
        };

    // "57P01: terminating connection due to administrator command" -> "57P01".
    private static string? SqlStateInMessage(string? message) =>
        message is { Length: >= 6 } && message[5] == ':' && message[..5].All(char.IsAsciiLetterOrDigit) ? message[..5] : null;

    private static string? SafeSqlState(DbException exception)
    {
        try
        {
            return exception.SqlState;
        }
        catch (Exception)
        {
            // A copy rebuilt from another silo may lack the fields the property reads.
            return null;
        }
    }

    private static bool SafeIsTransient(DbException exception)
    {
        try
        {
            return exception.IsTransient;
        }
        catch (Exception)
        {
            return false;
        }
    }

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
