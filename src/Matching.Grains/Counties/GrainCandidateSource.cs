using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Engine;

namespace Matching.Grains.Counties;

/// <summary>Every county of the province with its placed parks, read from their grains: what the engine's <see cref="CandidateRefresher"/> loads.</summary>
public sealed class GrainCandidateSource(IGrainFactory grains, Province province) : ICandidateSource
{
    public async Task<IReadOnlyCollection<Candidate>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var parks = (await Task.WhenAll(province.Parks.Select(p => grains.GetGrain<IParkGrain>(p.Id).Get())).WaitAsync(cancellationToken))
            .OfType<Park>()
            .Where(p => p.Reference.CountyAdcode is not null)
            .ToLookup(p => p.Reference.CountyAdcode!);
        return (await Task.WhenAll(province.Counties.Select(c => grains.GetGrain<ICountyGrain>(c.Adcode).Get())).WaitAsync(cancellationToken))
            .OfType<County>()
            .Select(c => new Candidate(c, parks[c.Adcode].ToArray()))
            .ToArray();
    }
}
