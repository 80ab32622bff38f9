using System.Data.Common;
using Npgsql;

namespace ServiceHall.Grains.Storage.Postgres;

/// <summary>
/// The connection string of the paths every command takes (the case store with its board-row upsert, the Orleans grain-state, reminder
/// and membership providers): the operator's string with two Npgsql settings that issue 20's profile asked for.
/// PostgreSQL spent about a quarter of its CPU per command parsing and planning the same few dozen statements again,
/// and every pooled connection returned was reset with <c>DISCARD ALL</c>, which also threw away the plans the
/// summary trigger's PL/pgSQL had cached.
/// <list type="bullet">
/// <item><c>Max Auto Prepare</c>: a statement run <c>Auto Prepare Min Usages</c> times on a connection is prepared
/// there and afterwards only bound and executed.</item>
/// <item><c>No Reset On Close</c>: nothing on these paths leaves session state behind (no <c>SET</c>, temporary
/// tables, <c>LISTEN</c> or session advisory locks; the migration's lock is taken on a connection of the operator's own
/// string), so the reset only cost a statement per borrow and the cached plans.</item>
/// </list>
/// Either setting named in the operator's string is left as the operator wrote it.
/// </summary>
public static class PostgresCommandConnections
{
    /// <summary>Statements kept prepared per connection: every text of the command paths, with room to spare.</summary>
    public const int MaxAutoPrepare = 64;

    public static string For(string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(named, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!Names(named, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ToString();
    }

    private static bool Names(DbConnectionStringBuilder named, params string[] keys) => keys.Any(named.ContainsKey);
}
