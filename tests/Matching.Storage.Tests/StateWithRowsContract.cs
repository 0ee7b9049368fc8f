using Matching.Contracts.Persistence;
using Matching.Storage.PostgreSql;
using Matching.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace Matching.Storage.Tests;

/// <summary>
/// A grain's state write and the rows its change owes in one transaction (<see cref="OwedWithState"/>): both
/// committed, or, when the state write is refused, neither.
/// </summary>
public abstract class StateWithRowsContract
{
    private const string Collection = "state-with-rows-tests";

    protected static IGrainStorageSerializer Serializer { get; } = new Grains.Persistence.JsonStateSerializer();

    /// <summary>The grain storage and the row store of one database, the storage committing handed-over rows with the state.</summary>
    protected abstract Task<(IGrainStorage Storage, IRowStore Rows)> Open();

    private static IReadOnlyList<RowBatch> Rows(string partition, params string[] keys) =>
        [new RowBatch(Collection, [.. keys.Select(k => RowWrite.Append(partition, k, k, $$"""{"key":"{{k}}"}"""))])];

    private static GrainId Grain() => GrainId.Create("project", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Rows_handed_over_with_a_state_write_are_committed_with_it()
    {
        var (storage, rows) = await Open();
        var (grain, partition) = (Grain(), Guid.NewGuid().ToString("N"));
        var state = new Orleans.GrainState<SampleState>(new SampleState { Title = "first" });

        Assert.True((await OwedWithState.WriteAsync(Rows(partition, "a", "b"), [], () => storage.WriteStateAsync("project", grain, state))).RowsCommitted);
        state.State!.Title = "second";
        Assert.True((await OwedWithState.WriteAsync(Rows(partition, "c"), [], () => storage.WriteStateAsync("project", grain, state))).RowsCommitted);

        var read = new Orleans.GrainState<SampleState>(new SampleState());
        await storage.ReadStateAsync("project", grain, read);
        Assert.Equal("second", read.State!.Title);
        Assert.Equal(state.ETag, read.ETag);
        var page = await rows.PageAsync(Collection, partition, new RowQuery(Take: 10), TestContext.Current.CancellationToken);
        Assert.Equal(["a", "b", "c"], page.Rows.Select(r => r.Key));
    }

    [Fact]
    public async Task A_refused_state_write_commits_none_of_its_rows()
    {
        var (storage, rows) = await Open();
        var (grain, partition) = (Grain(), Guid.NewGuid().ToString("N"));
        var state = new Orleans.GrainState<SampleState>(new SampleState { Title = "stored" });
        await storage.WriteStateAsync("project", grain, state);

        // A stale version (another activation wrote meanwhile), and a first write of a grain that has a row.
        var stale = new Orleans.GrainState<SampleState>(new SampleState { Title = "stale" }) { ETag = "999" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => OwedWithState.WriteAsync(Rows(partition, "stale"), [], () => storage.WriteStateAsync("project", grain, stale)));
        var first = new Orleans.GrainState<SampleState>(new SampleState { Title = "first again" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => OwedWithState.WriteAsync(Rows(partition, "first"), [], () => storage.WriteStateAsync("project", grain, first)));

        var read = new Orleans.GrainState<SampleState>(new SampleState());
        await storage.ReadStateAsync("project", grain, read);
        Assert.Equal("stored", read.State!.Title);
        var page = await rows.PageAsync(Collection, partition, new RowQuery(Take: 10), TestContext.Current.CancellationToken);
        Assert.Empty(page.Rows);

        // The grain goes on with the version it holds: that write and its rows commit.
        state.State!.Title = "next";
        Assert.True((await OwedWithState.WriteAsync(Rows(partition, "next"), [], () => storage.WriteStateAsync("project", grain, state))).RowsCommitted);
        page = await rows.PageAsync(Collection, partition, new RowQuery(Take: 10), TestContext.Current.CancellationToken);
        Assert.Equal(["next"], page.Rows.Select(r => r.Key));
    }

    [Fact]
    public async Task Rows_are_taken_by_one_state_write_only()
    {
        var (storage, rows) = await Open();
        var (grain, other, partition) = (Grain(), Grain(), Guid.NewGuid().ToString("N"));
        var state = new Orleans.GrainState<SampleState>(new SampleState { Title = "a" });
        var second = new Orleans.GrainState<SampleState>(new SampleState { Title = "b" });

        // Two writes in one flow: the first takes the rows, the second writes its state alone.
        Assert.True((await OwedWithState.WriteAsync(Rows(partition, "once"), [], async () =>
        {
            await storage.WriteStateAsync("project", grain, state);
            await storage.WriteStateAsync("project", other, second);
        })).RowsCommitted);
        // Outside an offered write there is nothing to claim.
        Assert.Null(OwedWithState.TryClaim());
        var page = await rows.PageAsync(Collection, partition, new RowQuery(Take: 10), TestContext.Current.CancellationToken);
        Assert.Equal(["once"], page.Rows.Select(r => r.Key));
    }
}

public sealed class SqliteStateWithRowsTests : StateWithRowsContract, IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-storage-tests", Guid.NewGuid().ToString("N"));
    private SqliteStore? _store;

    protected override async Task<(IGrainStorage Storage, IRowStore Rows)> Open()
    {
        _store = SqliteStore.InFolder(_folder);
        await _store.InitializeAsync();
        var rows = new SqliteRowStore(_store);
        var storage = new SqliteGrainStorage("test", "matching-tests", _store, new SqliteGrainStorageOptions { GrainStorageSerializer = Serializer }, NullLogger<SqliteGrainStorage>.Instance, rows, new SqliteEventLog(_store));
        return (storage, rows);
    }

    [Fact]
    public async Task Live_events_handed_over_are_appended_at_their_streams_heads_in_the_state_transaction()
    {
        var (storage, _) = await Open();
        var log = new SqliteEventLog(_store!);
        var (grain, stream) = (GrainId.Create("project", Guid.NewGuid().ToString("N")), "test:" + Guid.NewGuid().ToString("N"));
        static Matching.Contracts.Live.LiveEventDraft Draft(string stream, string id) => new(stream, id, "bidPlaced", 1, DateTimeOffset.UnixEpoch, null, "{}");
        var state = new Orleans.GrainState<SampleState>(new SampleState { Title = "a" });

        // The stream grain's own append takes position 1; the change's events follow it.
        await log.AppendAtHeadAsync([Draft(stream, "own")], TestContext.Current.CancellationToken);
        var first = await OwedWithState.WriteAsync([], [Draft(stream, "e1"), Draft(stream, "e2")], () => storage.WriteStateAsync("project", grain, state));
        Assert.Equal([2L, 3L], first.EventsCommitted!.Select(e => e.Sequence));

        // An outbox sent again with a new event: the stored ones are skipped and take no position.
        var again = await OwedWithState.WriteAsync([], [Draft(stream, "e1"), Draft(stream, "e2"), Draft(stream, "e3")], () => storage.WriteStateAsync("project", grain, state));
        Assert.Equal(["e3"], again.EventsCommitted!.Select(e => e.Id));
        Assert.Equal(4, again.EventsCommitted![0].Sequence);

        // A refused state write appends nothing.
        var stale = new Orleans.GrainState<SampleState>(new SampleState()) { ETag = "999" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => OwedWithState.WriteAsync([], [Draft(stream, "lost")], () => storage.WriteStateAsync("project", grain, stale)));

        var events = await log.ReadAsync(stream, 0, 10, TestContext.Current.CancellationToken);
        Assert.Equal(["own", "e1", "e2", "e3"], events.Select(e => e.Id));
        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.Sequence));
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

public sealed class PostgreSqlStateWithRowsTests(PostgresSilo silo) : StateWithRowsContract, IClassFixture<PostgresSilo>
{
    protected override Task<(IGrainStorage Storage, IRowStore Rows)> Open()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        var source = NpgsqlDataSource.Create(silo.Server.ConnectionString);
        var commits = new PostgreSqlCommitQueue(source);
        var rows = new PostgreSqlRowStore(source, commits);
        var serviceId = silo.Host!.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        return Task.FromResult<(IGrainStorage, IRowStore)>((new PostgreSqlGrainStorage(serviceId, source, commits, Serializer, rows), rows));
    }
}
