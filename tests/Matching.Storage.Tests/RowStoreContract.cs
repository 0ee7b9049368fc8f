using Matching.Contracts.Persistence;

namespace Matching.Storage.Tests;

/// <summary>
/// What every row store must do, run against each backend (SQLite embedded, PostgreSQL in a cluster):
/// idempotent puts, appends and deletes, paging in (sort, key) order both ways with totals, expiry, and
/// the change feed reconciliation reads.
/// </summary>
public abstract partial class RowStoreContract
{
    /// <summary>A store over storage that outlives the instance.</summary>
    protected abstract Task<IRowStore> OpenStore();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewPartition() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Puts_replace_appends_keep_the_first_and_deletes_remove()
    {
        var store = await OpenStore();
        var p = NewPartition();

        await store.WriteAsync("c", [RowWrite.Put(p, "a", "1", """{"v":1}"""), RowWrite.Append(p, "b", "2", """{"v":"first"}""")], Ct);
        await store.WriteAsync("c", [RowWrite.Put(p, "a", "1", """{"v":2}"""), RowWrite.Append(p, "b", "2", """{"v":"second"}""")], Ct);

        Assert.Equal(2, System.Text.Json.JsonDocument.Parse((await store.GetAsync("c", p, "a", Ct))!.Body).RootElement.GetProperty("v").GetInt32());
        Assert.Equal("first", System.Text.Json.JsonDocument.Parse((await store.GetAsync("c", p, "b", Ct))!.Body).RootElement.GetProperty("v").GetString());

        await store.WriteAsync("c", [RowWrite.Delete(p, "a"), RowWrite.Delete(p, "never")], Ct);
        Assert.Null(await store.GetAsync("c", p, "a", Ct));
        Assert.Equal(1, (await store.PageAsync("c", p, new RowQuery(), Ct)).Total);
        // Collections and partitions do not see each other's rows.
        Assert.Null(await store.GetAsync("other", p, "b", Ct));
        Assert.Equal(0, (await store.PageAsync("c", NewPartition(), new RowQuery(), Ct)).Total);
    }

    [Fact]
    public async Task Writes_of_several_collections_are_stored_together_and_an_uncounted_page_skips_the_total()
    {
        var store = await OpenStore();
        var p = NewPartition();
        await store.WriteAsync(
        [
            new RowBatch("c", [RowWrite.Append(p, "a", "1", """{"v":1}"""), RowWrite.Put(p, "b", "2", """{"v":2}""")]),
            new RowBatch("d", [RowWrite.Put(p, "a", "1", """{"v":"d"}""")]),
            new RowBatch("e", []),
        ], Ct);
        // Idempotent as single-collection writes: the append keeps the first, the put replaces.
        await store.WriteAsync([new RowBatch("c", [RowWrite.Append(p, "a", "1", """{"v":9}"""), RowWrite.Delete(p, "b")])], Ct);

        Assert.Equal(1, System.Text.Json.JsonDocument.Parse((await store.GetAsync("c", p, "a", Ct))!.Body).RootElement.GetProperty("v").GetInt32());
        Assert.Null(await store.GetAsync("c", p, "b", Ct));
        Assert.Equal("d", System.Text.Json.JsonDocument.Parse((await store.GetAsync("d", p, "a", Ct))!.Body).RootElement.GetProperty("v").GetString());

        await store.WriteAsync("c", [.. Enumerable.Range(0, 5).Select(i => RowWrite.Put(p, $"k{i}", $"{i + 2}", "{}"))], Ct);
        var counted = await store.PageAsync("c", p, new RowQuery(Take: 2), Ct);
        var uncounted = await store.PageAsync("c", p, new RowQuery(Take: 2, Counted: false), Ct);
        Assert.Equal(6, counted.Total);
        Assert.Equal(counted.Rows.Select(r => r.Key), uncounted.Rows.Select(r => r.Key));
        Assert.Equal(2, uncounted.Total);
    }

    [Fact]
    public async Task Pages_follow_sort_then_key_in_either_direction_with_cursor_skip_and_total()
    {
        var store = await OpenStore();
        var p = NewPartition();
        // Sort keys tie on purpose: the key breaks the tie, in ordinal order (capitals before small letters).
        var rows = Enumerable.Range(0, 25).Select(i => RowWrite.Put(p, $"k{i:D2}", (i / 2).ToString("D3"), $$"""{"i":{{i}}}""")).ToList();
        rows.Add(RowWrite.Put(p, "Z", "012", """{"i":99}"""));
        await store.WriteAsync("c", rows, Ct);

        var ascending = new List<string>();
        for (RowCursor? after = null; ;)
        {
            var page = await store.PageAsync("c", p, new RowQuery(after, 0, 4), Ct);
            Assert.Equal(26, page.Total);
            if (page.Rows.Count == 0) break;
            ascending.AddRange(page.Rows.Select(r => r.Key));
            after = new RowCursor(page.Rows[^1].Sort, page.Rows[^1].Key);
        }

        var expected = rows.OrderBy(r => r.Sort, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).ToList();
        Assert.Equal(expected, ascending);
        var newest = await store.PageAsync("c", p, new RowQuery(Skip: 1, Take: 3, Descending: true), Ct);
        Assert.Equal(Enumerable.Reverse(expected).Skip(1).Take(3), newest.Rows.Select(r => r.Key));
        var before = await store.PageAsync("c", p, new RowQuery(new RowCursor("012", "k24"), 0, 2, Descending: true), Ct);
        Assert.Equal(["Z", "k23"], before.Rows.Select(r => r.Key));
    }

    [Fact]
    public async Task Tagged_pages_read_only_the_tags_asked_for_merged_in_order_with_their_total()
    {
        var store = await OpenStore();
        var p = NewPartition();
        // Three tags interleaved in sort order, and untagged rows the tagged pages never see.
        var rows = Enumerable.Range(0, 30).Select(i => RowWrite.Put(p, $"k{i:D2}", $"{i:D3}", $$"""{"i":{{i}}}""", (i % 3) switch { 0 => "open", 1 => "contested", _ => "other" })).ToList();
        await store.WriteAsync("c", [.. rows, RowWrite.Put(p, "plain", "015", "{}")], Ct);

        var both = await store.PageAsync("c", p, new RowQuery(Skip: 3, Take: 5, Descending: true, Tags: ["open", "contested", "open"]), Ct);
        var expected = rows.Where(r => r.Tag is "open" or "contested").OrderByDescending(r => r.Sort, StringComparer.Ordinal).Select(r => r.Key).ToList();
        Assert.Equal(expected.Skip(3).Take(5), both.Rows.Select(r => r.Key));
        Assert.Equal(20, both.Total);
        Assert.All(both.Rows, r => Assert.Contains(r.Tag, new[] { "open", "contested" }));

        var one = await store.PageAsync("c", p, new RowQuery(Take: 4, Tags: ["other"]), Ct);
        Assert.Equal(["k02", "k05", "k08", "k11"], one.Rows.Select(r => r.Key));
        Assert.Equal(10, one.Total);
        // A cursor pages a tagged range as it pages a partition.
        var next = await store.PageAsync("c", p, new RowQuery(new RowCursor(one.Rows[^1].Sort, one.Rows[^1].Key), 0, 2, Tags: ["other", "open"]), Ct);
        Assert.Equal(["k12", "k14"], next.Rows.Select(r => r.Key));
        Assert.Equal(0, (await store.PageAsync("c", p, new RowQuery(Tags: ["none"]), Ct)).Total);
        Assert.Equal(31, (await store.PageAsync("c", p, new RowQuery(Take: 1), Ct)).Total);
    }

    [Fact]
    public async Task A_tag_change_keeps_the_body_and_a_resort_moves_a_row_only_from_the_sort_it_names()
    {
        var store = await OpenStore();
        var p = NewPartition();
        await store.WriteAsync("c", [RowWrite.Put(p, "a", "old-1", """{"v":1}""", "open"), RowWrite.Put(p, "b", "old-2", """{"v":2}""")], Ct);

        await store.WriteAsync("c", [RowWrite.SetTag(p, "a", "contested"), RowWrite.SetTag(p, "absent", "contested")], Ct);
        var a = (await store.GetAsync("c", p, "a", Ct))!;
        Assert.Equal(("old-1", "contested", 1), (a.Sort, a.Tag, System.Text.Json.JsonDocument.Parse(a.Body).RootElement.GetProperty("v").GetInt32()));
        Assert.Null(await store.GetAsync("c", p, "absent", Ct));
        Assert.Equal(["a"], (await store.PageAsync("c", p, new RowQuery(Tags: ["contested"]), Ct)).Rows.Select(r => r.Key));
        Assert.Empty((await store.PageAsync("c", p, new RowQuery(Tags: ["open"]), Ct)).Rows);

        // A resort applies only from the sort it names, and keeps a tag the row has (a later write's).
        await store.WriteAsync("c", [RowWrite.Resort(p, "a", "old-1", "new-1", "open"), RowWrite.Resort(p, "b", "old-2", "new-2", "open")], Ct);
        await store.WriteAsync("c", [RowWrite.Resort(p, "b", "old-2", "never", "other")], Ct);
        a = (await store.GetAsync("c", p, "a", Ct))!;
        var b = (await store.GetAsync("c", p, "b", Ct))!;
        Assert.Equal(("new-1", "contested"), (a.Sort, a.Tag));
        Assert.Equal(("new-2", "open"), (b.Sort, b.Tag));
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(b.Body).RootElement.GetProperty("v").GetInt32());

        // A put without a tag leaves the row untagged.
        await store.WriteAsync("c", [RowWrite.Put(p, "a", "new-1", "{}")], Ct);
        Assert.Null((await store.GetAsync("c", p, "a", Ct))!.Tag);
        Assert.Equal(["b"], (await store.PageAsync("c", p, new RowQuery(Tags: ["open", "contested"]), Ct)).Rows.Select(r => r.Key));
    }

    [Fact]
    public async Task Expired_rows_are_gone_for_readers_and_purged()
    {
        var store = await OpenStore();
        var p = NewPartition();
        await store.WriteAsync("keys", [
            RowWrite.Put(p, "old", "1", "{}", DateTimeOffset.UtcNow.AddSeconds(-1)),
            RowWrite.Put(p, "live", "2", "{}", DateTimeOffset.UtcNow.AddHours(1)),
        ], Ct);

        Assert.Null(await store.GetAsync("keys", p, "old", Ct));
        Assert.NotNull(await store.GetAsync("keys", p, "live", Ct));
        Assert.Equal(["live"], (await store.PageAsync("keys", p, new RowQuery(), Ct)).Rows.Select(r => r.Key));
        Assert.True(await store.PurgeExpiredAsync(DateTimeOffset.UtcNow, Ct) >= 1);
        Assert.NotNull(await store.GetAsync("keys", p, "live", Ct));
    }

    [Fact]
    public async Task Partitions_written_since_an_instant_are_what_changed_then()
    {
        var store = await OpenStore();
        var (early, late) = (NewPartition(), NewPartition());
        await store.WriteAsync("feed", [RowWrite.Put(early, "a", "1", "{}")], Ct);
        await Task.Delay(50, Ct);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(50, Ct);
        await store.WriteAsync("feed", [RowWrite.Put(late, "a", "1", "{}"), RowWrite.Put(late, "b", "1", "{}")], Ct);

        var changed = await store.PartitionsWrittenSinceAsync("feed", since, Ct);
        Assert.Contains(late, changed);
        Assert.DoesNotContain(early, changed);
        Assert.Single(changed, late);
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing()
    {
        var store = await OpenStore();
        var p = NewPartition();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => store.WriteAsync("c", [RowWrite.Append(p, $"{i:D4}", $"{i:D4}", "{}")], Ct)));

        Assert.Equal(200, (await store.PageAsync("c", p, new RowQuery(Take: 1), Ct)).Total);
    }

    [Fact]
    public async Task A_reopened_store_has_every_acknowledged_row()
    {
        var p = NewPartition();
        await (await OpenStore()).WriteAsync("c", [RowWrite.Append(p, "1", "1", """{"x":"光伏"}""")], Ct);

        var reopened = await OpenStore();
        Assert.Equal("""{"x":"光伏"}""", (await reopened.GetAsync("c", p, "1", Ct))!.Body.Replace(" ", ""));
    }

    [Fact]
    public async Task A_counted_append_counts_once_however_often_and_from_wherever_it_is_written()
    {
        var store = await OpenStore();
        var (p, tally) = (NewPartition(), NewPartition());
        await store.WriteAsync("c", [RowWrite.Counted(p, "a", "1", "{}", tally), RowWrite.Counted(p, "b", "2", "{}", tally)], Ct);
        // Replayed (the rows exist): nothing counts again, in a multi-collection write either; another collection counts its own.
        await store.WriteAsync([new RowBatch("c", [RowWrite.Counted(p, "a", "1", "{}", tally)]), new RowBatch("d", [RowWrite.Counted(p, "a", "1", "{}", tally)])], Ct);
        // A plain append of an existing row, a put or a delete count nothing.
        await store.WriteAsync("c", [RowWrite.Append(p, "plain", "3", "{}"), RowWrite.Put(p, "put", "4", "{}"), RowWrite.Delete(p, "a")], Ct);

        var reopened = await OpenStore();
        await reopened.WriteAsync("c", [RowWrite.Counted(p, "b", "2", "{}", tally), RowWrite.Counted(p, "c", "5", "{}", tally)], Ct);
        var tallies = await reopened.TalliesAsync("c", [tally, "never", tally], Ct);
        Assert.Equal(3, tallies[tally]);
        Assert.Equal(0, tallies["never"]);
        Assert.Equal(1, (await reopened.TalliesAsync("d", [tally], Ct))[tally]);
        Assert.Empty(await reopened.TalliesAsync("c", [], Ct));
    }

    [Fact]
    public async Task Concurrent_writers_of_the_same_counted_rows_count_each_row_once_and_many_tallies_read_in_one_call()
    {
        var store = await OpenStore();
        var p = NewPartition();
        var tallies = Enumerable.Range(0, 600).Select(i => $"{p}|{i}").ToArray();
        // Eight writers each write every row (row i counted in tally i % 600): as replays racing each other.
        var rows = Enumerable.Range(0, 1_200).Select(i => RowWrite.Counted(p, $"k{i}", $"{i:D5}", "{}", tallies[i % tallies.Length])).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            foreach (var chunk in rows.Skip(w * 150).Concat(rows.Take(w * 150)).Chunk(100)) await store.WriteAsync("c", chunk, Ct);
        }, Ct)));

        var counted = await store.TalliesAsync("c", tallies, Ct);
        Assert.Equal(tallies.Length, counted.Count);
        Assert.All(tallies, t => Assert.Equal(2, counted[t]));
    }
}

public sealed class SqliteRowStoreTests : RowStoreContract, IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-row-tests", Guid.NewGuid().ToString("N"));
    private readonly List<Sqlite.SqliteRowStore> _stores = [];

    protected override Task<IRowStore> OpenStore()
    {
        var store = new Sqlite.SqliteRowStore(Path.Combine(_folder, "rows.db"));
        _stores.Add(store);
        return Task.FromResult<IRowStore>(store);
    }

    [Fact]
    public void A_row_read_in_two_tag_ranges_is_merged_once()
    {
        // Re-tagged between the two ranges' reads: in both.
        var row = new StoredRow("p", "k2", "2", "{}", DateTimeOffset.UtcNow, "contested");
        StoredRow[] open = [new("p", "k1", "1", "{}", DateTimeOffset.UtcNow, "open"), row with { Tag = "open" }];
        StoredRow[] contested = [row, new("p", "k3", "3", "{}", DateTimeOffset.UtcNow, "contested")];
        Assert.Equal(["k3", "k2", "k1"], RowPages.Merge([open, contested], descending: true, 0, 10).Select(r => r.Key));
        Assert.Equal(["k2"], RowPages.Merge([open, contested], descending: false, 1, 1).Select(r => r.Key));
    }

    [Fact]
    public async Task A_file_written_before_rows_had_tags_gets_the_column_and_keeps_its_rows()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "old-rows.db");
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await old.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = old.CreateCommand();
            // The layout before tags (as the embedded store wrote it until 016).
            create.CommandText = """
                CREATE TABLE row_item (collection TEXT NOT NULL, partition TEXT NOT NULL, key TEXT NOT NULL, sort TEXT NOT NULL, body TEXT NOT NULL,
                    written_at INTEGER NOT NULL, expires_at INTEGER, PRIMARY KEY (collection, partition, key)) WITHOUT ROWID;
                INSERT INTO row_item VALUES ('c', 'p', 'a', '1', '{"v":1}', 0, NULL);
                """;
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var store = new Sqlite.SqliteRowStore(path);
        _stores.Add(store);
        var ct = TestContext.Current.CancellationToken;
        var kept = (await store.GetAsync("c", "p", "a", ct))!;
        Assert.Equal(("1", (string?)null), (kept.Sort, kept.Tag));
        await store.WriteAsync("c", [RowWrite.SetTag("p", "a", "open"), RowWrite.Put("p", "b", "2", "{}", "open")], ct);
        Assert.Equal(["a", "b"], (await store.PageAsync("c", "p", new RowQuery(Tags: ["open"]), ct)).Rows.Select(r => r.Key));
    }

    [Fact]
    public async Task A_file_tagged_before_the_counts_existed_counts_its_rows_once()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "tagged-rows.db");
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await old.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = old.CreateCommand();
            // The layout of 016 (tags, no kept counts): an inbox of three open entries and one contested.
            create.CommandText = """
                CREATE TABLE row_item (collection TEXT NOT NULL, partition TEXT NOT NULL, key TEXT NOT NULL, sort TEXT NOT NULL, body TEXT NOT NULL,
                    written_at INTEGER NOT NULL, expires_at INTEGER, tag TEXT, PRIMARY KEY (collection, partition, key)) WITHOUT ROWID;
                INSERT INTO row_item VALUES ('c', 'p', 'a', '1', '{}', 0, NULL, 'open'), ('c', 'p', 'b', '2', '{}', 0, NULL, 'open'),
                    ('c', 'p', 'c', '3', '{}', 0, NULL, 'open'), ('c', 'p', 'd', '4', '{}', 0, NULL, 'contested'), ('c', 'p', 'e', '5', '{}', 0, NULL, NULL);
                """;
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var ct = TestContext.Current.CancellationToken;
        var store = new Sqlite.SqliteRowStore(path);
        _stores.Add(store);
        Assert.Equal(4, (await store.PageAsync("c", "p", new RowQuery(Take: 1, Tags: ["open", "contested"]), ct)).Total);
        await store.WriteAsync("c", [RowWrite.SetTag("p", "a", "contested")], ct);
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // Opened again: the counts are kept, not counted a second time.
        var again = new Sqlite.SqliteRowStore(path);
        _stores.Add(again);
        Assert.Equal(2, (await again.PageAsync("c", "p", new RowQuery(Take: 1, Tags: ["open"]), ct)).Total);
        Assert.Equal(2, (await again.PageAsync("c", "p", new RowQuery(Take: 1, Tags: ["contested"]), ct)).Total);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

public sealed class PostgreSqlRowStoreTests(PostgresSilo silo) : RowStoreContract, IClassFixture<PostgresSilo>
{
    protected override Task<IRowStore> OpenStore()
    {
        if (silo.Server.SkipReason is { } reason) Assert.Skip(reason);
        return Task.FromResult<IRowStore>(new PostgreSql.PostgreSqlRowStore(Npgsql.NpgsqlDataSource.Create(silo.Server.ConnectionString)));
    }
}
