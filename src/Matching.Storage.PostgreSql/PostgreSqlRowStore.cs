using Matching.Contracts.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// The row store in PostgreSQL (<c>infra/postgresql/011_rows.sql</c>), shared by every host of a cluster.
/// Writes go through <paramref name="commits"/>: one call's rows in one transaction, committed together
/// with whatever else the host writes at the same moment.
/// </summary>
public sealed partial class PostgreSqlRowStore(NpgsqlDataSource dataSource, PostgreSqlCommitQueue commits, TimeProvider? time = null) : IRowStore
{
    private const string Delete = "DELETE FROM matching_row WHERE collection = $1 AND partition = $2 AND key = $3";

    private const string Append = """
        INSERT INTO matching_row (collection, partition, key, sort, body, written_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (collection, partition, key) DO NOTHING
        """;

    private const string Put = """
        INSERT INTO matching_row (collection, partition, key, sort, body, written_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (collection, partition, key) DO UPDATE SET sort = excluded.sort, body = excluded.body,
            written_at = excluded.written_at, expires_at = excluded.expires_at, tag = NULL
        """;

    // Tagged rows (016_row_tags.sql): the put and append with their tag, a tag change, a compare-and-set move.
    private const string TaggedAppend = """
        INSERT INTO matching_row (collection, partition, key, sort, body, written_at, expires_at, tag) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (collection, partition, key) DO NOTHING
        """;

    private const string TaggedPut = """
        INSERT INTO matching_row (collection, partition, key, sort, body, written_at, expires_at, tag) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (collection, partition, key) DO UPDATE SET sort = excluded.sort, body = excluded.body,
            written_at = excluded.written_at, expires_at = excluded.expires_at, tag = excluded.tag
        """;

    private const string SetTag = "UPDATE matching_row SET tag = $4 WHERE collection = $1 AND partition = $2 AND key = $3";

    private const string Resort = """
        UPDATE matching_row SET sort = $5, tag = coalesce(tag, $4)
        WHERE collection = $1 AND partition = $2 AND key = $3 AND sort = $6
        """;

    // The append and its tally in one statement: the tally counts one only when the append inserted its row.
    private const string CountedAppend = """
        WITH inserted AS (
            INSERT INTO matching_row (collection, partition, key, sort, body, written_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (collection, partition, key) DO NOTHING
            RETURNING 1)
        INSERT INTO matching_tally (collection, tally, count) SELECT $1, $8, 1 FROM inserted
        ON CONFLICT (collection, tally) DO UPDATE SET count = matching_tally.count + 1
        """;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>A row store committing its writes on its own queue.</summary>
    public PostgreSqlRowStore(NpgsqlDataSource dataSource, TimeProvider? time = null)
        : this(dataSource, new PostgreSqlCommitQueue(dataSource), time)
    {
    }

    public Task WriteAsync(string collection, IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default) =>
        WriteAsync([new RowBatch(collection, writes)], cancellationToken);

    public async Task WriteAsync(IReadOnlyList<RowBatch> batches, CancellationToken cancellationToken = default)
    {
        if (batches.All(b => b.Writes.Count == 0)) return;
        await commits.CommitAsync(Statements(batches), cancellationToken);
    }

    /// <summary>The statements that write <paramref name="batches"/>, for this store's commit queue or another write's transaction.</summary>
    internal List<PostgreSqlStatement> Statements(IReadOnlyList<RowBatch> batches)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var statements = new List<PostgreSqlStatement>();
        foreach (var (collection, write) in batches.SelectMany(b => b.Writes.Select(w => (b.Collection, w))))
        {
            if (write.Retag)
            {
                statements.Add(new PostgreSqlStatement(write.IfSort is null ? SetTag : Resort,
                [
                    new() { Value = collection }, new() { Value = write.Partition }, new() { Value = write.Key },
                    new() { Value = (object?)write.Tag ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                    .. write.IfSort is { } from ? [new NpgsqlParameter { Value = write.Sort ?? from }, new NpgsqlParameter { Value = from }] : Array.Empty<NpgsqlParameter>(),
                ]) { Counts = TagCountLock(collection, write.Partition) });
                continue;
            }

            if (write is { IsDelete: false, Tag: { } tag } && write.Tally is null)
            {
                statements.Add(new PostgreSqlStatement(write.AppendOnly ? TaggedAppend : TaggedPut,
                [
                    .. RowParameters(collection, write, now),
                    new() { Value = tag, NpgsqlDbType = NpgsqlDbType.Text },
                ]) { Counts = TagCountLock(collection, write.Partition) });
                continue;
            }

            statements.Add(write.IsDelete
                ? new PostgreSqlStatement(Delete, [new() { Value = collection }, new() { Value = write.Partition }, new() { Value = write.Key }])
                {
                    Counts = write.Tag is null ? null : TagCountLock(collection, write.Partition),
                }
                : new PostgreSqlStatement(write.AppendOnly ? write.Tally is null ? Append : CountedAppend : Put,
                [
                    .. RowParameters(collection, write, now),
                    .. write is { AppendOnly: true, Tally: { } tally } ? [new NpgsqlParameter { Value = tally, NpgsqlDbType = NpgsqlDbType.Text }] : Array.Empty<NpgsqlParameter>(),
                ]) { Counts = write is { AppendOnly: true, Tally: { } counted } ? (collection, counted) : null });
        }

        return statements;
    }

    /// <summary>The parameters every row insert starts with: the row's key, sort, body, write time and expiry.</summary>
    private static NpgsqlParameter[] RowParameters(string collection, RowWrite write, DateTime now) =>
    [
        new() { Value = collection },
        new() { Value = write.Partition },
        new() { Value = write.Key },
        new() { Value = write.Sort },
        new() { Value = write.Body, NpgsqlDbType = NpgsqlDbType.Jsonb },
        new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        new() { Value = (object?)write.ExpiresAt?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
    ];

    public async Task<StoredRow?> GetAsync(string collection, string partition, string key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT partition, key, sort, body::text, written_at, tag FROM matching_row
            WHERE collection = $1 AND partition = $2 AND key = $3 AND (expires_at IS NULL OR expires_at > $4)
            """);
        command.Parameters.AddWithValue(collection);
        command.Parameters.AddWithValue(partition);
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(_time.GetUtcNow().UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Row(reader) : null;
    }

    public async Task<RowPage> PageAsync(string collection, string partition, RowQuery query, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (query.Tags is not { } asked) return await PageAsync(collection, partition, null, query, now, cancellationToken);

        // One keyset range of the tagged index per tag, each read as far as the page reaches, then merged;
        // the total is the tags' kept counts (PostgreSqlRowStore.TagCounts), not a count of their ranges.
        var tags = RowPages.Distinct(asked);
        var uncounted = query with { Counted = false };
        IReadOnlyList<StoredRow> rows;
        if (tags.Length == 1) rows = (await PageAsync(collection, partition, tags[0], uncounted, now, cancellationToken)).Rows;
        else
        {
            var reach = uncounted with { Skip = 0, Take = Math.Max(0, query.Skip) + Math.Max(0, query.Take) };
            var pages = new List<RowPage>(tags.Length);
            foreach (var tag in tags) pages.Add(await PageAsync(collection, partition, tag, reach, now, cancellationToken));
            rows = RowPages.Merge(pages.Select(p => p.Rows), query.Descending, query.Skip, query.Take);
        }

        return new RowPage(rows, query.Counted && tags.Length > 0 ? await TagCountAsync(collection, partition, tags, cancellationToken) : rows.Count);
    }

    private async Task<RowPage> PageAsync(string collection, string partition, string? tag, RowQuery query, DateTime now, CancellationToken cancellationToken)
    {
        var (after, order) = query.Descending ? ("<", "DESC") : (">", "ASC");
        var tagged = tag is null ? "" : "AND tag = $6";
        var cursor = query.After is null ? "" : tag is null ? $"AND (sort, key) {after} ($6, $7)" : $"AND (sort, key) {after} ($7, $8)";
        await using var page = dataSource.CreateCommand($"""
            SELECT partition, key, sort, body::text, written_at, tag FROM matching_row
            WHERE collection = $1 AND partition = $2 {tagged} AND (expires_at IS NULL OR expires_at > $3) {cursor}
            ORDER BY sort {order}, key {order} LIMIT $4 OFFSET $5
            """);
        page.Parameters.AddWithValue(collection);
        page.Parameters.AddWithValue(partition);
        page.Parameters.AddWithValue(now);
        page.Parameters.AddWithValue(Math.Max(0, query.Take));
        page.Parameters.AddWithValue(Math.Max(0, query.Skip));
        if (tag is not null) page.Parameters.AddWithValue(tag);
        if (query.After is { } position)
        {
            page.Parameters.AddWithValue(position.Sort);
            page.Parameters.AddWithValue(position.Key);
        }

        var rows = new List<StoredRow>();
        await using (var reader = await page.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) rows.Add(Row(reader));
        if (!query.Counted) return new RowPage(rows, rows.Count);

        await using var count = dataSource.CreateCommand(
            $"SELECT count(*) FROM matching_row WHERE collection = $1 AND partition = $2 AND (expires_at IS NULL OR expires_at > $3) {(tag is null ? "" : "AND tag = $4")}");
        count.Parameters.AddWithValue(collection);
        count.Parameters.AddWithValue(partition);
        count.Parameters.AddWithValue(now);
        if (tag is not null) count.Parameters.AddWithValue(tag);
        return new RowPage(rows, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<IReadOnlyList<string>> PartitionsWrittenSinceAsync(string collection, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT partition FROM matching_row WHERE collection = $1 AND written_at >= $2");
        command.Parameters.AddWithValue(collection);
        command.Parameters.AddWithValue(since.UtcDateTime);
        var partitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) partitions.Add(reader.GetString(0));
        return partitions;
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM matching_row WHERE expires_at IS NOT NULL AND expires_at <= $1");
        command.Parameters.AddWithValue(now.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, long>> TalliesAsync(string collection, IReadOnlyList<string> tallies, CancellationToken cancellationToken = default)
    {
        var counts = tallies.Distinct(StringComparer.Ordinal).ToDictionary(t => t, _ => 0L, StringComparer.Ordinal);
        if (counts.Count == 0) return counts;
        await using var command = dataSource.CreateCommand("SELECT tally, count FROM matching_tally WHERE collection = $1 AND tally = ANY($2)");
        command.Parameters.AddWithValue(collection);
        command.Parameters.AddWithValue(counts.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private static StoredRow Row(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero),
            reader.IsDBNull(5) ? null : reader.GetString(5));
}
