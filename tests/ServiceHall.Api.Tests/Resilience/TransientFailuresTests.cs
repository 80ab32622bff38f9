using System.IO;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using ServiceHall.Api.Resilience;

namespace ServiceHall.Api.Tests.Resilience;

/// <summary>
/// Pure unit tests of the classifier that decides between "retry, then 503 nothing was changed" and a 500: only
/// failures of the connection or the server's capacity are passing; a wrong command must never be retried.
/// Copies are made with Orleans' own serializer, configured as the silo configures it (the Npgsql namespace allowed).
/// </summary>
public sealed class TransientFailuresTests
{
    private static readonly Serializer Copier = new ServiceCollection()
        .AddSerializer()
        .Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Npgsql"))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("23503")] // foreign_key_violation
    [InlineData("42P01")] // undefined_table
    [InlineData("42601")] // syntax_error
    [InlineData("57P04")] // database_dropped: not coming back by itself
    public void A_wrong_command_is_not_passing(string sqlState)
    {
        var failure = Postgres(sqlState);

        Assert.Equal(TransientFailure.None, TransientFailures.Classify(failure));
        Assert.Equal(TransientFailure.None, TransientFailures.Classify(new OrleansException("grain call", failure)));
        Assert.Equal(TransientFailure.None, TransientFailures.Classify(CopyFromAnotherSilo(failure)));
    }

    [Theory]
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    [InlineData("53100")] // disk_full
    [InlineData("57P01")] // admin_shutdown
    [InlineData("57P03")] // cannot_connect_now
    public void A_server_that_cannot_work_right_now_is_a_storage_failure(string sqlState)
    {
        var failure = Postgres(sqlState);

        Assert.Equal(TransientFailure.Storage, TransientFailures.Classify(failure));
        Assert.Equal(TransientFailure.Storage, TransientFailures.Classify(new OrleansException("grain call", failure)));
        Assert.Equal(TransientFailure.Storage, TransientFailures.Classify(CopyFromAnotherSilo(failure)));
    }

    [Fact]
    public void A_lost_connection_is_a_storage_failure_here_and_as_a_copy()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        var cutOff = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());

        Assert.Equal(TransientFailure.Storage, TransientFailures.Classify(refused));
        Assert.Equal(TransientFailure.Storage, TransientFailures.Classify(CopyFromAnotherSilo(refused)));
        Assert.Equal(TransientFailure.Storage, TransientFailures.Classify(cutOff));
        Assert.Equal(TransientFailure.Storage, TransientFailures.Classify(CopyFromAnotherSilo(cutOff)));
    }

    [Fact]
    public void An_npgsql_error_without_a_connection_cause_is_not_passing()
    {
        // E.g. a protocol or parameter error on the client side: nothing about it gets better on a retry.
        var failure = new NpgsqlException("Parameter type not supported");

        Assert.Equal(TransientFailure.None, TransientFailures.Classify(failure));
        Assert.Equal(TransientFailure.None, TransientFailures.Classify(CopyFromAnotherSilo(failure)));
    }

    [Fact]
    public void A_silo_failure_is_a_cluster_failure()
    {
        Assert.Equal(TransientFailure.Cluster, TransientFailures.Classify(new SiloUnavailableException()));
        Assert.Equal(TransientFailure.None, TransientFailures.Classify(new InvalidOperationException("bug")));
    }

    [Theory]
    [InlineData("08006", true)]
    [InlineData("53200", true)]
    [InlineData("57P02", true)]
    [InlineData("57P05", false)]
    [InlineData("23505", false)]
    [InlineData("40001", false)]
    [InlineData(null, false)]
    [InlineData("08", false)]
    public void Only_connection_resource_and_shutdown_sqlstates_are_passing(string? sqlState, bool passing) =>
        Assert.Equal(passing, TransientFailures.IsPassingSqlState(sqlState));

    private static PostgresException Postgres(string sqlState) =>
        new("something went wrong", "ERROR", "ERROR", sqlState);

    private static Exception CopyFromAnotherSilo(Exception exception)
    {
        var copy = Copier.Deserialize<Exception>(Copier.SerializeToArray(exception));
        Assert.NotNull(copy);
        // The test is only meaningful if the copy is a real rebuilt exception of the same type.
        Assert.Equal(exception.GetType(), copy.GetType());
        Assert.NotSame(exception, copy);
        return copy;
    }
}
