namespace Matching.Storage.PostgreSql;

/// <summary>
/// Kept counts of tagged rows per (collection, partition, tag) in <c>matching_tag_count</c>
/// (<c>infra/postgresql/020_row_tag_counts.sql</c>): the total of a tagged page is one keyed read. A trigger
/// on <c>matching_row</c> keeps them in the transaction of the write that changes a row's tag, from the row
/// as it was and as it became, so a replayed put or re-tag counts nothing.
/// </summary>
/// <remarks>
/// Many writes change one partition's counts (every project a county's inbox receives), and up to
/// <see cref="PostgreSqlCommitQueue.InFlight"/> batches commit at once, each touching the counts of many
/// partitions in the order of its writes. So every tagged write (and a delete that says its row may be
/// tagged) names its partition's lock row in <c>matching_tally</c> (<see cref="PostgreSqlStatement.Counts"/>),
/// which the commit queue takes for the whole batch in one order before any statement runs: two batches
/// that count in the same partitions then take turns instead of deadlocking.
/// </remarks>
public sealed partial class PostgreSqlRowStore
{
    private static (string Collection, string Tally) TagCountLock(string collection, string partition) => (collection, "#tags|" + partition);

    /// <summary>The kept count of a partition's rows with each of <paramref name="tags"/>, summed.</summary>
    private async Task<long> TagCountAsync(string collection, string partition, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(sum(count), 0)::bigint FROM matching_tag_count WHERE collection = $1 AND partition = $2 AND tag = ANY($3)");
        command.Parameters.AddWithValue(collection);
        command.Parameters.AddWithValue(partition);
        command.Parameters.AddWithValue(tags.ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
