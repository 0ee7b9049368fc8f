using Matching.Domain.Industries;

namespace Matching.Domain.Fit;

/// <summary>An award the differentiation factor remembers: which industry went to which county, when.</summary>
public sealed record RecentAward(string Adcode, IndustryCode Industry, DateTimeOffset At);

/// <summary>
/// Every county with its parks, as of one moment, plus recent awards: what the scoring model reads.
/// Immutable; the host replaces it when a county or park changes.
/// </summary>
public sealed class MatchingSnapshot
{
    private readonly Dictionary<string, Candidate> _candidates;
    private readonly ILookup<string, RecentAward> _awards;

    /// <summary>Builds a snapshot.</summary>
    public MatchingSnapshot(IEnumerable<Candidate> candidates, IEnumerable<RecentAward> recentAwards)
    {
        _candidates = candidates.ToDictionary(c => c.Adcode, StringComparer.Ordinal);
        _awards = recentAwards.ToLookup(a => a.Adcode, StringComparer.Ordinal);
        All = _candidates.Values.OrderBy(c => c.Adcode, StringComparer.Ordinal).ToArray();
    }

    /// <summary>An empty snapshot (before the seeds are loaded).</summary>
    public static MatchingSnapshot Empty { get; } = new([], []);

    /// <summary>Every candidate by adcode.</summary>
    public IReadOnlyList<Candidate> All { get; }

    /// <summary>The candidate of a county, or null.</summary>
    public Candidate? Find(string? adcode) => adcode is null ? null : _candidates.GetValueOrDefault(adcode);

    /// <summary>Recent awards to a county.</summary>
    public IEnumerable<RecentAward> AwardsTo(string adcode) => _awards[adcode];

    /// <summary>A snapshot with one candidate replaced (or added).</summary>
    public MatchingSnapshot With(Candidate candidate) =>
        new(_candidates.Values.Where(c => c.Adcode != candidate.Adcode).Append(candidate), _awards.SelectMany(g => g));
}
