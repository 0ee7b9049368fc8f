using Matching.Contracts.Persistence;
using Microsoft.Data.Sqlite;

namespace Matching.Storage.Sqlite;

/// <summary>
/// The row store in SQLite: in the embedded store's one file (<see cref="SqliteStore"/>), or a file of its
/// own. Writes from every caller are committed together (<see cref="SqliteWriteQueue"/>): under load
/// many grains' rows (and, in the store's file, their grain writes and live events) cost one disk flush,
/// and a quiet store commits each write at once.
/// </summary>
public sealed partial class SqliteRowStore : IRowStore, IAsyncDisposable
{
    internal const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        CREATE TABLE IF NOT EXISTS row_item (
            collection TEXT    NOT NULL,
            partition  TEXT    NOT NULL,
            key        TEXT    NOT NULL,
            sort       TEXT    NOT NULL,
            body       TEXT    NOT NULL,
            written_at INTEGER NOT NULL,
            expires_at INTEGER,
            tag        TEXT,
            PRIMARY KEY (collection, partition, key)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS row_item_order   ON row_item (collection, partition, sort, key);
        CREATE INDEX IF NOT EXISTS row_item_written ON row_item (collection, written_at);
        CREATE INDEX IF NOT EXISTS row_item_expiry  ON row_item (expires_at) WHERE expires_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS row_tally (
            collection TEXT    NOT NULL,
            tally      TEXT    NOT NULL,
            count      INTEGER NOT NULL,
            PRIMARY KEY (collection, tally)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS row_sum_part (
            collection TEXT NOT NULL,
            source     TEXT NOT NULL,
            name       TEXT NOT NULL,
            value      TEXT NOT NULL,
            PRIMARY KEY (collection, source, name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS row_sum (
            collection TEXT NOT NULL,
            name       TEXT NOT NULL,
            value      TEXT NOT NULL,
            PRIMARY KEY (collection, name)
        ) WITHOUT ROWID;
        """;

    // A file written before rows had tags gets the column once; the tagged rows' index in either case
    // (after the column exists). Only tagged rows are in it, so untagged writes (history, keys) pay nothing for it;
    // the expiry is in it so that a tag's count reads the index alone, not every row of the partition.
    private const string TagColumn = "ALTER TABLE row_item ADD COLUMN tag TEXT";
    private const string TagIndex = "CREATE INDEX IF NOT EXISTS row_item_tagged ON row_item (collection, partition, tag, sort, key, expires_at) WHERE tag IS NOT NULL";

    private readonly TimeProvider _time;
    private readonly SqliteFile _file;
    private readonly bool _ownsFile;
    private readonly Lazy<Task> _tagged;

    /// <summary>A row store in a file of its own.</summary>
    public SqliteRowStore(string databasePath, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _file = new SqliteFile(databasePath, Schema);
        _ownsFile = true;
        _tagged = new Lazy<Task>(AddTagsAsync);
    }

    /// <summary>A row store in the embedded store's file, sharing its write queue.</summary>
    public SqliteRowStore(SqliteStore store, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _file = store.File;
        _tagged = new Lazy<Task>(AddTagsAsync);
    }

    public Task WriteAsync(string collection, IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default) =>
        WriteAsync([new RowBatch(collection, writes)], cancellationToken);

    public async Task WriteAsync(IReadOnlyList<RowBatch> batches, CancellationToken cancellationToken = default)
    {
        if (batches.All(b => b.Writes.Count == 0)) return;
        await _tagged.Value.WaitAsync(cancellationToken);
        await _file.Writes.Enqueue((connection, transaction) => WriteAsync(connection, transaction, batches)).WaitAsync(cancellationToken);
    }

    private async Task AddTagsAsync()
    {
        await using var connection = await _file.OpenAsync(CancellationToken.None);
        await using var has = connection.CreateCommand();
        has.CommandText = "SELECT count(*) FROM pragma_table_info('row_item') WHERE name = 'tag'";
        if ((long)(await has.ExecuteScalarAsync())! == 0)
        {
            await using var add = connection.CreateCommand();
            add.CommandText = TagColumn;
            await add.ExecuteNonQueryAsync();
        }

        await using var index = connection.CreateCommand();
        index.CommandText = TagIndex;
        await index.ExecuteNonQueryAsync();
        await AddTagCountsAsync(connection);
    }

    /// <summary>The file the rows are in.</summary>
    internal SqliteFile File => _file;

    /// <summary>Completes once the row table has its tag column and index (a store written before them is migrated on first use).</summary>
    internal Task ReadyAsync() => _tagged.Value;

    /// <summary>Writes <paramref name="batches"/> in <paramref name="transaction"/>, a transaction of the store's write queue that also holds other writes.</summary>
    internal async Task<bool> WriteAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<RowBatch> batches)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO row_item (collection, partition, key, sort, body, written_at, expires_at, tag) VALUES ($c, $p, $k, $s, $b, $w, $e, $t)
            ON CONFLICT (collection, partition, key) DO UPDATE SET sort = excluded.sort, body = excluded.body,
                written_at = excluded.written_at, expires_at = excluded.expires_at, tag = excluded.tag
            """;
        await using var append = connection.CreateCommand();
        append.Transaction = transaction;
        append.CommandText = """
            INSERT INTO row_item (collection, partition, key, sort, body, written_at, expires_at, tag) VALUES ($c, $p, $k, $s, $b, $w, $e, $t)
            ON CONFLICT (collection, partition, key) DO NOTHING
            """;
        await using var retag = connection.CreateCommand();
        retag.Transaction = transaction;
        retag.CommandText = "UPDATE row_item SET tag = $t WHERE collection = $c AND partition = $p AND key = $k";
        await using var resort = connection.CreateCommand();
        resort.Transaction = transaction;
        resort.CommandText = """
            UPDATE row_item SET sort = $s, tag = coalesce(tag, $t)
            WHERE collection = $c AND partition = $p AND key = $k AND sort = $from
            """;
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM row_item WHERE collection = $c AND partition = $p AND key = $k";
        await using var tally = connection.CreateCommand();
        tally.Transaction = transaction;
        tally.CommandText = """
            INSERT INTO row_tally (collection, tally, count) VALUES ($c, $t, 1)
            ON CONFLICT (collection, tally) DO UPDATE SET count = row_tally.count + 1
            """;
        tally.Parameters.Add(new SqliteParameter("$c", null));
        tally.Parameters.Add(new SqliteParameter("$t", null));
        foreach (var command in new[] { upsert, append })
            foreach (var name in new[] { "$c", "$p", "$k", "$s", "$b", "$w", "$e", "$t" }) command.Parameters.Add(new SqliteParameter(name, null));
        foreach (var name in new[] { "$c", "$p", "$k" }) delete.Parameters.Add(new SqliteParameter(name, null));
        foreach (var name in new[] { "$c", "$p", "$k", "$t" }) retag.Parameters.Add(new SqliteParameter(name, null));
        foreach (var name in new[] { "$c", "$p", "$k", "$t", "$s", "$from" }) resort.Parameters.Add(new SqliteParameter(name, null));

        foreach (var (collection, write) in batches.SelectMany(b => b.Writes.Select(w => (b.Collection, w))))
        {
            if (write.Retag)
            {
                var change = write.IfSort is null ? retag : resort;
                change.Parameters["$c"].Value = collection;
                change.Parameters["$p"].Value = write.Partition;
                change.Parameters["$k"].Value = write.Key;
                change.Parameters["$t"].Value = (object?)write.Tag ?? DBNull.Value;
                if (write.IfSort is { } from)
                {
                    change.Parameters["$s"].Value = write.Sort ?? from;
                    change.Parameters["$from"].Value = from;
                }

                await change.ExecuteNonQueryAsync();
                continue;
            }

            var command = write.IsDelete ? delete : write.AppendOnly ? append : upsert;
            command.Parameters["$c"].Value = collection;
            command.Parameters["$p"].Value = write.Partition;
            command.Parameters["$k"].Value = write.Key;
            if (!write.IsDelete)
            {
                command.Parameters["$s"].Value = write.Sort;
                command.Parameters["$b"].Value = write.Body;
                command.Parameters["$w"].Value = now;
                command.Parameters["$e"].Value = (object?)write.ExpiresAt?.ToUnixTimeMilliseconds() ?? DBNull.Value;
                command.Parameters["$t"].Value = (object?)write.Tag ?? DBNull.Value;
            }

            var inserted = await command.ExecuteNonQueryAsync();
            // Only a row this write inserted counts: one that existed was counted by the write that inserted it.
            if (write is { AppendOnly: true, Tally: { } name } && !write.IsDelete && inserted == 1)
            {
                tally.Parameters["$c"].Value = collection;
                tally.Parameters["$t"].Value = name;
                await tally.ExecuteNonQueryAsync();
            }
        }

        return true;
    }

    public async Task<StoredRow?> GetAsync(string collection, string partition, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT partition, key, sort, body, written_at, tag FROM row_item
            WHERE collection = $c AND partition = $p AND key = $k AND (expires_at IS NULL OR expires_at > $now)
            """;
        command.Parameters.AddWithValue("$c", collection);
        command.Parameters.AddWithValue("$p", partition);
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Row(reader) : null;
    }

    public async Task<RowPage> PageAsync(string collection, string partition, RowQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (query.Tags is not { } asked)
            return await PageAsync(connection, collection, partition, null, query, now, cancellationToken);

        // One keyset range of the tagged index per tag, each read as far as the page reaches, then merged.
        // The total is the tags' kept counts (SqliteRowStore.TagCounts), not a count of their ranges.
        var tags = RowPages.Distinct(asked);
        var uncounted = query with { Counted = false };
        IReadOnlyList<StoredRow> rows;
        if (tags.Length == 1) rows = (await PageAsync(connection, collection, partition, tags[0], uncounted, now, cancellationToken)).Rows;
        else
        {
            var reach = uncounted with { Skip = 0, Take = Math.Max(0, query.Skip) + Math.Max(0, query.Take) };
            var pages = new List<RowPage>(tags.Length);
            foreach (var tag in tags) pages.Add(await PageAsync(connection, collection, partition, tag, reach, now, cancellationToken));
            rows = RowPages.Merge(pages.Select(p => p.Rows), query.Descending, query.Skip, query.Take);
        }

        return new RowPage(rows, query.Counted && tags.Length > 0 ? await TagCountAsync(connection, collection, partition, tags, cancellationToken) : rows.Count);
    }

    private static async Task<RowPage> PageAsync(SqliteConnection connection, string collection, string partition, string? tag, RowQuery query, long now, CancellationToken cancellationToken)
    {
        await using var page = connection.CreateCommand();
        var (after, order) = query.Descending ? ("<", "DESC") : (">", "ASC");
        var cursor = query.After is null ? "" : $"AND (sort {after} $s OR (sort = $s AND key {after} $k))";
        var tagged = tag is null ? "" : "AND tag = $t";
        page.CommandText = $"""
            SELECT partition, key, sort, body, written_at, tag FROM row_item
            WHERE collection = $c AND partition = $p {tagged} AND (expires_at IS NULL OR expires_at > $now) {cursor}
            ORDER BY sort {order}, key {order} LIMIT $take OFFSET $skip
            """;
        page.Parameters.AddWithValue("$c", collection);
        page.Parameters.AddWithValue("$p", partition);
        page.Parameters.AddWithValue("$now", now);
        page.Parameters.AddWithValue("$take", Math.Max(0, query.Take));
        page.Parameters.AddWithValue("$skip", Math.Max(0, query.Skip));
        if (tag is not null) page.Parameters.AddWithValue("$t", tag);
        if (query.After is { } position)
        {
            page.Parameters.AddWithValue("$s", position.Sort);
            page.Parameters.AddWithValue("$k", position.Key);
        }

        var rows = new List<StoredRow>();
        await using (var reader = await page.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) rows.Add(Row(reader));
        if (!query.Counted) return new RowPage(rows, rows.Count);

        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM row_item WHERE collection = $c AND partition = $p {tagged} AND (expires_at IS NULL OR expires_at > $now)";
        count.Parameters.AddWithValue("$c", collection);
        count.Parameters.AddWithValue("$p", partition);
        count.Parameters.AddWithValue("$now", now);
        if (tag is not null) count.Parameters.AddWithValue("$t", tag);
        return new RowPage(rows, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<IReadOnlyList<string>> PartitionsWrittenSinceAsync(string collection, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT partition FROM row_item WHERE collection = $c AND written_at >= $w";
        command.Parameters.AddWithValue("$c", collection);
        command.Parameters.AddWithValue("$w", since.ToUnixTimeMilliseconds());
        var partitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) partitions.Add(reader.GetString(0));
        return partitions;
    }

    // Through the queue like every write: beside it, the delete would wait (busy) for the queue's write lock.
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _file.Writes.Enqueue(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM row_item WHERE expires_at IS NOT NULL AND expires_at <= $now";
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync();
        }).WaitAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, long>> TalliesAsync(string collection, IReadOnlyList<string> tallies, CancellationToken cancellationToken = default)
    {
        var counts = tallies.Distinct(StringComparer.Ordinal).ToDictionary(t => t, _ => 0L, StringComparer.Ordinal);
        if (counts.Count == 0) return counts;
        await using var connection = await OpenAsync(cancellationToken);
        // Keyed reads in chunks, well within SQLite's parameter limit.
        foreach (var chunk in counts.Keys.ToList().Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = string.Join(", ", chunk.Select((_, i) => $"$t{i}"));
            command.CommandText = $"SELECT tally, count FROM row_tally WHERE collection = $c AND tally IN ({names})";
            command.Parameters.AddWithValue("$c", collection);
            for (var i = 0; i < chunk.Length; i++) command.Parameters.AddWithValue($"$t{i}", chunk[i]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public ValueTask DisposeAsync() => _ownsFile ? _file.DisposeAsync() : ValueTask.CompletedTask;

    private static StoredRow Row(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            reader.IsDBNull(5) ? null : reader.GetString(5));

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _tagged.Value.WaitAsync(cancellationToken);
        return await _file.OpenAsync(cancellationToken);
    }
}
