using Matching.Domain.Fit;

namespace Matching.Engine;

/// <summary>Where <see cref="CandidateRefresher"/> reads every county with its parks (in a host: the county and park grains).</summary>
public interface ICandidateSource
{
    /// <summary>Every county that can be matched, each with its placed parks, as stored now.</summary>
    Task<IReadOnlyCollection<Candidate>> ReadAllAsync(CancellationToken cancellationToken);
}
