using Matching.Domain.Fit;
using Matching.Search;

namespace Matching.Engine;

/// <summary>
/// The current <see cref="MatchingSnapshot"/> of every county with its parks, kept in memory for the
/// scoring model and mirrored into the search engine's candidate index. Reads are lock-free: a change
/// builds a new snapshot and swaps it in.
/// </summary>
public sealed class CandidateRegistry(ISearchEngine search)
{
    private readonly Lock _writes = new();
    private volatile MatchingSnapshot _snapshot = MatchingSnapshot.Empty;

    /// <summary>The snapshot in force.</summary>
    public MatchingSnapshot Snapshot => _snapshot;

    /// <summary>Replaces every candidate (at start, or after a rebuild) and reindexes them all.</summary>
    public async Task LoadAsync(IReadOnlyCollection<Candidate> candidates, IEnumerable<RecentAward> recentAwards, CancellationToken cancellationToken = default)
    {
        lock (_writes) _snapshot = new MatchingSnapshot(candidates, recentAwards);
        await search.IndexCandidatesAsync(candidates.Select(ToDocument).ToArray(), cancellationToken);
    }

    /// <summary>Takes in a changed county (profile edit, park change) and reindexes it.</summary>
    public async Task UpdateAsync(Candidate candidate, CancellationToken cancellationToken = default)
    {
        lock (_writes) _snapshot = _snapshot.With(candidate);
        await search.IndexCandidatesAsync([ToDocument(candidate)], cancellationToken);
    }

    /// <summary>The candidate document of a county: its featured and park industries, largest park, energy quota.</summary>
    public static CandidateDocument ToDocument(Candidate candidate) => new(
        candidate.Adcode,
        candidate.County.Reference.Name,
        candidate.County.Reference.PrefectureAdcode,
        IndustryTokens.Expand(candidate.County.Profile.FeaturedIndustries.Select(f => f.Code)
            .Concat(candidate.Parks.SelectMany(p => p.Profile.MainIndustries))),
        candidate.MaxParkLandMu,
        candidate.County.Profile.EnergyQuotaTce.Value);
}
