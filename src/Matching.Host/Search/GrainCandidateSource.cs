using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Parks;
using Matching.Engine;
using Matching.Seeds;

namespace Matching.Host.Search;

/// <summary>Every seeded county with its placed parks, read from their grains (what the engine's refresher loads).</summary>
public sealed class GrainCandidateSource(IGrainFactory grains, ShandongSeeds seeds) : ICandidateSource
{
    public async Task<IReadOnlyCollection<Candidate>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var parks = (await Task.WhenAll(seeds.Province.Parks.Select(p => grains.GetGrain<IParkGrain>(p.Id).Get())).WaitAsync(cancellationToken))
            .OfType<Park>()
            .Where(p => p.Reference.CountyAdcode is not null)
            .ToLookup(p => p.Reference.CountyAdcode!);
        return (await Task.WhenAll(seeds.Province.Counties.Select(c => grains.GetGrain<ICountyGrain>(c.Adcode).Get())).WaitAsync(cancellationToken))
            .OfType<County>()
            .Select(c => new Candidate(c, parks[c.Adcode].ToArray()))
            .ToArray();
    }
}
