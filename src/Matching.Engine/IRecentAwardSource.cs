using Matching.Domain.Fit;

namespace Matching.Engine;

/// <summary>Where <see cref="CandidateRefresher"/> reads the platform's recent awards (in a host: the decided projects).</summary>
public interface IRecentAwardSource
{
    /// <summary>The awards and co-builds decided within the window the source keeps, each to its (lead) county, with its industry and date.</summary>
    Task<IReadOnlyCollection<RecentAward>> ReadRecentAsync(CancellationToken cancellationToken);
}
