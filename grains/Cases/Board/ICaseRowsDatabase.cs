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

    /// <summary>Whether this is PostgreSQL (a few statements differ: bulk backfill, planner statistics).</summary>
    bool IsPostgres { get; }
}
