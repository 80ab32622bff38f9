using System.Data.Common;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// Where the <c>case_summary</c> rows live: the embedded SQLite file or the PostgreSQL database, whichever holds the
/// cases. Each storage mode registers its own; the writer and the board queries use only ADO.NET and portable SQL.
/// </summary>
public interface ICaseRowsDatabase
{
    /// <summary>An open connection with the schema in place; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one case's row outside a case save (a rebuild, the memory case store) unless the stored one is as new or
    /// newer; returns whether it changed. SQLite writes it in the writer's turn, with its kept statement.
    /// </summary>
    Task<bool> UpsertSummaryAsync(CaseSummaryRow row, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same, for a writer that knows <paramref name="previous"/>, the row it saved for the case's previous version:
    /// a database may then write only the columns that changed (SQLite does; the result is the same row).
    /// </summary>
    Task<bool> UpsertSummaryAsync(CaseSummaryRow row, CaseSummaryRow? previous, CancellationToken cancellationToken = default) =>
        UpsertSummaryAsync(row, cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> on a connection that may write (no transaction open; it begins its own). SQLite
    /// runs it on the writer connection in the writer's turn, so it neither polls the file lock nor makes the case
    /// store's writer poll behind it.
    /// </summary>
    Task WriteAsync(Func<DbConnection, CancellationToken, Task> write, CancellationToken cancellationToken = default);

    /// <summary>Whether this is PostgreSQL (a few statements differ: bulk backfill, planner statistics).</summary>
    bool IsPostgres { get; }
}
