using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Search.Elasticsearch;

/// <summary>
/// The engine's requests as plain request objects, kept apart from I/O so that every body the engine
/// sends is written in one place (and read back by the request tests from the wire).
/// </summary>
internal static class ElasticsearchRequests
{
    /// <summary>Analyzer of the analysis-smartcn plugin: dictionary-based word segmentation of Simplified Chinese.</summary>
    public const string SmartcnAnalyzer = "smartcn";

    /// <summary>Built-in analyzer emitting overlapping CJK bigrams, so 光伏 and 锂电 match inside words smartcn segments differently.</summary>
    public const string CjkAnalyzer = "cjk";

    public const string ByStatus = "byStatus";
    public const string ByDivision = "byDivision";
    public const string ByCounty = "byCounty";

    /// <summary>
    /// Buckets of the per-county count: above the number of counties in China (about 2,850), so every county
    /// with a project comes back and the counts are exact (one shard, so no bucket is cut by shard size either).
    /// </summary>
    public const int CountyBuckets = 4_000;

    // GB/T 4754 has 97 divisions and the lifecycle 9 statuses: these sizes return every bucket.
    private const int DivisionBuckets = 100;
    private static readonly int StatusBuckets = Enum.GetValues<ProjectStatus>().Length;

    // ---- Index creation -----------------------------------------------------------------------------

    public static CreateIndexRequest CreateCandidatesIndex(ElasticsearchSearchOptions options) =>
        new(options.CandidatesIndex)
        {
            Settings = Settings(options),
            Mappings = new TypeMapping
            {
                Dynamic = DynamicMapping.Strict,
                Properties = new Properties
                {
                    { CandidateFields.Adcode, new KeywordProperty() },
                    { CandidateFields.Name, new KeywordProperty() },
                    { CandidateFields.PrefectureAdcode, new KeywordProperty() },
                    { CandidateFields.IndustryTokens, new KeywordProperty() },
                    { CandidateFields.MaxParkLandMu, new DoubleNumberProperty() },
                    { CandidateFields.EnergyQuotaTce, new DoubleNumberProperty() },
                },
            },
        };

    public static CreateIndexRequest CreateProjectsIndex(ElasticsearchSearchOptions options) =>
        new(options.ProjectsIndex)
        {
            Settings = Settings(options),
            Mappings = new TypeMapping
            {
                Dynamic = DynamicMapping.Strict,
                Properties = new Properties
                {
                    { ProjectFields.Id, new KeywordProperty() },
                    { ProjectFields.Title, ChineseText() },
                    { ProjectFields.Description, ChineseText() },
                    { ProjectFields.IndustryCode, new KeywordProperty() },
                    { ProjectFields.IndustryTokens, new KeywordProperty() },
                    { ProjectFields.Division, new KeywordProperty() },
                    { ProjectFields.IndustryName, ChineseText() },
                    { ProjectFields.IndustryText, ChineseText() },
                    { ProjectFields.Status, new KeywordProperty() },
                    // One keyword field answers "first contact or fit" with a single term query.
                    { ProjectFields.FirstContactCounty, new KeywordProperty { CopyTo = ProjectFields.Counties } },
                    { ProjectFields.FitCounties, new KeywordProperty { CopyTo = ProjectFields.Counties } },
                    { ProjectFields.Counties, new KeywordProperty() },
                    { ProjectFields.Investment, new DoubleNumberProperty() },
                    { ProjectFields.LandMu, new DoubleNumberProperty() },
                    { ProjectFields.EnergyTce, new DoubleNumberProperty() },
                    { ProjectFields.HighEnergy, new BooleanProperty() },
                    { ProjectFields.UpdatedAt, new DateProperty() },
                    { ProjectFields.HostCounties, new KeywordProperty { Index = false } },
                    { ProjectFields.SettledAt, new DateProperty() },
                    { ProjectFields.SettledCounties, new KeywordProperty() },
                    { ProjectFields.Overdue, new BooleanProperty() },
                    { ProjectFields.Settlement, new KeywordProperty { Index = false, DocValues = false } },
                    { ProjectFields.ContestPrefectures, new KeywordProperty() },
                    { ProjectFields.Contest, new KeywordProperty { Index = false, DocValues = false } },
                    { ProjectFields.Listing, new KeywordProperty { Index = false, DocValues = false } },
                },
            },
        };

    private static IndexSettings Settings(ElasticsearchSearchOptions options) => new()
    {
        // One shard: the indexes are small, and BM25 statistics from one shard rank full text the same
        // way on every query (several shards would each score with their own term statistics).
        NumberOfShards = 1,
        RefreshInterval = options.RefreshInterval,
    };

    private static TextProperty ChineseText() => new()
    {
        Analyzer = SmartcnAnalyzer,
        Fields = new Properties { { ProjectFields.Cjk, new TextProperty { Analyzer = CjkAnalyzer } } },
    };

    // ---- Writes -------------------------------------------------------------------------------------

    public static BulkRequest IndexCandidates(ElasticsearchSearchOptions options, IEnumerable<CandidateDocument> candidates) =>
        new()
        {
            Operations = new BulkOperationsCollection(candidates.Select(c =>
                (IBulkOperation)new BulkIndexOperation<CandidateSource>(CandidateSource.From(c), options.CandidatesIndex) { Id = c.Adcode })),
        };

    public static BulkRequest IndexProjects(ElasticsearchSearchOptions options, IEnumerable<ProjectDocument> projects) =>
        new()
        {
            Operations = new BulkOperationsCollection(projects.Select(p =>
                (IBulkOperation)new BulkIndexOperation<ProjectSource>(ProjectSource.From(p), options.ProjectsIndex) { Id = ProjectSource.IdOf(p.Id) })),
        };

    public static DeleteRequest DeleteProject(ElasticsearchSearchOptions options, Guid id) => new(options.ProjectsIndex, ProjectSource.IdOf(id));

    public static DeleteByQueryRequest Clear(ElasticsearchSearchOptions options) =>
        new(BothIndexes(options))
        {
            Query = new MatchAllQuery(),
            // A document written while clearing must not fail the clear; the rebuild rewrites it anyway.
            Conflicts = Conflicts.Proceed,
            Refresh = true,
        };

    public static Indices BothIndexes(ElasticsearchSearchOptions options) => new[] { options.CandidatesIndex, options.ProjectsIndex };

    // ---- Queries ------------------------------------------------------------------------------------

    public static SearchRequest RetrieveCandidates(ElasticsearchSearchOptions options, CandidateQuery query)
    {
        var filters = new List<Query>
        {
            new NumberRangeQuery(CandidateFields.MaxParkLandMu) { Gte = (double)query.LandMu },
        };
        if (query.HighEnergy) filters.Add(new NumberRangeQuery(CandidateFields.EnergyQuotaTce) { Gte = (double)query.EnergyTce });

        return new SearchRequest(options.CandidatesIndex)
        {
            Query = new BoolQuery
            {
                Filter = filters,
                Should = LevelBoosts(CandidateFields.IndustryTokens, IndustryTokens.Expand(query.Industry)),
                MinimumShouldMatch = 1,
            },
            Sort = [ScoreDescending, Ascending(CandidateFields.Adcode)],
            Size = query.Size,
            // The adcode is the document id; nothing else of the candidate is needed.
            Source = false,
        };
    }

    /// <summary>Projects of any of <paramref name="statuses"/>, as the index stores them.</summary>
    private static TermsQuery StatusIn(params IEnumerable<ProjectStatus> statuses) => new()
    {
        Field = ProjectFields.Status,
        Terms = new TermsQueryField([.. statuses.Select(s => FieldValue.String(WireStatus.Name(s)))]),
    };

    public static SearchRequest RetrieveProjectsForCounty(ElasticsearchSearchOptions options, ProjectsForCountyQuery query) =>
        new(options.ProjectsIndex)
        {
            Query = new BoolQuery
            {
                Filter =
                [
                    StatusIn(ProjectStatus.Open, ProjectStatus.Contested),
                    new NumberRangeQuery(ProjectFields.LandMu) { Lte = (double)query.MaxParkLandMu },
                    // The energy quota binds only 两高 projects.
                    new BoolQuery
                    {
                        Should =
                        [
                            new TermQuery(ProjectFields.HighEnergy, false),
                            new NumberRangeQuery(ProjectFields.EnergyTce) { Lte = (double)query.EnergyQuotaTce },
                        ],
                        MinimumShouldMatch = 1,
                    },
                ],
                Should = LevelBoosts(ProjectFields.IndustryTokens, query.IndustryTokens.Select(IndustryCode.Parse)),
                MinimumShouldMatch = 1,
            },
            Sort = [ScoreDescending, Descending(ProjectFields.UpdatedAt), Ascending(ProjectFields.Id)],
            Size = query.Size,
            Source = false,
        };

    public static SearchRequest SearchProjects(ElasticsearchSearchOptions options, ProjectQuery query)
    {
        var filters = new List<Query>();
        if (query.Status is { } status) filters.Add(new TermQuery(ProjectFields.Status, WireStatus.Name(status)));
        if (query.Industry is { } industry) filters.Add(new TermQuery(ProjectFields.IndustryTokens, industry.Value));
        if (!string.IsNullOrWhiteSpace(query.County)) filters.Add(new TermQuery(ProjectFields.Counties, query.County.Trim()));

        var must = new List<Query>();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            must.Add(new MultiMatchQuery(query.Text.Trim())
            {
                // Each field is analysed by its own analyzer (words, then bigrams) and the best field
                // scores the project, so a title hit (boosted) outranks the same words in a description.
                Type = TextQueryType.BestFields,
                Fields = new[]
                {
                    TextField(ProjectFields.Title, 3), TextField(ProjectFields.Title + "." + ProjectFields.Cjk, 3),
                    TextField(ProjectFields.Description), TextField(ProjectFields.Description + "." + ProjectFields.Cjk),
                    TextField(ProjectFields.IndustryText), TextField(ProjectFields.IndustryText + "." + ProjectFields.Cjk),
                    TextField(ProjectFields.IndustryName), TextField(ProjectFields.IndustryName + "." + ProjectFields.Cjk),
                },
                MinimumShouldMatch = 1,
            });
        }

        return new SearchRequest(options.ProjectsIndex)
        {
            // Empty clause lists are left out: a bool with neither matches every project.
            Query = new BoolQuery
            {
                Filter = filters.Count > 0 ? filters : null,
                Must = must.Count > 0 ? must : null,
                MustNot = query.ExcludeDrafts ? [new TermQuery(ProjectFields.Status, WireStatus.Name(ProjectStatus.Draft))] : null,
            },
            // Without text every score is equal, so recency decides; the id makes pages stable.
            Sort = [ScoreDescending, Descending(ProjectFields.UpdatedAt), Ascending(ProjectFields.Id)],
            From = query.Skip,
            Size = query.Take,
            TrackTotalHits = true,
            Source = new SourceFilter
            {
                Includes = new[] { ProjectFields.Id, ProjectFields.Title, ProjectFields.IndustryCode, ProjectFields.Status, ProjectFields.FirstContactCounty, ProjectFields.HostCounties },
            },
            Aggregations = new Dictionary<string, Aggregation>
            {
                [ByStatus] = new TermsAggregation { Field = ProjectFields.Status, Size = StatusBuckets },
                [ByDivision] = new TermsAggregation { Field = ProjectFields.Division, Size = DivisionBuckets },
            },
        };
    }

    public static SearchRequest ReadSettled(ElasticsearchSearchOptions options, SettledQuery query)
    {
        var filters = new List<Query>
        {
            // An open range matches every document with the field: every settled project.
            new DateRangeQuery(ProjectFields.SettledAt) { Gte = query.DecidedFrom is { } from ? DateMath.Anchored(from.UtcDateTime) : null, Lt = query.DecidedBefore is { } before ? DateMath.Anchored(before.UtcDateTime) : null },
        };
        if (!string.IsNullOrWhiteSpace(query.County)) filters.Add(new TermQuery(ProjectFields.SettledCounties, query.County.Trim()));
        if (query.OverdueOnly) filters.Add(new TermQuery(ProjectFields.Overdue, true));
        return new SearchRequest(options.ProjectsIndex)
        {
            Query = new BoolQuery { Filter = filters },
            Sort = [Ascending(ProjectFields.SettledAt), Ascending(ProjectFields.Id)],
            // The sort values of the cursor: the date as Elasticsearch sorts it (epoch milliseconds, as stored), then the id.
            SearchAfter = query.After is { } after ? [FieldValue.Long(after.DecidedAt.ToUnixTimeMilliseconds()), FieldValue.String(ProjectSource.IdOf(after.Id))] : null,
            Size = query.Take,
            TrackTotalHits = true,
            Source = new SourceFilter
            {
                Includes = new[] { ProjectFields.Id, ProjectFields.Title, ProjectFields.IndustryCode, ProjectFields.Status, ProjectFields.Settlement },
            },
        };
    }

    /// <summary>
    /// No hits, only the count of matches and a terms aggregation on the county field the placement names:
    /// the first-contact keyword, or the host counties (a keyword kept in doc values, which is what a terms
    /// aggregation reads, so a co-built project adds one to each of its counties).
    /// </summary>
    public static SearchRequest CountByCounty(ElasticsearchSearchOptions options, CountyCountQuery query) =>
        new(options.ProjectsIndex)
        {
            Query = new BoolQuery
            {
                Filter =
                [
                    StatusIn(query.Statuses.Distinct().Order()),
                ],
            },
            Size = 0,
            TrackTotalHits = true,
            Aggregations = new Dictionary<string, Aggregation>
            {
                [ByCounty] = new TermsAggregation
                {
                    Field = query.By == CountyPlacement.FirstContact ? ProjectFields.FirstContactCounty : ProjectFields.HostCounties,
                    Size = CountyBuckets,
                },
            },
        };

    public static SearchRequest ReadListings(ElasticsearchSearchOptions options, IReadOnlyCollection<Guid> ids) =>
        new(options.ProjectsIndex)
        {
            Query = new BoolQuery { Filter = [new TermsQuery { Field = ProjectFields.Id, Terms = new TermsQueryField([.. ids.Distinct().Select(id => FieldValue.String(ProjectSource.IdOf(id)))]) }] },
            Size = ids.Count,
            Source = new SourceFilter { Includes = new[] { ProjectFields.Listing } },
        };

    public static SearchRequest ReadContests(ElasticsearchSearchOptions options, ContestQuery query)
    {
        var filters = new List<Query> { new TermQuery(ProjectFields.Status, WireStatus.Name(ProjectStatus.Contested)) };
        if (!string.IsNullOrWhiteSpace(query.Prefecture)) filters.Add(new TermQuery(ProjectFields.ContestPrefectures, query.Prefecture.Trim()));
        return new SearchRequest(options.ProjectsIndex)
        {
            Query = new BoolQuery { Filter = filters },
            Sort = [Descending(ProjectFields.UpdatedAt), Ascending(ProjectFields.Id)],
            Size = query.Take,
            TrackTotalHits = true,
            Source = new SourceFilter
            {
                Includes = new[] { ProjectFields.Id, ProjectFields.Title, ProjectFields.IndustryCode, ProjectFields.Status, ProjectFields.Contest },
            },
        };
    }

    /// <summary>
    /// One constant-score clause per token, boosted by its level. In a bool query should-clause scores add
    /// up and filters score nothing, so a hit's score is exactly <see cref="IndustryTokens.Relevance"/>.
    /// </summary>
    private static List<Query> LevelBoosts(string field, IEnumerable<IndustryCode> tokens) =>
        tokens
            .DistinctBy(t => t.Value, StringComparer.Ordinal)
            .Select(t => (Query)new ConstantScoreQuery(new TermQuery(field, t.Value)) { Boost = IndustryTokens.Boost(t.Level) })
            .ToList();

    private static Field TextField(string name, float? boost = null) => boost is { } b ? new Field(name, b) : new Field(name);

    private static SortOptions ScoreDescending => new() { Score = new ScoreSort { Order = SortOrder.Desc } };

    private static SortOptions Ascending(string field) => new() { Field = new FieldSort(field) { Order = SortOrder.Asc } };

    private static SortOptions Descending(string field) => new() { Field = new FieldSort(field) { Order = SortOrder.Desc } };
}
