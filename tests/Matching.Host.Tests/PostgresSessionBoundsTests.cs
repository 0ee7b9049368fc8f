using Matching.Host.Hosting;
using Matching.Testing;
using Npgsql;

namespace Matching.Host.Tests;

/// <summary>
/// The cluster hosts' PostgreSQL sessions carry <c>idle_in_transaction_session_timeout</c>, so that the
/// server ends a transaction whose client is gone (a host cut off mid-transaction) instead of keeping
/// its locks: checked on a real server, with the connection string the host builds.
/// </summary>
public sealed class PostgresSessionBoundsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_transaction_left_waiting_on_its_client_is_ended_by_the_server_and_its_lock_released()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var bounded = PostgresSessionBounds.Apply(postgres.ConnectionString + ";Pooling=false", TimeSpan.FromSeconds(1));

        await using var left = new NpgsqlConnection(bounded);
        await left.OpenAsync(Ct);
        await using (var show = new NpgsqlCommand("SHOW idle_in_transaction_session_timeout", left))
            Assert.Equal("1s", await show.ExecuteScalarAsync(Ct));
        await using (var setup = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS session_bound_probe (id int PRIMARY KEY)", left))
            await setup.ExecuteNonQueryAsync(Ct);

        // The "cut" client: inserts inside a transaction, then never sends COMMIT.
        var id = Random.Shared.Next();
        await using var transaction = await left.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand($"INSERT INTO session_bound_probe VALUES ({id})", left, transaction))
            await insert.ExecuteNonQueryAsync(Ct);

        // Another client inserting the same key waits on the orphaned insert until the server ends it.
        await using var other = new NpgsqlConnection(postgres.ConnectionString + ";Pooling=false");
        await other.OpenAsync(Ct);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await using (var same = new NpgsqlCommand($"INSERT INTO session_bound_probe VALUES ({id})", other) { CommandTimeout = 20 })
            Assert.Equal(1, await same.ExecuteNonQueryAsync(Ct));
        Assert.InRange(waited.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));

        await using var next = new NpgsqlCommand("SELECT 1", left, transaction);
        await Assert.ThrowsAnyAsync<Exception>(() => next.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public void A_connection_string_that_sets_the_timeout_itself_or_a_zero_bound_is_left_as_it_is()
    {
        const string own = "Host=db;Options=-c idle_in_transaction_session_timeout=60000";
        Assert.Equal(own, PostgresSessionBounds.Apply(own, TimeSpan.FromSeconds(5)));
        Assert.Equal("Host=db", PostgresSessionBounds.Apply("Host=db", TimeSpan.Zero));
        Assert.Contains("-c statement_timeout=1000 -c idle_in_transaction_session_timeout=5000",
            new NpgsqlConnectionStringBuilder(PostgresSessionBounds.Apply("Host=db;Options=-c statement_timeout=1000", TimeSpan.FromSeconds(5))).Options);
    }
}
