namespace Matching.Search.Lucene;

/// <summary>Options of <see cref="LuceneSearchEngine"/>.</summary>
public sealed class LuceneSearchOptions
{
    /// <summary>
    /// Folder on local disk holding the indexes (one subfolder each, <c>candidates</c> and <c>projects</c>);
    /// created when missing. Relative paths are resolved against the current directory. Only one engine
    /// may open a folder at a time (Lucene's write lock).
    /// </summary>
    public string IndexPath { get; set; } = Path.Combine("data", "index");

    /// <summary>
    /// How often completed writes are made searchable in the background. Must stay well under one second,
    /// which is what <see cref="ISearchEngine"/> promises.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// After this long without a search, an index is no longer reopened in the background (bulk indexing
    /// then runs at full speed); the next search reopens it first, so it still sees every completed write.
    /// Elasticsearch's <c>index.search.idle.after</c>, with the same default.
    /// </summary>
    public TimeSpan SearchIdleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often pending changes are committed to disk. A crash loses at most this much; a clean
    /// <see cref="LuceneSearchEngine.Dispose"/> loses nothing.
    /// </summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>RAM each index buffers before flushing a segment; larger favours bulk indexing.</summary>
    public double RamBufferSizeMb { get; set; } = 64;
}
