using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using Matching.Domain.Projects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Matching.Search.Elasticsearch;

/// <summary>
/// The production <see cref="ISearchEngine"/>: two Elasticsearch 9 indexes, <c>{prefix}-candidates</c> and
/// <c>{prefix}-projects</c>, with Chinese analysis from the analysis-smartcn plugin plus CJK bigrams.
/// Thread-safe; one instance (one client, one connection pool) serves the process.
/// </summary>
public sealed class ElasticsearchSearchEngine : ISearchEngine, IDisposable
{
    // Keeps each bulk body to a few megabytes however many documents a rebuild sends.
    private const int BulkBatchSize = 500;

    private readonly ElasticsearchClient client;
    private readonly ElasticsearchSearchOptions options;
    private readonly ILogger logger;

    // Set only when this engine built the client: its settings own the HTTP connections.
    private IDisposable? ownedSettings;

    /// <summary>An engine with a client of its own, built from <paramref name="options"/>; disposing the engine closes its connections.</summary>
    public ElasticsearchSearchEngine(IOptions<ElasticsearchSearchOptions> options, ILogger<ElasticsearchSearchEngine>? logger = null)
        : this(CreateClientSettings(options.Value), options.Value, logger)
    {
    }

    private ElasticsearchSearchEngine(ElasticsearchClientSettings settings, ElasticsearchSearchOptions options, ILogger? logger)
        : this(new ElasticsearchClient(settings), options, logger) => ownedSettings = settings;

    /// <summary>
    /// An engine over an existing client (shared, or with a custom transport in tests), which stays the
    /// caller's to dispose. Of <paramref name="options"/> only the index settings are used; the client
    /// brings address and credentials.
    /// </summary>
    public ElasticsearchSearchEngine(ElasticsearchClient client, ElasticsearchSearchOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid(requireUrl: false);
        this.client = client;
        // A snapshot: index names must not change under a running engine if the caller reuses the object.
        this.options = options.Clone();
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Name of the candidates index.</summary>
    public string CandidatesIndex => options.CandidatesIndex;

    /// <summary>Name of the projects index.</summary>
    public string ProjectsIndex => options.ProjectsIndex;

    /// <summary>Client settings for <paramref name="options"/>: address, credentials, certificate pinning.</summary>
    public static ElasticsearchClientSettings CreateClientSettings(ElasticsearchSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid(requireUrl: true);
        var settings = new ElasticsearchClientSettings(options.Url!);
        if (options.Username is not null) settings.Authentication(new BasicAuthentication(options.Username, options.Password!));
        if (options.ApiKey is not null) settings.Authentication(new ApiKey(options.ApiKey));
        if (options.CertificateFingerprint is not null) settings.CertificateFingerprint(options.CertificateFingerprint);
        return settings;
    }

    /// <inheritdoc />
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureIndexAsync(ElasticsearchRequests.CreateCandidatesIndex(options), cancellationToken);
        await EnsureIndexAsync(ElasticsearchRequests.CreateProjectsIndex(options), cancellationToken);
    }

    private async Task EnsureIndexAsync(CreateIndexRequest create, CancellationToken cancellationToken)
    {
        var index = create.Index.ToString();
        var exists = await client.Indices.ExistsAsync(index, cancellationToken);
        if (exists.Exists)
        {
            // Fields added since the index was made join its strict mapping (adding is all a mapping update may do;
            // documents written before stay without them until indexed again).
            var updated = await client.Indices.PutMappingAsync(new PutMappingRequest(index) { Properties = create.Mappings!.Properties }, cancellationToken);
            if (!updated.IsValidResponse) throw Failure($"updating the mapping of index {index}", updated);
            return;
        }

        if (StatusOf(exists) != 404) throw Failure($"checking index {index}", exists);

        var created = await client.Indices.CreateAsync(create, cancellationToken);
        if (created.IsValidResponse)
        {
            logger.LogInformation("Created Elasticsearch index {Index}", index);
            return;
        }

        // Another process (a second silo) created it between the check and the create: that is the goal.
        if (created.ElasticsearchServerError?.Error?.Type == "resource_already_exists_exception") return;
        throw Failure($"creating index {index}", created);
    }

    /// <inheritdoc />
    public Task IndexCandidatesAsync(IReadOnlyCollection<CandidateDocument> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return BulkAsync(candidates, batch => ElasticsearchRequests.IndexCandidates(options, batch), "indexing candidates", cancellationToken);
    }

    /// <inheritdoc />
    public Task IndexProjectsAsync(IReadOnlyCollection<ProjectDocument> projects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projects);
        return BulkAsync(projects, batch => ElasticsearchRequests.IndexProjects(options, batch), "indexing projects", cancellationToken);
    }

    private async Task BulkAsync<T>(IReadOnlyCollection<T> documents, Func<T[], BulkRequest> request, string what, CancellationToken cancellationToken)
    {
        foreach (var batch in documents.Chunk(BulkBatchSize))
        {
            var response = await client.BulkAsync(request(batch), cancellationToken);
            if (!response.IsValidResponse || response.Errors) throw BulkFailure(what, response);
        }
    }

    /// <inheritdoc />
    public async Task DeleteProjectAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var response = await client.DeleteAsync(ElasticsearchRequests.DeleteProject(options, id), cancellationToken);
        if (response.IsValidResponse) return;

        // A missing document answers 404 with a normal body (result "not_found"); a missing index answers
        // 404 with an error body, which is a broken deployment rather than an absent project.
        if (StatusOf(response) == 404 && response.ElasticsearchServerError is null) return;
        throw Failure($"deleting project {id}", response);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CandidateHit>> RetrieveCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Size);
        if (query.Size == 0) return [];

        var response = await client.SearchAsync<CandidateSource>(ElasticsearchRequests.RetrieveCandidates(options, query), cancellationToken);
        if (!response.IsValidResponse) throw Failure("retrieving candidates", response);
        return response.Hits.Select(h => new CandidateHit(h.Id!, h.Score ?? 0)).ToArray();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProjectForCountyHit>> RetrieveProjectsForCountyAsync(ProjectsForCountyQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Size);
        // Without tokens nothing can overlap; asking would only return an empty page.
        if (query.Size == 0 || query.IndustryTokens.Count == 0) return [];

        var response = await client.SearchAsync<ProjectHitSource>(ElasticsearchRequests.RetrieveProjectsForCounty(options, query), cancellationToken);
        if (!response.IsValidResponse) throw Failure("retrieving projects for a county", response);
        return response.Hits.Select(h => new ProjectForCountyHit(Guid.Parse(h.Id!), h.Score ?? 0)).ToArray();
    }

    /// <inheritdoc />
    public async Task<ProjectSearchResult> SearchProjectsAsync(ProjectQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Take);

        var response = await client.SearchAsync<ProjectHitSource>(ElasticsearchRequests.SearchProjects(options, query), cancellationToken);
        if (!response.IsValidResponse) throw Failure("searching projects", response);

        var hits = response.Hits
            .Select(h => h.Source is { } source
                ? new ProjectHit(Guid.Parse(source.Id ?? h.Id!), source.Title ?? string.Empty, source.IndustryCode ?? string.Empty, WireStatus.Parse(source.Status), h.Score ?? 0)
                {
                    FirstContactCounty = source.FirstContactCounty,
                    HostCounties = source.HostCounties ?? [],
                }
                : throw new InvalidOperationException($"Elasticsearch returned project {h.Id} without its _source."))
            .ToArray();

        var byStatus = new Dictionary<ProjectStatus, long>();
        foreach (var (key, count) in Buckets(response.Aggregations, ElasticsearchRequests.ByStatus))
        {
            // A status this build does not know (written by a newer one) is left out of the facet, not fatal.
            if (WireStatus.TryParse(key, out var status)) byStatus[status] = count;
        }

        var byDivision = Buckets(response.Aggregations, ElasticsearchRequests.ByDivision).ToDictionary(b => b.Key, b => b.Count, StringComparer.Ordinal);
        return new ProjectSearchResult(response.Total, hits, byStatus, byDivision);
    }

    /// <inheritdoc />
    public async Task<SettledPage> ReadSettledAsync(SettledQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Take);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Take, SettledQuery.MaxTake);

        var response = await client.SearchAsync<SettledHitSource>(ElasticsearchRequests.ReadSettled(options, query), cancellationToken);
        if (!response.IsValidResponse) throw Failure("reading settled projects", response);
        var hits = response.Hits
            .Select(h => h.Source is { Settlement: { } settlement } source
                ? new SettledHit(Guid.Parse(source.Id ?? h.Id!), source.Title ?? string.Empty, source.IndustryCode ?? string.Empty, WireStatus.Parse(source.Status),
                    System.Text.Json.JsonSerializer.Deserialize<Domain.Cockpit.Settlement>(settlement, Domain.MatchingJson.Options)!)
                : throw new InvalidOperationException($"Elasticsearch returned settled project {h.Id} without its settlement."))
            .ToArray();
        return new SettledPage(response.Total, hits);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProjectListing>> ReadListingsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ids.Count, ProjectListing.MaxIds, nameof(ids));
        if (ids.Count == 0) return [];

        var response = await client.SearchAsync<ListingSource>(ElasticsearchRequests.ReadListings(options, ids), cancellationToken);
        if (!response.IsValidResponse) throw Failure("reading project listings", response);
        // A document written before the field existed carries no listing until indexed again.
        return response.Hits
            .Where(h => h.Source?.Listing is not null)
            .Select(h => System.Text.Json.JsonSerializer.Deserialize<ProjectListing>(h.Source!.Listing!, Domain.MatchingJson.Options)!)
            .ToArray();
    }

    /// <inheritdoc />
    public async Task<ContestPage> ReadContestsAsync(ContestQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Take);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Take, ContestQuery.MaxTake);

        var response = await client.SearchAsync<ContestHitSource>(ElasticsearchRequests.ReadContests(options, query), cancellationToken);
        if (!response.IsValidResponse) throw Failure("reading contested projects", response);
        // A contested document written without its standing (before the field existed) is no board entry until indexed again.
        var hits = response.Hits
            .Where(h => h.Source?.Contest is not null)
            .Select(h => new ContestHit(Guid.Parse(h.Source!.Id ?? h.Id!), h.Source.Title ?? string.Empty, h.Source.IndustryCode ?? string.Empty, WireStatus.Parse(h.Source.Status),
                System.Text.Json.JsonSerializer.Deserialize<Domain.Decisions.ContestStanding>(h.Source.Contest!, Domain.MatchingJson.Options)!))
            .ToArray();
        return new ContestPage(response.Total, hits);
    }

    /// <inheritdoc />
    public async Task<CountyCounts> CountByCountyAsync(CountyCountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Statuses);
        ArgumentOutOfRangeException.ThrowIfZero(query.Statuses.Count, nameof(query.Statuses));

        var response = await client.SearchAsync<ProjectHitSource>(ElasticsearchRequests.CountByCounty(options, query), cancellationToken);
        if (!response.IsValidResponse) throw Failure("counting projects by county", response);
        var counts = Buckets(response.Aggregations, ElasticsearchRequests.ByCounty).ToDictionary(b => b.Key, b => b.Count, StringComparer.Ordinal);
        return new CountyCounts(response.Total, counts);
    }

    private static IEnumerable<(string Key, long Count)> Buckets(AggregateDictionary? aggregations, string name)
    {
        if (aggregations?.TryGetAggregate<StringTermsAggregate>(name, out var terms) != true || terms?.Buckets is null) yield break;
        foreach (var bucket in terms.Buckets)
        {
            if (bucket.Key.TryGetString(out var key) && key is not null) yield return (key, bucket.DocCount);
        }
    }

    /// <inheritdoc />
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        var response = await client.DeleteByQueryAsync(ElasticsearchRequests.Clear(options), cancellationToken);
        if (!response.IsValidResponse || response.Failures is { Count: > 0 }) throw Failure("clearing the indexes", response);
    }

    /// <inheritdoc />
    // An acknowledged write is in the translog: nothing acknowledged is lost with a stopped node.
    public Task<DateTimeOffset?> ProjectsDurableUntilAsync(CancellationToken cancellationToken = default) => Task.FromResult<DateTimeOffset?>(null);

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var response = await client.Indices.RefreshAsync(ElasticsearchRequests.BothIndexes(options), cancellationToken);
        if (!response.IsValidResponse) throw Failure("refreshing the indexes", response);
    }

    /// <summary>Closes the connections of a client this engine built; a client passed in is left open.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref ownedSettings, null)?.Dispose();
    }

    private static int? StatusOf(ElasticsearchResponse response) => response.ApiCallDetails?.HttpStatusCode;

    private static ElasticsearchSearchException Failure(string what, ElasticsearchResponse response)
    {
        response.TryGetOriginalException(out var inner);
        var error = response.ElasticsearchServerError?.Error;
        var reason = error is null
            ? inner?.Message ?? "no response"
            : $"{error.Type}: {error.Reason}";
        return new ElasticsearchSearchException($"Elasticsearch failed {what} (HTTP {StatusOf(response)?.ToString() ?? "-"}): {reason}", inner);
    }

    private static ElasticsearchSearchException BulkFailure(string what, BulkResponse response)
    {
        if (!response.IsValidResponse && !response.Errors) return Failure(what, response);
        var failed = response.ItemsWithErrors.ToArray();
        var sample = string.Join("; ", failed.Take(3).Select(i => $"{i.Id}: {i.Error?.Type}: {i.Error?.Reason}"));
        return new ElasticsearchSearchException($"Elasticsearch failed {what}: {failed.Length} of {response.Items.Count} documents rejected ({sample}).", null);
    }
}

/// <summary>Elasticsearch refused or could not serve a request of the search engine.</summary>
public sealed class ElasticsearchSearchException(string message, Exception? innerException) : Exception(message, innerException);
