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

    /// <summary>
    /// Replaces every candidate (at start, and on each periodic re-read) and reindexes them all. A county
    /// already held at a newer version (an edit that landed while this load was reading) is kept.
    /// </summary>
    public async Task LoadAsync(IReadOnlyCollection<Candidate> candidates, IEnumerable<RecentAward> recentAwards, CancellationToken cancellationToken = default)
    {
        Candidate[] loaded;
        lock (_writes)
        {
            var current = _snapshot;
            loaded = candidates
                .Select(c => current.Find(c.Adcode) is { } held && held.County.Version > c.County.Version ? held : c)
                .ToArray();
            _snapshot = new MatchingSnapshot(loaded, recentAwards);
        }

        await search.IndexCandidatesAsync(loaded.Select(ToDocument).ToArray(), cancellationToken);
    }

    /// <summary>Takes in a changed county (profile edit, park change) and reindexes it.</summary>
    public async Task UpdateAsync(Candidate candidate, CancellationToken cancellationToken = default)
    {
        lock (_writes)
        {
            // An older read (e.g. a slow parallel update) never replaces a newer county.
            if (_snapshot.Find(candidate.Adcode) is { } held && held.County.Version > candidate.County.Version) return;
            _snapshot = _snapshot.With(candidate);
        }

        await search.IndexCandidatesAsync([ToDocument(candidate)], cancellationToken);
    }

    /// <summary>The candidate document of a county: its featured and park industries and the industries its evidence names, largest park (land in force), energy quota in force.</summary>
    public static CandidateDocument ToDocument(Candidate candidate) => new(
        candidate.Adcode,
        candidate.County.Reference.Name,
        candidate.County.Reference.PrefectureAdcode,
        IndustryTokens.Expand(candidate.County.Profile.FeaturedIndustries.Select(f => f.Code)
            .Concat(candidate.Parks.SelectMany(p => p.Profile.MainIndustries))
            .Concat(candidate.Evidence.SelectMany(e => e.Industries))),
        candidate.MaxParkLandMu,
        // The value in force, as the model and the county's energy reservations read it, so the search-side exclusion agrees with both.
        candidate.County.Profile.EnergyQuotaTce.InForce);
}
