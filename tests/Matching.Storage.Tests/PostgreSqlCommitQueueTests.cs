using Matching.Contracts.Live;
using Matching.Contracts.Persistence;
using Matching.Storage.PostgreSql;
using Npgsql;

namespace Matching.Storage.Tests;

/// <summary>
/// Group commit on a real PostgreSQL: concurrent writes share transactions (each row records the id of
/// the transaction that wrote it), every acknowledged write is stored, a write that fails inside a
/// shared batch fails alone while the others of its batch are stored, and a second batch goes out while
/// the first is on its way without the two ever deadlocking on the tallies they both count in.
/// </summary>
public sealed class PostgreSqlCommitQueueTests(PostgresSilo silo) : IClassFixture<PostgresSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(NpgsqlDataSource Source, string Table)> Open()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        var source = NpgsqlDataSource.Create(silo.Server.ConnectionString);
        var table = "queue_" + Guid.NewGuid().ToString("N");
        await using var create = source.CreateCommand($"CREATE TABLE {table} (id integer PRIMARY KEY, xid bigint NOT NULL)");
        await create.ExecuteNonQueryAsync(Ct);
        return (source, table);
    }

    private static PostgreSqlStatement Insert(string table, int id) =>
        new($"INSERT INTO {table} (id, xid) VALUES ($1, txid_current())", [new() { Value = id }]);

    private static async Task<List<(int Id, long Xid)>> Rows(NpgsqlDataSource source, string table)
    {
        await using var read = source.CreateCommand($"SELECT id, xid FROM {table} ORDER BY id");
        await using var reader = await read.ExecuteReaderAsync(Ct);
        var rows = new List<(int, long)>();
        while (await reader.ReadAsync(Ct)) rows.Add((reader.GetInt32(0), reader.GetInt64(1)));
        return rows;
    }

    [Fact]
    public async Task Concurrent_writes_share_commits_and_every_one_is_stored()
    {
        var (source, table) = await Open();
        var queue = new PostgreSqlCommitQueue(source);

        var affected = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(() => queue.CommitAsync([Insert(table, i)], Ct))));

        Assert.All(affected, a => Assert.Equal([1], a));
        var rows = await Rows(source, table);
        Assert.Equal(Enumerable.Range(1, 200), rows.Select(r => r.Id));
        // 200 writers waiting on one another: far fewer transactions than writes.
        Assert.InRange(rows.Select(r => r.Xid).Distinct().Count(), 1, 100);
    }

    [Fact]
    public async Task One_call_is_one_transaction()
    {
        var (source, table) = await Open();
        var queue = new PostgreSqlCommitQueue(source);

        await queue.CommitAsync([Insert(table, 1), Insert(table, 2), Insert(table, 3)], Ct);
        // The second call fails on its last statement: none of it is stored.
        await Assert.ThrowsAsync<PostgresException>(() => queue.CommitAsync([Insert(table, 4), Insert(table, 1)], Ct));

        var rows = await Rows(source, table);
        Assert.Equal([1, 2, 3], rows.Select(r => r.Id));
        Assert.Single(rows.Select(r => r.Xid).Distinct());
    }

    [Fact]
    public async Task A_failing_write_in_a_shared_batch_fails_alone()
    {
        var (source, table) = await Open();
        var queue = new PostgreSqlCommitQueue(source);
        await queue.CommitAsync([Insert(table, 0)], Ct);

        // Writer 50 inserts id 0 again (a key taken); the 99 others, queued with it, must be stored.
        var writes = Enumerable.Range(1, 99).Select(i => queue.CommitAsync([Insert(table, i)], Ct))
            .Append(queue.CommitAsync([Insert(table, 100), Insert(table, 0)], Ct)).ToArray();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return null;
            }
            catch (PostgresException e)
            {
                return e.SqlState;
            }
        }));

        Assert.Equal([PostgresErrorCodes.UniqueViolation], outcomes.OfType<string>());
        Assert.Null(outcomes[..99].FirstOrDefault(o => o is not null));
        Assert.Equal(Enumerable.Range(0, 100), (await Rows(source, table)).Select(r => r.Id));
    }

    [Fact]
    public async Task Rows_and_events_written_at_once_through_one_queue_are_all_stored()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        var source = NpgsqlDataSource.Create(silo.Server.ConnectionString);
        var queue = new PostgreSqlCommitQueue(source);
        var (rows, log) = (new PostgreSqlRowStore(source, queue), new PostgreSqlEventLog(source, queue));
        var partition = "queue-test:" + Guid.NewGuid().ToString("N");
        var stream = "test:" + Guid.NewGuid().ToString("N");
        await log.AppendAsync([Event(stream, 1, "taken")], Ct);

        var rowWrites = Enumerable.Range(0, 50).Select(i => rows.WriteAsync("c", [RowWrite.Append(partition, $"{i:D3}", $"{i:D3}", "{}")], Ct));
        var appends = Enumerable.Range(0, 50).Select(i => log.AppendAsync([Event(stream + i, 1, "e")], Ct));
        // A second writer of the first stream's position 1: refused, alone.
        var clash = log.AppendAsync([Event(stream, 1, "other")], Ct);

        await Task.WhenAll(rowWrites);
        var appended = await Task.WhenAll(appends);
        await Assert.ThrowsAsync<PostgresException>(() => clash);
        Assert.Equal(50, (await rows.PageAsync("c", partition, new RowQuery(Take: 1), Ct)).Total);
        Assert.All(appended, a => Assert.Equal(["e"], a.Select(e => e.Id)));
        Assert.Equal(["taken"], (await log.ReadAsync(stream, 0, 10, Ct)).Select(e => e.Id));
    }

    [Fact]
    public async Task A_write_goes_out_in_a_second_batch_while_the_first_is_on_its_way()
    {
        var (source, table) = await Open();
        var queue = new PostgreSqlCommitQueue(source, inFlight: 2);

        // The first batch takes a second on the server; the write after it must not wait for it.
        var slow = queue.CommitAsync([new($"INSERT INTO {table} (id, xid) SELECT 1, txid_current() FROM pg_sleep(1)", [])], Ct);
        await Task.Delay(200, Ct);
        var quick = queue.CommitAsync([Insert(table, 2)], Ct);

        Assert.Same(quick, await Task.WhenAny(slow, quick));
        Assert.False(slow.IsCompleted);
        await slow;
        var rows = await Rows(source, table);
        Assert.Equal([1, 2], rows.Select(r => r.Id));
        Assert.Equal(2, rows.Select(r => r.Xid).Distinct().Count());
    }

    [Fact]
    public async Task Batches_in_flight_together_counting_in_the_same_tallies_never_deadlock_and_count_each_row_once()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        var source = NpgsqlDataSource.Create(silo.Server.ConnectionString);
        var queue = new PostgreSqlCommitQueue(source, inFlight: 4);
        var rows = new PostgreSqlRowStore(source, queue);
        var collection = "tally-test:" + Guid.NewGuid().ToString("N");
        string[] tallies = ["a", "b", "c", "d", "e"];
        var deadlocks = await Deadlocks(silo.Server.ConnectionString);

        // 300 writers, each counting one row in every tally, the tallies in an order of its own (and some twice: the
        // same row appended again counts nothing).
        var random = new Random(11);
        var writes = Enumerable.Range(0, 300).Select(i => tallies.OrderBy(_ => random.Next())
            .Select(t => RowWrite.Counted(t, $"row-{i % 250}", "0", "{}", t)).ToArray()).ToArray();
        await Task.WhenAll(writes.Select(w => Task.Run(() => rows.WriteAsync(collection, w, Ct))));

        var counts = await rows.TalliesAsync(collection, tallies, Ct);
        Assert.All(tallies, t => Assert.Equal(250, counts[t]));
        // A server process reports its deadlocks when it ends (or seconds later when idle): the queue's connections are closed first.
        await source.DisposeAsync();
        await Task.Delay(1_000, Ct);
        Assert.Equal(deadlocks, await Deadlocks(silo.Server.ConnectionString));
    }

    private static async Task<long> Deadlocks(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static LiveEvent Event(string stream, long sequence, string id) =>
        new(stream, sequence, id, "bidPlaced", 1, new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), Guid.NewGuid(), "{}");
}
