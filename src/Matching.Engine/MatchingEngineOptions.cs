using Matching.Domain.Fit;

namespace Matching.Engine;

/// <summary>How the matching engine scores and how fresh its snapshot of the counties is kept.</summary>
public sealed class MatchingEngineOptions
{
    /// <summary>The points of every fit factor and the inbox threshold (configuration <c>Matching:Weights</c>).</summary>
    public MatchWeights Weights { get; set; } = new();

    /// <summary>
    /// How often <see cref="CandidateRefresher"/> re-reads every county into the snapshot, so that edits
    /// made through other hosts reach this one (configuration <c>Search:CandidateRefreshInterval</c>).
    /// </summary>
    public TimeSpan CandidateRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most matches <see cref="MatchWarmup"/> runs after the first load, stopping earlier once the JIT has settled;
    /// 0 turns it off (configuration <c>Matching:WarmupMatches</c>).
    /// </summary>
    public int WarmupMatches { get; set; } = 3_000;
}
