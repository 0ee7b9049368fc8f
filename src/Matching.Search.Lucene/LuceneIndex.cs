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
internal sealed class LuceneIndex : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly FSDirectory _directory;
    private readonly SearcherManager _searchers;

    public LuceneIndex(string path, Analyzer analyzer, double ramBufferSizeMb)
    {
        System.IO.Directory.CreateDirectory(path);
        _directory = FSDirectory.Open(path);
        try
        {
            var config = new IndexWriterConfig(Version, analyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Similarity = ExactSumSimilarity.Instance,
                RAMBufferSizeMB = ramBufferSizeMb,
            };
            Writer = new IndexWriter(_directory, config);
            // A first commit puts a valid (empty) index on disk, so a reopened folder is never half-made.
            if (!DirectoryReader.IndexExists(_directory)) Writer.Commit();
            _searchers = new SearcherManager(Writer, applyAllDeletes: true, ExactSumSearcherFactory.Instance);
        }
        catch
        {
            Writer?.Dispose();
            _directory.Dispose();
            throw;
        }
    }

    public IndexWriter Writer { get; }

    /// <summary>Runs <paramref name="search"/> on the current searcher, holding a reference for its duration.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
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

    /// <summary>Reopens when there are changes, unless another thread is already doing it.</summary>
    public void MaybeRefresh() => _searchers.MaybeRefresh();

    /// <summary>Reopens when there are changes, waiting for a concurrent reopen to finish first.</summary>
    public void RefreshBlocking() => _searchers.MaybeRefreshBlocking();

    public void CommitIfChanged()
    {
        if (Writer.HasUncommittedChanges()) Writer.Commit();
    }

    public void Dispose()
    {
        try
        {
            _searchers.Dispose();
            Writer.Commit();
        }
        finally
        {
            Writer.Dispose();
            _directory.Dispose();
        }
    }
}
