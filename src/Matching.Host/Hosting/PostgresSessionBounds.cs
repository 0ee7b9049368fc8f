using Npgsql;

namespace Matching.Host.Hosting;

/// <summary>
/// Server-side bounds on the host's PostgreSQL sessions. A host cut off from the network in the middle
/// of a transaction leaves its session open on the server, which cannot tell that the client is gone
/// (the packets are dropped, nothing resets the connection): its locks stay until the link returns.
/// The live-event log's append is such a transaction (several inserts, then COMMIT), and the survivor,
/// re-activating the stream, appends the same stream position and waits on the orphaned insert, so
/// every project grain's outbox behind it times out until then (measured: recovery 35.9 s instead of
/// about 20 s). <c>idle_in_transaction_session_timeout</c> makes the server end such a session, and
/// roll its transaction back, once it has waited that long for its client.
/// </summary>
public static class PostgresSessionBounds
{
    /// <summary>Configuration key of the bound; <c>00:00:00</c> leaves the server's own setting.</summary>
    public const string Key = "Storage:IdleInTransactionTimeout";

    /// <summary>5 s: a transaction of the platform waits on its client for a round trip, not seconds; one ended here is retried.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <paramref name="connectionString"/> with the bound added to its startup <c>Options</c>, unless
    /// it sets <c>idle_in_transaction_session_timeout</c> itself or the bound is zero.
    /// </summary>
    public static string Apply(string connectionString, TimeSpan bound)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (bound <= TimeSpan.Zero || builder.Options?.Contains("idle_in_transaction_session_timeout", StringComparison.Ordinal) == true)
            return connectionString;
        var setting = $"-c idle_in_transaction_session_timeout={(long)bound.TotalMilliseconds}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? setting : $"{builder.Options} {setting}";
        return builder.ConnectionString;
    }
}
