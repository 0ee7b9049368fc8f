using Npgsql;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// The statements a host sends are few and the same every time (a grain write, a page of rows, an
/// event append): Npgsql prepares those used more than once on each connection, so PostgreSQL parses
/// and plans them once per connection instead of on every call. PostgreSQL shares the machine's cores
/// with the hosts in small deployments, where that planning was a visible part of every bid.
/// A connection string that sets <c>Max Auto Prepare</c> itself keeps its own value (0 turns it off).
/// </summary>
/// <remarks>
/// With statements prepared, Npgsql cannot reset a pooled connection with <c>DISCARD ALL</c> (it would drop
/// them) and instead sends seven statements (<c>CLOSE ALL</c>, <c>UNLISTEN *</c>, <c>RESET ALL</c>, …) ahead of
/// the next command of every connection taken from the pool: measured with <c>pg_stat_statements</c>, 42 of
/// the 55 statements a bid cost the server. The platform never leaves session state on a connection (no
/// <c>SET</c>, <c>LISTEN</c>, temporary tables or session locks; its only lock is a transaction's), so the
/// reset is skipped (<c>No Reset On Close</c>) unless the connection string asks for it.
/// </remarks>
public static class PostgreSqlStatements
{
    /// <summary>Statements kept prepared per connection unless the connection string says otherwise.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>The connection string with automatic preparation of repeated statements and no reset of pooled connections.</summary>
    public static string Prepared(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages) = (MaxAutoPrepare, 2);
        if (!Sets(connectionString, "No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    private static bool Sets(string connectionString, params string[] names) =>
        names.Any(name => connectionString.Contains(name, StringComparison.OrdinalIgnoreCase));
}
