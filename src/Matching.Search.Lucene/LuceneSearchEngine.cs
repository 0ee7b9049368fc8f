using System.Collections.Concurrent;
using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matching.Search.Lucene;

/// <summary>
/// The embedded search engine: two Lucene.NET indexes on local disk (<c>candidates</c> and <c>projects</c>
/// under <see cref="LuceneSearchOptions.IndexPath"/>), each with one writer and a near-real-time searcher
/// manager. A background loop reopens searchers every <see cref="LuceneSearchOptions.RefreshInterval"/>
/// (while the index is being searched, see <see cref="LuceneSearchOptions.SearchIdleAfter"/>) and commits
/// every <see cref="LuceneSearchOptions.CommitInterval"/>; <see cref="Dispose"/> commits.
/// Register it as a singleton (<see cref="LuceneSearchServiceCollectionExtensions.AddLuceneSearch"/>): it
/// holds the folders' write locks, and every method is safe to call concurrently.
/// </summary>
/// <remarks>
/// Industry relevance is scored by Lucene itself, exactly: one constant-score clause per query token with
/// the token's <see cref="IndustryTokens.Boost"/>, no coord, and no query normalization (the searchers use
/// <see cref="ExactSumSimilarity"/>), so a hit's score is the plain sum <see cref="IndustryTokens.Relevance"/>
/// defines. Boosts are small powers of two, so the float sums are exact.
/// <para>
/// Project queries visit every match once (totals and facets cover all matches, not the page), reading
/// sort keys, facet keys and capacities from per-segment arrays (<see cref="ProjectColumns"/>) filled
/// from doc values when a segment is first searched or merged. Ties are broken by the id's text, as a
/// keyword sort on the id would.
/// </para>
/// </remarks>
public sealed partial class LuceneSearchEngine : ISearchEngine, IDisposable
{
    // Under this many projects a bulk call indexes on the caller's thread; a rebuild-sized batch is spread
    // over the cores, since IndexWriter indexes from several threads at once (one segment buffer each).
    private const int ParallelBatchSize = 1_000;

    private static readonly Sort CandidateOrder = new(SortField.FIELD_SCORE, new SortField(CandidateSchema.Adcode, SortFieldType.STRING));


    private static readonly HashSet<string> SettledFields = [ProjectSchema.Id, ProjectSchema.Title, ProjectSchema.IndustryCode, ProjectSchema.Status, ProjectSchema.Settlement];


    // Most recently changed first, then by the id's bytes (as the project search orders without text).
    private static readonly Sort ContestOrder = new(new SortField(ProjectSchema.UpdatedAt, SortFieldType.INT64, reverse: true), new SortField(ProjectSchema.IdKey, SortFieldType.STRING_VAL));

    // By decision time, then by the id's bytes (the order of its text, as in every other project order).
    private static readonly Sort SettledOrder = new(new SortField(ProjectSchema.SettledAt, SortFieldType.INT64), new SortField(ProjectSchema.IdKey, SortFieldType.STRING_VAL));

    private readonly LuceneSearchOptions _options;
    private readonly ILogger _logger;
    private readonly ChineseAnalysis _analysis;

    // The analysed title and body of projects written one or a few at a time (README, Benchmarks: a bid on a
    // contested project re-writes its document, and segmenting its text again was most of that write).
    private readonly AnalysedTexts _texts;

    /// <summary>Largest write whose texts are kept for replay; larger ones (rebuilds, reconciles) analyse as they go.</summary>
    private const int MostReplayedBatch = 16;
    private readonly LuceneIndex _candidates;
    private readonly LuceneIndex _projects;
    private readonly PeriodicTimer _ticker;
    private readonly Task _maintenance;
    private int _disposed;

    /// <summary>Opens (creating when missing) both indexes under <see cref="LuceneSearchOptions.IndexPath"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="global::Lucene.Net.Store.LockObtainFailedException">Another engine has the folder open.</exception>
    public LuceneSearchEngine(LuceneSearchOptions options, ILogger<LuceneSearchEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.IndexPath);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RefreshInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CommitInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SearchIdleAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RamBufferSizeMb, 0);
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;

        var root = Path.GetFullPath(options.IndexPath);
        _analysis = new ChineseAnalysis(ProjectSchema.Text);
        _texts = new AnalysedTexts(_analysis.IndexAnalyzer);
        try
        {
            _candidates = new LuceneIndex(Path.Combine(root, "candidates"), _analysis.IndexAnalyzer, options.RamBufferSizeMb, options.SearchIdleAfter);
            try
            {
                _projects = new LuceneIndex(
                    Path.Combine(root, "projects"),
                    _analysis.IndexAnalyzer,
                    options.RamBufferSizeMb,
                    options.SearchIdleAfter,
                    ProjectColumns.Warm,
                    new ProjectColumns.MergeWarmer(),
                    ProjectSchema.Layout);
            }
            catch
            {
                _candidates.Dispose();
                throw;
            }
        }
        catch
        {
            _analysis.Dispose();
            throw;
        }

        _ticker = new PeriodicTimer(options.RefreshInterval);
        _maintenance = Task.Run(MaintainAsync);
        LogOpened(root);
    }

    /// <inheritdoc />
    /// <remarks>The constructor already opened (and, when missing, created) both indexes; this only checks the engine is open.</remarks>
    public Task EnsureIndexesAsync(CancellationToken cancellationToken = default) => Run(static () => { }, cancellationToken);

    /// <inheritdoc />
    public Task IndexCandidatesAsync(IReadOnlyCollection<CandidateDocument> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Run(() =>
        {
            foreach (var candidate in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _candidates.Writer.UpdateDocument(new Term(CandidateSchema.Adcode, candidate.Adcode), CandidateSchema.Build(candidate));
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CandidateHit>> RetrieveCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Run(() => RetrieveCandidates(query), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Nothing is written when a document's industry code is malformed. Large batches are indexed on
    /// several threads; none of this commits (the background loop and <see cref="Dispose"/> do).
    /// </remarks>
    public Task IndexProjectsAsync(IReadOnlyCollection<ProjectDocument> projects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projects);
        return Run(() =>
        {
            foreach (var project in projects)
            {
                if (!IndustryCode.TryParse(project.IndustryCode, out _))
                {
                    throw new ArgumentException($"Project {project.Id} has '{project.IndustryCode}', which is not a GB/T 4754 code.", nameof(projects));
                }
            }

            if (projects.Count >= ParallelBatchSize && Environment.ProcessorCount > 1)
            {
                var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
                // Load-balanced chunks: a thread that stops to flush a segment must not leave the other idle.
                var list = projects as IList<ProjectDocument> ?? [.. projects];
                Parallel.ForEach(Partitioner.Create(list, loadBalance: true), parallel, IndexProject);
                return;
            }

            var texts = projects.Count <= MostReplayedBatch ? _texts : null;
            foreach (var project in projects)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IndexProject(project, texts);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteProjectAsync(Guid id, CancellationToken cancellationToken = default) =>
        Run(() => _projects.Writer.DeleteDocuments(new Term(ProjectSchema.Id, ProjectSchema.IdOf(id))), cancellationToken);

    /// <inheritdoc />
    public Task<ProjectSearchResult> SearchProjectsAsync(ProjectQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Take);
        return Run(() => SearchProjects(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<SettledPage> ReadSettledAsync(SettledQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Take);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Take, SettledQuery.MaxTake);
        return Run(() => ReadSettled(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ContestPage> ReadContestsAsync(ContestQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Take);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Take, ContestQuery.MaxTake);
        return Run(() => ReadContests(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProjectForCountyHit>> RetrieveProjectsForCountyAsync(ProjectsForCountyQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Run(() => RetrieveProjectsForCounty(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task ClearAsync(CancellationToken cancellationToken = default) => Run(() =>
    {
        _candidates.Writer.DeleteAll();
        _projects.Writer.DeleteAll();
    }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Reopens the searchers on the writers' buffers; it does not commit.</remarks>
    public Task<DateTimeOffset?> ProjectsDurableUntilAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_projects.CommittedAtOpening);

    public Task RefreshAsync(CancellationToken cancellationToken = default) => Run(() =>
    {
        _candidates.RefreshBlocking();
        _projects.RefreshBlocking();
    }, cancellationToken);

    /// <summary>Stops the background loop, commits both indexes and releases their folders.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _ticker.Dispose();
        // The loop catches its own failures; waiting keeps a commit in flight from racing the close below.
        _maintenance.GetAwaiter().GetResult();
        try
        {
            _candidates.Dispose();
        }
        finally
        {
            try
            {
                _projects.Dispose();
            }
            finally
            {
                _analysis.Dispose();
            }
        }
    }

    private IReadOnlyList<CandidateHit> RetrieveCandidates(CandidateQuery query)
    {
        var relevance = Relevance(CandidateSchema.Industry, IndustryTokens.Expand(query.Industry).Select(c => c.Value));
        if (relevance is null || query.Size <= 0) return [];
        var filter = new BooleanQuery
        {
            { NumericRangeQuery.NewDoubleRange(CandidateSchema.Land, (double)query.LandMu, null, true, true), Occur.MUST },
        };
        if (query.HighEnergy)
        {
            filter.Add(NumericRangeQuery.NewDoubleRange(CandidateSchema.Energy, (double)query.EnergyTce, null, true, true), Occur.MUST);
        }

        return _candidates.Search(searcher =>
        {
            var size = Math.Min(query.Size, searcher.IndexReader.MaxDoc);
            if (size == 0) return (IReadOnlyList<CandidateHit>)[];
            // fillFields hands back each hit's adcode from the sort's doc values: matching asks for every
            // county, and loading thousands of stored documents would cost more than the search.
            var top = TopFieldCollector.Create(CandidateOrder, size, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
            searcher.Search(new FilteredQuery(relevance, new QueryWrapperFilter(filter)), top);
            return [.. top.GetTopDocs().ScoreDocs.Select(hit => new CandidateHit(((BytesRef)((FieldDoc)hit).Fields[1]).Utf8ToString(), hit.Score))];
        });
    }

    private IReadOnlyList<ProjectForCountyHit> RetrieveProjectsForCounty(ProjectsForCountyQuery query)
    {
        var relevance = Relevance(ProjectSchema.Industry, query.IndustryTokens);
        if (relevance is null || query.Size <= 0) return [];
        var inbox = new FilteredQuery(relevance, new InboxFilter((double)query.MaxParkLandMu, (double)query.EnergyQuotaTce));
        return _projects.Search(searcher =>
        {
            var collector = new ProjectHitCollector(Math.Min(query.Size, searcher.IndexReader.MaxDoc), byScore: true, byRecency: true, facets: false);
            searcher.Search(inbox, collector);
            var leaves = searcher.IndexReader.Leaves;
            return (IReadOnlyList<ProjectForCountyHit>)[.. collector.Best().Select(hit =>
            {
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                return new ProjectForCountyHit(ProjectColumns.Of(leaf.AtomicReader).Id(hit.Doc - leaf.DocBase), hit.Score);
            })];
        });
    }

    private ProjectSearchResult SearchProjects(ProjectQuery query)
    {
        Query? text = null;
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // Text with nothing searchable in it (punctuation, stop words) matches nothing, as a match query would.
            text = _analysis.Query(query.Text, ProjectSchema.Text);
            if (text is null) return new ProjectSearchResult(0, [], new Dictionary<ProjectStatus, long>(), new Dictionary<string, long>());
        }

        var filter = new BooleanQuery();
        if (query.Industry is { } industry) filter.Add(new TermQuery(new Term(ProjectSchema.Industry, industry.Value)), Occur.MUST);
        if (!string.IsNullOrEmpty(query.County)) filter.Add(new TermQuery(new Term(ProjectSchema.County, query.County)), Occur.MUST);
        if (query.Status is { } status) filter.Add(new TermQuery(new Term(ProjectSchema.Status, ProjectSchema.StatusOf(status))), Occur.MUST);
        if (query.ExcludeDrafts)
        {
            // A purely negative clause matches nothing on its own: pair it with every document.
            if (filter.Clauses.Count == 0) filter.Add(new MatchAllDocsQuery(), Occur.MUST);
            filter.Add(new TermQuery(new Term(ProjectSchema.Status, ProjectSchema.StatusOf(ProjectStatus.Draft))), Occur.MUST_NOT);
        }

        var filtered = filter.Clauses.Count > 0;
        var lucene = (text, filtered) switch
        {
            (null, false) => new MatchAllDocsQuery(),
            (null, true) => new ConstantScoreQuery(filter),
            (_, false) => text,
            _ => new FilteredQuery(text, new QueryWrapperFilter(filter)),
        };

        return _projects.Search(searcher =>
        {
            var wanted = query.Take == 0 ? 0 : Math.Min((long)query.Skip + query.Take, searcher.IndexReader.MaxDoc);
            var collector = new ProjectHitCollector((int)wanted, byScore: text is not null, byRecency: text is null, facets: true);
            searcher.Search(lucene, collector);
            var page = collector.Best().Skip(query.Skip).ToArray();
            var hits = new ProjectHit[page.Length];
            var leaves = searcher.IndexReader.Leaves;
            for (var i = 0; i < page.Length; i++)
            {
                var leaf = leaves[ReaderUtil.SubIndex(page[i].Doc, leaves)];
                hits[i] = HitEntries.Of(leaf.AtomicReader, page[i].Doc - leaf.DocBase, page[i].Score);
            }

            return new ProjectSearchResult(collector.Hits, hits, collector.ByStatus(), collector.ByDivision());
        });
    }

    private SettledPage ReadSettled(SettledQuery query)
    {
        // An open range matches every document holding the field: every settled project.
        var filter = new BooleanQuery
        {
            { NumericRangeQuery.NewInt64Range(ProjectSchema.SettledAt, query.DecidedFrom?.UtcTicks, query.DecidedBefore?.UtcTicks, true, false), Occur.MUST },
        };
        if (!string.IsNullOrEmpty(query.County)) filter.Add(new TermQuery(new Term(ProjectSchema.SettledCounty, query.County)), Occur.MUST);
        if (query.OverdueOnly) filter.Add(new TermQuery(new Term(ProjectSchema.Overdue, "1")), Occur.MUST);
        return _projects.Search(searcher =>
        {
            // The total counts every match; the page starts after the cursor.
            var count = new TotalHitCountCollector();
            searcher.Search(new ConstantScoreQuery(filter), count);
            var wanted = Math.Min(query.Take, searcher.IndexReader.MaxDoc);
            if (wanted == 0) return new SettledPage(count.TotalHits, []);

            var page = query.After is { } after ? new BooleanQuery { { filter, Occur.MUST }, { After(after), Occur.MUST } } : filter;
            var top = searcher.Search(new ConstantScoreQuery(page), null, wanted, SettledOrder);
            var hits = top.ScoreDocs.Select(hit =>
            {
                var document = searcher.Doc(hit.Doc, SettledFields);
                return new SettledHit(
                    Guid.Parse(document.Get(ProjectSchema.Id)),
                    document.Get(ProjectSchema.Title),
                    document.Get(ProjectSchema.IndustryCode),
                    Enum.Parse<ProjectStatus>(document.Get(ProjectSchema.Status)),
                    System.Text.Json.JsonSerializer.Deserialize<Domain.Cockpit.Settlement>(document.Get(ProjectSchema.Settlement), Domain.MatchingJson.Options)!);
            }).ToArray();
            return new SettledPage(count.TotalHits, hits);
        });
    }

    /// <summary>
    /// The settled projects after a cursor in <see cref="SettledOrder"/>: decided later, or at the same
    /// instant with a greater id (the id keyword's text orders as the id key's bytes do).
    /// </summary>
    private static BooleanQuery After(SettledCursor after)
    {
        var ticks = after.DecidedAt.UtcTicks;
        return new BooleanQuery
        {
            { NumericRangeQuery.NewInt64Range(ProjectSchema.SettledAt, ticks, null, false, false), Occur.SHOULD },
            {
                new BooleanQuery
                {
                    { NumericRangeQuery.NewInt64Range(ProjectSchema.SettledAt, ticks, ticks, true, true), Occur.MUST },
                    { TermRangeQuery.NewStringRange(ProjectSchema.Id, ProjectSchema.IdOf(after.Id), null, false, false), Occur.MUST },
                },
                Occur.SHOULD
            },
        };
    }

    private ContestPage ReadContests(ContestQuery query)
    {
        var filter = new BooleanQuery { { new TermQuery(new Term(ProjectSchema.Status, ProjectSchema.StatusOf(ProjectStatus.Contested))), Occur.MUST } };
        if (!string.IsNullOrEmpty(query.Prefecture)) filter.Add(new TermQuery(new Term(ProjectSchema.ContestPrefecture, query.Prefecture)), Occur.MUST);
        return _projects.Search(searcher =>
        {
            var wanted = Math.Min(query.Take, searcher.IndexReader.MaxDoc);
            if (wanted == 0)
            {
                var count = new TotalHitCountCollector();
                searcher.Search(new ConstantScoreQuery(filter), count);
                return new ContestPage(count.TotalHits, []);
            }

            var top = searcher.Search(new ConstantScoreQuery(filter), null, wanted, ContestOrder);
            var hits = new List<ContestHit>(top.ScoreDocs.Length);
            var leaves = searcher.IndexReader.Leaves;
            foreach (var hit in top.ScoreDocs)
            {
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                if (ContestHits.Of(leaf.AtomicReader, hit.Doc - leaf.DocBase) is { } entry) hits.Add(entry);
            }

            return new ContestPage(top.TotalHits, hits);
        });
    }

    /// <summary>
    /// The sum of <see cref="IndustryTokens.Boost"/> over the given tokens a document holds, as a Lucene
    /// score; null when no token is a code (nothing can match).
    /// </summary>
    private static BooleanQuery? Relevance(string field, IEnumerable<string> tokens)
    {
        // disableCoord: a document holding 2 of 4 tokens must score their sum, not half of it.
        var sum = new BooleanQuery(disableCoord: true);
        foreach (var token in tokens.Distinct(StringComparer.Ordinal))
        {
            if (!IndustryCode.TryParse(token, out var code)) continue;
            sum.Add(new ConstantScoreQuery(new TermQuery(new Term(field, token))) { Boost = IndustryTokens.Boost(code.Level) }, Occur.SHOULD);
        }

        return sum.Clauses.Count == 0 ? null : sum;
    }

    private void IndexProject(ProjectDocument project) => IndexProject(project, null);

    /// <summary>
    /// One project's document; with <paramref name="texts"/> its text is replayed from analysed texts kept
    /// (a single project written again, as on every bid of a contest), not for bulk writes, whose texts are
    /// each written once.
    /// </summary>
    private void IndexProject(ProjectDocument project, AnalysedTexts? texts)
    {
        var document = ProjectSchema.Builder.ForCurrentThread.Build(project, out var id, texts);
        _projects.Writer.UpdateDocument(id, document);
    }

    private async Task MaintainAsync()
    {
        var lastCommit = Stopwatch.GetTimestamp();
        while (await _ticker.WaitForNextTickAsync().ConfigureAwait(false))
        {
            try
            {
                _candidates.MaybeRefresh();
                _projects.MaybeRefresh();
                if (Stopwatch.GetElapsedTime(lastCommit) >= _options.CommitInterval)
                {
                    lastCommit = Stopwatch.GetTimestamp();
                    _candidates.CommitIfChanged();
                    _projects.CommitIfChanged();
                }
            }
            catch (Exception exception)
            {
                // A failed refresh or commit is retried on the next tick; the loop must outlive it.
                LogMaintenanceFailed(exception);
            }
        }
    }

    /// <summary>
    /// Runs a Lucene call (all synchronous) on the caller's thread and reports its outcome as a task, so
    /// failures surface where the caller awaits, as with any asynchronous engine.
    /// </summary>
    private Task Run(Action action, CancellationToken cancellationToken) => Run<object?>(() =>
    {
        action();
        return null;
    }, cancellationToken);

    private Task<T> Run<T>(Func<T> action, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        if (Volatile.Read(ref _disposed) != 0) return Task.FromException<T>(new ObjectDisposedException(nameof(LuceneSearchEngine)));
        try
        {
            return Task.FromResult(action());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lucene indexes open at {Path}")]
    private partial void LogOpened(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lucene index refresh or commit failed; retrying on the next tick")]
    private partial void LogMaintenanceFailed(Exception exception);
}
