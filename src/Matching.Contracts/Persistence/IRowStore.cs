namespace Matching.Contracts.Persistence;

/// <summary>
/// Storage for what accumulates with use (project history, inbox entries, idempotency keys, the
/// investor index, audit): a row per item, grouped in collections and partitions, read in pages. Grain
/// rows hold only what a grain's turn decides on; everything that grows lives here instead. SQLite in
/// the embedded profile, PostgreSQL in a cluster; both pass <c>tests/Matching.Storage.Tests</c>' row-store contract.
/// </summary>
public interface IRowStore
{
    /// <summary>
    /// Applies the writes in one transaction, in order. A write is idempotent: an append-only row that
    /// exists is left as it is, a put replaces, a delete of an absent row does nothing.
    /// </summary>
    Task WriteAsync(string collection, IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the writes of several collections in one transaction, in order (what one stored change
    /// owes its row projections: one commit instead of one per collection). The same idempotence as above.
    /// </summary>
    Task WriteAsync(IReadOnlyList<RowBatch> batches, CancellationToken cancellationToken = default);

    /// <summary>One row, or null when absent or expired.</summary>
    Task<StoredRow?> GetAsync(string collection, string partition, string key, CancellationToken cancellationToken = default);

    /// <summary>A page of a partition's live rows ordered by (sort, key), and the partition's total.</summary>
    Task<RowPage> PageAsync(string collection, string partition, RowQuery query, CancellationToken cancellationToken = default);

    /// <summary>The partitions of a collection with a row written at or after <paramref name="since"/> (what changed since then).</summary>
    Task<IReadOnlyList<string>> PartitionsWrittenSinceAsync(string collection, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Deletes every row whose expiry has passed; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The named tallies of a collection (see <see cref="RowWrite.Tally"/>): how many rows that named them
    /// were inserted; a tally never named is 0. One keyed read per tally, whatever the rows behind it.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> TalliesAsync(string collection, IReadOnlyList<string> tallies, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces what one source (an agreement) contributes to a collection's named sums with
    /// <paramref name="parts"/> (sum name → the source's current value; a sum not named contributes 0), and
    /// adds the difference from the source's previous parts to each sum, in one transaction. Writing the
    /// same parts again changes nothing, so a replayed or repeated recount never counts twice.
    /// </summary>
    Task ContributeAsync(string collection, string source, IReadOnlyDictionary<string, decimal> parts, CancellationToken cancellationToken = default);

    /// <summary>The named sums of a collection (see <see cref="ContributeAsync"/>); a sum nobody contributed to is 0. One keyed read per sum.</summary>
    Task<IReadOnlyDictionary<string, decimal>> SumsAsync(string collection, IReadOnlyList<string> sums, CancellationToken cancellationToken = default);
}

/// <summary>One write of <see cref="IRowStore.WriteAsync(string, IReadOnlyList{RowWrite}, CancellationToken)"/>.</summary>
/// <param name="Partition">What the row belongs to (a project id, a county adcode, an investor key).</param>
/// <param name="Key">The row's key within its partition.</param>
/// <param name="Sort">The order within the partition (ordinal string order); null deletes the row.</param>
/// <param name="Body">The row's content (JSON); null deletes the row.</param>
/// <param name="AppendOnly">True: a row that exists is kept as it is (history, audit).</param>
/// <param name="ExpiresAt">When the row stops existing (idempotency keys); null for never.</param>
/// <param name="Tally">
/// For an append-only write: the tally of the collection that counts one more when this write inserts its
/// row, in the same transaction (a row that exists counts nothing, so a replayed write never counts twice).
/// </param>
/// <param name="Tag">
/// The row's tag (a class a page can be limited to, e.g. an inbox row's project status, see
/// <see cref="RowQuery.Tags"/>); null for none. With <see cref="Retag"/>, the tag the write gives an existing row.
/// The store keeps a count of a partition's rows per tag (the total of a tagged page). On a delete, any tag
/// (<see cref="DeleteTagged"/>) says only that the row may be tagged.
/// </param>
/// <param name="Retag">
/// True: the write changes an existing row's tag (and its sort when <see cref="Sort"/> is given) and leaves
/// its body; an absent row stays absent. See <see cref="SetTag"/> and <see cref="Resort"/>.
/// </param>
/// <param name="IfSort">With <see cref="Retag"/>: the change applies only while the row's sort is this (a compare-and-set).</param>
public sealed record RowWrite(
    string Partition, string Key, string? Sort, string? Body, bool AppendOnly = false, DateTimeOffset? ExpiresAt = null, string? Tally = null,
    string? Tag = null, bool Retag = false, string? IfSort = null)
{
    /// <summary>Gives an existing row <paramref name="tag"/>, its sort and body as they are; nothing when the row is absent.</summary>
    public static RowWrite SetTag(string partition, string key, string tag) => new(partition, key, null, null, Tag: tag, Retag: true);

    /// <summary>
    /// Moves an existing row from sort <paramref name="fromSort"/> to <paramref name="sort"/> and gives it
    /// <paramref name="tag"/> unless it has a tag already (what a later write set wins); nothing when the
    /// row is absent or its sort is no longer <paramref name="fromSort"/>. Rewrites rows of an earlier layout once.
    /// </summary>
    public static RowWrite Resort(string partition, string key, string fromSort, string sort, string tag) =>
        new(partition, key, sort, null, Tag: tag, Retag: true, IfSort: fromSort);

    /// <summary>Adds a row unless one exists under its key, and when it adds it counts one in <paramref name="tally"/>.</summary>
    public static RowWrite Counted(string partition, string key, string sort, string body, string tally) =>
        new(partition, key, sort, body, AppendOnly: true, Tally: tally);

    /// <summary>Adds or replaces a row.</summary>
    public static RowWrite Put(string partition, string key, string sort, string body, DateTimeOffset? expiresAt = null) =>
        new(partition, key, sort, body, ExpiresAt: expiresAt);

    /// <summary>Adds or replaces a row with a tag (<see cref="RowQuery.Tags"/> reads a page of chosen tags).</summary>
    public static RowWrite Put(string partition, string key, string sort, string body, string tag) => new(partition, key, sort, body, Tag: tag);

    /// <summary>Adds a row unless one exists under its key.</summary>
    public static RowWrite Append(string partition, string key, string sort, string body) => new(partition, key, sort, body, AppendOnly: true);

    /// <summary>Removes a row.</summary>
    public static RowWrite Delete(string partition, string key) => new(partition, key, null, null);

    /// <summary>
    /// Removes a row that may carry a tag (an inbox entry): the same delete, and the store knows ahead that the
    /// partition's kept tag counts may change (PostgreSQL takes their lock in order with the batch's others).
    /// </summary>
    public static RowWrite DeleteTagged(string partition, string key) => new(partition, key, null, null, Tag: TaggedDelete);

    /// <summary>The tag of a <see cref="DeleteTagged"/> write (a delete's tag names no tag of a row).</summary>
    public const string TaggedDelete = "*";

    /// <summary>True when this write removes its row.</summary>
    public bool IsDelete => !Retag && (Body is null || Sort is null);
}

/// <summary>Writes to one collection, as part of a multi-collection <see cref="IRowStore.WriteAsync(IReadOnlyList{RowBatch}, CancellationToken)"/>.</summary>
public sealed record RowBatch(string Collection, IReadOnlyList<RowWrite> Writes);

/// <summary>A stored row; <c>Tag</c> is its tag (<see cref="RowWrite.Tag"/>), or null.</summary>
public sealed record StoredRow(string Partition, string Key, string Sort, string Body, DateTimeOffset WrittenAt, string? Tag = null);

/// <summary>Which page of a partition to read.</summary>
/// <param name="After">Rows strictly after this (sort, key) position in the reading direction; null from the start.</param>
/// <param name="Skip">Rows to pass over after <paramref name="After"/>.</param>
/// <param name="Take">Most rows returned.</param>
/// <param name="Descending">Last first.</param>
/// <param name="Counted">False when the caller does not need the partition's total: the page's total is then its row count, and the store skips counting the partition.</param>
/// <param name="Tags">
/// Only rows with one of these tags (<see cref="RowWrite.Tag"/>), and the total counts only those; null for every row.
/// Read through an index on (partition, tag, sort): a page costs its rows (times the tags asked for), not the partition's size,
/// and its total is the store's kept count of the tags' rows (changed in the transaction of each write that changes a row's
/// tag; a tagged row with an expiry counts until it is purged).
/// </param>
public sealed record RowQuery(RowCursor? After = null, int Skip = 0, int Take = 50, bool Descending = false, bool Counted = true, IReadOnlyList<string>? Tags = null);

/// <summary>A position in a partition: the (sort, key) of a row.</summary>
public sealed record RowCursor(string Sort, string Key);

/// <summary>A page of rows and the partition's total.</summary>
public sealed record RowPage(IReadOnlyList<StoredRow> Rows, long Total);
