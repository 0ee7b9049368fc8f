using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Matching.Search.Lucene;

/// <summary>
/// One index on disk: the single <see cref="IndexWriter"/> Lucene allows per folder, and a
/// <see cref="SearcherManager"/> over it. Searchers come from the writer (near-real-time), so a write is
/// searchable after the next refresh without a commit; commits only buy durability.
/// </summary>
/// <remarks>
/// Like an Elasticsearch shard, an index nobody searched for a while goes "search idle": the background
/// loop stops reopening it (each reopen flushes the writer's buffers into a tiny segment, which during
/// bulk indexing costs a third of the throughput in merges), and the next search reopens it before
/// answering, so it still sees every completed write.
/// </remarks>
internal sealed class LuceneIndex : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly FSDirectory _directory;
    private readonly SearcherManager _searchers;
    private readonly long _idleAfter;
    private long _lastSearch;
    private int _stale = 1;

    /// <param name="path">The index folder, created when missing.</param>
    /// <param name="analyzer">Analyzer of the writer.</param>
    /// <param name="ramBufferSizeMb">Writer buffer before a flush.</param>
    /// <param name="searchIdleAfter">How long without searches before background reopens stop.</param>
    /// <param name="warm">Prepares a new reader (per-segment caches) before searches see it.</param>
    /// <param name="mergeWarmer">Prepares a merged segment before it replaces its sources.</param>
    /// <param name="layout">
    /// What the documents' fields mean, recorded in every commit; an index last committed under another
    /// layout opens as durable only since the epoch, so that the start-up reconcile indexes everything again.
    /// </param>
    public LuceneIndex(string path, Analyzer analyzer, double ramBufferSizeMb, TimeSpan searchIdleAfter, Action<IndexReader>? warm = null, IndexWriter.IndexReaderWarmer? mergeWarmer = null, string? layout = null)
    {
        _layout = layout;
        _idleAfter = (long)(searchIdleAfter.TotalSeconds * Stopwatch.Frequency);
        System.IO.Directory.CreateDirectory(path);
        _directory = FSDirectory.Open(path);
        try
        {
            var config = new IndexWriterConfig(Version, analyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Similarity = ExactSumSimilarity.Instance,
                RAMBufferSizeMB = ramBufferSizeMb,
                MergedSegmentWarmer = mergeWarmer,
            };
            Writer = new IndexWriter(_directory, config);
            // A first commit puts a valid (empty) index on disk, so a reopened folder is never half-made.
            if (!DirectoryReader.IndexExists(_directory)) Commit();
            else if (_layout is not null && (!Writer.CommitData.TryGetValue(LayoutKey, out var written) || written != _layout))
                CommittedAtOpening = DateTimeOffset.UnixEpoch;
            else if (Writer.CommitData.TryGetValue(CommittedAtKey, out var committed) &&
                DateTimeOffset.TryParse(committed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at))
                CommittedAtOpening = at;
            _searchers = new SearcherManager(Writer, applyAllDeletes: true, new ExactSumSearcherFactory(warm));
        }
        catch
        {
            Writer?.Dispose();
            _directory.Dispose();
            throw;
        }
    }

    /// <summary>The commit's user-data key holding when it was made.</summary>
    private const string CommittedAtKey = "matching.committedAt";

    /// <summary>The commit's user-data key holding the documents' layout.</summary>
    private const string LayoutKey = "matching.layout";

    private readonly string? _layout;

    public IndexWriter Writer { get; }

    /// <summary>
    /// When the commit this index was opened from was made: every write acknowledged before then was in
    /// it. Null for a new index, or one committed before commits recorded their time.
    /// </summary>
    public DateTimeOffset? CommittedAtOpening { get; }

    /// <summary>Runs <paramref name="search"/> on the current searcher, holding a reference for its duration.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        Volatile.Write(ref _lastSearch, Stopwatch.GetTimestamp());
        if (Volatile.Read(ref _stale) != 0)
        {
            // Cleared only after the reopen, so a concurrent search either reopens too or finds it done.
            _searchers.MaybeRefreshBlocking();
            Volatile.Write(ref _stale, 0);
        }

        var searcher = _searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// The background reopen: when there are changes, unless another thread is already reopening, or
    /// nobody searched lately (then the next search reopens).
    /// </summary>
    public void MaybeRefresh()
    {
        if (Stopwatch.GetTimestamp() - Volatile.Read(ref _lastSearch) >= _idleAfter)
        {
            Volatile.Write(ref _stale, 1);
            return;
        }

        _searchers.MaybeRefresh();
    }

    /// <summary>Reopens when there are changes, waiting for a concurrent reopen to finish first.</summary>
    public void RefreshBlocking() => _searchers.MaybeRefreshBlocking();

    public void CommitIfChanged()
    {
        if (Writer.HasUncommittedChanges()) Commit();
    }

    /// <summary>Commits, recording when: the instant is taken first, so every write acknowledged before it is in this commit.</summary>
    private void Commit()
    {
        var data = new Dictionary<string, string> { [CommittedAtKey] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
        if (_layout is not null) data[LayoutKey] = _layout;
        Writer.SetCommitData(data);
        Writer.Commit();
    }

    public void Dispose()
    {
        try
        {
            _searchers.Dispose();
            Commit();
        }
        finally
        {
            try
            {
                Writer.Dispose();
            }
            finally
            {
                _directory.Dispose();
            }
        }
    }
}
