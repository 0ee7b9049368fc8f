using Matching.Contracts.Live;

namespace Matching.Storage.Tests;

/// <summary>
/// What every live-event log must do, run against each backend: a batch appended in one call is stored
/// in order, an id the stream already holds is skipped (and not returned as stored), a position taken
/// fails the whole batch, and streams do not see each other's events.
/// </summary>
public abstract class EventLogContract
{
    /// <summary>A log over storage that outlives the instance.</summary>
    protected abstract Task<IEventLog> OpenLog();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LiveEvent Event(string stream, long sequence, string id) =>
        new(stream, sequence, id, "bidPlaced", 1, new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), Guid.NewGuid(), $$"""{"n":{{sequence}}}""");

    [Fact]
    public async Task A_batch_is_stored_in_order_and_ids_already_held_are_skipped()
    {
        var log = await OpenLog();
        var stream = "test:" + Guid.NewGuid().ToString("N");

        var first = await log.AppendAsync([Event(stream, 1, "a"), Event(stream, 2, "b"), Event(stream, 3, "c")], Ct);
        // A resent outbox: "b" is held already, "d" is new.
        var second = await log.AppendAsync([Event(stream, 4, "b"), Event(stream, 5, "d")], Ct);

        Assert.Equal(["a", "b", "c"], first.Select(e => e.Id));
        Assert.Equal(["d"], second.Select(e => e.Id));
        Assert.Equal(5, await log.HeadAsync(stream, Ct));
        var read = await log.ReadAsync(stream, 0, 10, Ct);
        Assert.Equal([1L, 2, 3, 5], read.Select(e => e.Sequence));
        Assert.Equal(["a", "b", "c", "d"], read.Select(e => e.Id));
        Assert.Equal("""{"n":5}""", read[^1].Payload.Replace(" ", ""));
        Assert.Equal(new HashSet<string> { "a", "d" }, await log.ContainsAsync(stream, ["a", "d", "z"], Ct));
        Assert.Empty(await log.ReadAsync("test:" + Guid.NewGuid().ToString("N"), 0, 10, Ct));
    }

    [Fact]
    public async Task A_position_taken_fails_the_batch_and_stores_none_of_it()
    {
        var log = await OpenLog();
        var stream = "test:" + Guid.NewGuid().ToString("N");
        await log.AppendAsync([Event(stream, 1, "a")], Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync([Event(stream, 2, "b"), Event(stream, 1, "c")], Ct));

        Assert.Equal(["a"], (await log.ReadAsync(stream, 0, 10, Ct)).Select(e => e.Id));
        Assert.Equal(1, await log.HeadAsync(stream, Ct));
    }
}

public sealed class SqliteEventLogTests : EventLogContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-event-tests", Guid.NewGuid().ToString("N"));

    protected override Task<IEventLog> OpenLog() => Task.FromResult<IEventLog>(new Sqlite.SqliteEventLog(Path.Combine(_folder, "events.db")));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

public sealed class PostgreSqlEventLogTests(PostgresSilo silo) : EventLogContract, IClassFixture<PostgresSilo>
{
    protected override Task<IEventLog> OpenLog()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        return Task.FromResult<IEventLog>(new PostgreSql.PostgreSqlEventLog(Npgsql.NpgsqlDataSource.Create(silo.Server.ConnectionString)));
    }
}
