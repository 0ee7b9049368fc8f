using Microsoft.Data.Sqlite;

namespace Matching.Storage.Sqlite;

/// <summary>
/// Kept counts of tagged rows per (collection, partition, tag) in <c>row_tag_count</c>, so that the total of
/// a tagged page (<see cref="Matching.Contracts.Persistence.RowQuery.Tags"/>: a county inbox's entries of a
/// status) is one keyed read instead of a count of the tag's range, which grew with the inbox. Triggers on
/// <c>row_item</c> keep them: they run in the transaction of the write that changes a row's tag (an insert, a
/// put, a re-tag, a delete, a purge), and they count what the row became, not what a write asked for, so a
/// replayed put or re-tag, which leaves a row's tag as it was, changes no count. Created once, with a count
/// of the rows already tagged (a file written before the counts existed).
/// </summary>
public sealed partial class SqliteRowStore
{
    private const string TagCountSchema = """
        CREATE TABLE row_tag_count (
            collection TEXT    NOT NULL,
            partition  TEXT    NOT NULL,
            tag        TEXT    NOT NULL,
            count      INTEGER NOT NULL,
            PRIMARY KEY (collection, partition, tag)
        ) WITHOUT ROWID;
        CREATE TRIGGER row_tag_inserted AFTER INSERT ON row_item WHEN new.tag IS NOT NULL BEGIN
            INSERT INTO row_tag_count (collection, partition, tag, count) VALUES (new.collection, new.partition, new.tag, 1)
            ON CONFLICT (collection, partition, tag) DO UPDATE SET count = count + 1;
        END;
        CREATE TRIGGER row_tag_deleted AFTER DELETE ON row_item WHEN old.tag IS NOT NULL BEGIN
            UPDATE row_tag_count SET count = count - 1 WHERE collection = old.collection AND partition = old.partition AND tag = old.tag;
        END;
        CREATE TRIGGER row_tag_changed AFTER UPDATE OF tag ON row_item WHEN old.tag IS NOT new.tag BEGIN
            UPDATE row_tag_count SET count = count - 1 WHERE old.tag IS NOT NULL AND collection = old.collection AND partition = old.partition AND tag = old.tag;
            INSERT INTO row_tag_count (collection, partition, tag, count) SELECT new.collection, new.partition, new.tag, 1 WHERE new.tag IS NOT NULL
            ON CONFLICT (collection, partition, tag) DO UPDATE SET count = count + 1;
        END;
        INSERT INTO row_tag_count (collection, partition, tag, count)
        SELECT collection, partition, tag, count(*) FROM row_item WHERE tag IS NOT NULL GROUP BY collection, partition, tag;
        """;

    /// <summary>Creates the counts, their triggers and the count of the rows tagged so far, in one transaction, unless they exist.</summary>
    private static async Task AddTagCountsAsync(SqliteConnection connection)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var has = connection.CreateCommand();
        has.Transaction = transaction;
        has.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'row_tag_count'";
        if ((long)(await has.ExecuteScalarAsync())! == 0)
        {
            await using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = TagCountSchema;
            await create.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The kept count of a partition's rows with each of <paramref name="tags"/>, summed.</summary>
    private static async Task<long> TagCountAsync(SqliteConnection connection, string collection, string partition, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT coalesce(sum(count), 0) FROM row_tag_count
            WHERE collection = $c AND partition = $p AND tag IN ({string.Join(", ", tags.Select((_, i) => $"$t{i}"))})
            """;
        command.Parameters.AddWithValue("$c", collection);
        command.Parameters.AddWithValue("$p", partition);
        for (var i = 0; i < tags.Count; i++) command.Parameters.AddWithValue($"$t{i}", tags[i]);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
