namespace Matching.Search;

/// <summary>
/// The search port. The embedded default is Lucene.NET on local disk; production is Elasticsearch.
/// Both pass the same contract suite (tests/Matching.Search.Contract). Writes become searchable
/// within one second on their own (near-real-time); <see cref="RefreshAsync"/> makes them searchable now.
/// </summary>
public interface ISearchEngine
{
    /// <summary>Creates the indexes (and mappings) when missing. Idempotent.</summary>
    Task EnsureIndexesAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces candidate documents (by adcode).</summary>
    Task IndexCandidatesAsync(IReadOnlyCollection<CandidateDocument> candidates, CancellationToken cancellationToken = default);

    /// <summary>Stage one of matching; see <see cref="CandidateQuery"/>.</summary>
    Task<IReadOnlyList<CandidateHit>> RetrieveCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces project documents (by id), in bulk.</summary>
    Task IndexProjectsAsync(IReadOnlyCollection<ProjectDocument> projects, CancellationToken cancellationToken = default);

    /// <summary>Removes a project document; no error when absent.</summary>
    Task DeleteProjectAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Full-text and faceted search; see <see cref="ProjectQuery"/>.</summary>
    Task<ProjectSearchResult> SearchProjectsAsync(ProjectQuery query, CancellationToken cancellationToken = default);

    /// <summary>Settled projects with their <see cref="ProjectDocument.Settlement"/>, one page; see <see cref="SettledQuery"/>.</summary>
    Task<SettledPage> ReadSettledAsync(SettledQuery query, CancellationToken cancellationToken = default);

    /// <summary>Contested projects with their <see cref="ProjectDocument.Contest"/>; see <see cref="ContestQuery"/>.</summary>
    Task<ContestPage> ReadContestsAsync(ContestQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <see cref="ProjectListing"/>s of the given projects (at most <see cref="ProjectListing.MaxIds"/>), in
    /// no particular order; a project not indexed, or indexed without a listing, is left out.
    /// </summary>
    Task<IReadOnlyList<ProjectListing>> ReadListingsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>Projects per county for a set of statuses, exact whatever their number; see <see cref="CountyCountQuery"/>.</summary>
    Task<CountyCounts> CountByCountyAsync(CountyCountQuery query, CancellationToken cancellationToken = default);

    /// <summary>Open projects fitting a county; see <see cref="ProjectsForCountyQuery"/>.</summary>
    Task<IReadOnlyList<ProjectForCountyHit>> RetrieveProjectsForCountyAsync(ProjectsForCountyQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes every document of both indexes (before a rebuild from grain state).</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// How far the project index could be behind grain state after an unclean stop: the instant before
    /// which every project write it acknowledged was durable when it opened (the embedded engine commits
    /// every few seconds), or null when every acknowledged write is durable (Elasticsearch) or the index
    /// is new. Projects changed since then are indexed again at start.
    /// </summary>
    Task<DateTimeOffset?> ProjectsDurableUntilAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes every completed write visible to searches now.</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default);
}
