using Npgsql;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// The statements a host sends are few and the same every time (a grain write, a page of rows, an
/// event append): Npgsql prepares those used more than once on each connection, so PostgreSQL parses
/// and plans them once per connection instead of on every call. PostgreSQL shares the machine's cores
/// with the hosts in small deployments, where that planning was a visible part of every bid.
/// A connection string that sets <c>Max Auto Prepare</c> itself keeps its own value (0 turns it off).
/// </summary>
public static class PostgreSqlStatements
{
    /// <summary>Statements kept prepared per connection unless the connection string says otherwise.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>The connection string with automatic preparation of repeated statements.</summary>
    public static string Prepared(string connectionString)
    {
        if (connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase) ||
            connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare, AutoPrepareMinUsages = 2 }.ConnectionString;
    }
}
