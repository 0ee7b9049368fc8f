using Matching.Allocation;
using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Parks;
using Matching.Domain.Projects;
using Matching.Search;

namespace Matching.Host.Allocation;

/// <summary>
/// Reads what an allocation decides on from the grains: the contested (optionally also open) projects
/// with their live bids and stored fit scores, the bidding counties' energy and their parks' land as
/// reserved now, the province's pairings (with the weak partners' energy, for co-build pairs), and the
/// awards made in the cap's window. The index finds the projects; the grains say what they are now.
/// </summary>
internal sealed class AllocationInputs(ISearchEngine search, IGrainFactory grains, Province province, TimeProvider time)
{
    /// <summary>Most projects of one status read into one plan.</summary>
    public const int MaxPerStatus = 1000;

    public async Task<AllocationInstance> Read(bool includeOpen, int capPerDivision, int windowDays, double fairnessWeight, decimal partnerPercent, CancellationToken cancellationToken)
    {
        ProjectStatus[] statuses = includeOpen ? [ProjectStatus.Contested, ProjectStatus.Open] : [ProjectStatus.Contested];
        var contests = (await Task.WhenAll(statuses.Select(async status =>
        {
            var hits = await search.SearchProjectsAsync(new ProjectQuery(Status: status, Take: MaxPerStatus), cancellationToken);
            return await Task.WhenAll(hits.Hits.Select(h => ContestOf(h.Id, statuses)));
        }))).SelectMany(c => c).OfType<Contest>()
            .OrderBy(c => c.Project.Details.Deadline ?? DateOnly.MaxValue).ThenBy(c => c.Project.CreatedAt).ThenBy(c => c.Project.Id)
            .ToArray();

        var bidding = contests.SelectMany(c => c.Bids.Select(b => b.Bid.County)).Where(province.HasCounty).Distinct().ToArray();
        var pairings = await grains.GetGrain<IPairingGrain>(IPairingGrain.Key).GetAll();
        var partners = pairings.Where(p => p.Kind == Domain.JointBids.PairingKind.StrongWeak && p.Counties.Count == 2 && bidding.Contains(p.Counties[0]))
            .Select(p => p.Counties[1]).Where(province.HasCounty);
        var counties = (await Task.WhenAll(bidding.Union(partners).Select(async adcode =>
        {
            var grain = grains.GetGrain<ICountyGrain>(adcode);
            var (county, energy) = (await grain.Get(), await grain.GetEnergyQuota());
            return county is null ? ((string, (County, QuotaUse))?)null : (adcode, (county, new QuotaUse(energy.Capacity, energy.Reserved)));
        }))).OfType<(string Adcode, (County, QuotaUse) Value)>().ToDictionary(c => c.Adcode, c => c.Value);

        var parkIds = bidding.SelectMany(province.ParksIn).Select(p => p.Id).Distinct().ToArray();
        var parks = (await Task.WhenAll(parkIds.Select(async id =>
        {
            var grain = grains.GetGrain<IParkGrain>(id);
            var (park, land) = (await grain.Get(), await grain.GetLandQuota());
            return park is null ? ((string, (Park, QuotaUse))?)null : (id, (park, new QuotaUse(land.Capacity, land.Reserved)));
        }))).OfType<(string Id, (Park, QuotaUse) Value)>().ToDictionary(p => p.Id, p => p.Value);

        var prior = await PriorAwards(time.GetUtcNow().AddDays(-windowDays), cancellationToken);
        return AllocationInstances.Build(contests, counties, parks, prior, capPerDivision, fairnessWeight, pairings, partnerPercent);
    }

    private async Task<Contest?> ContestOf(Guid id, ProjectStatus[] statuses)
    {
        var grain = grains.GetGrain<IProjectGrain>(id);
        if (await grain.Get() is not { } project || !statuses.Contains(project.Status)) return null;
        var bids = await grain.GetBids();
        if (bids.Count == 0) return null;
        return new Contest(project, bids, await grain.GetInterestScores());
    }

    /// <summary>Awards and co-builds (by lead county) decided since <paramref name="since"/>, landed ones included.</summary>
    private async Task<IReadOnlyList<(string County, IndustryCode Industry)>> PriorAwards(DateTimeOffset since, CancellationToken cancellationToken)
    {
        ProjectStatus[] settled = [ProjectStatus.Awarded, ProjectStatus.CoBuilt, ProjectStatus.Landed];
        var pages = await Task.WhenAll(settled.Select(s => search.SearchProjectsAsync(new ProjectQuery(Status: s, Take: MaxPerStatus), cancellationToken)));
        var awards = await Task.WhenAll(pages.SelectMany(p => p.Hits).Select(async hit =>
        {
            var grain = grains.GetGrain<IProjectGrain>(hit.Id);
            if (await grain.Get() is not { } project || !settled.Contains(project.Status)) return null;
            var decision = await grain.GetLastDecision();
            if (decision is not { Terms.Kind: DecisionKind.Award or DecisionKind.CoBuild, Terms.County: { } county } || decision.DecidedAt < since) return null;
            return ((string, IndustryCode)?)(county, project.Details.IndustryCode);
        }));
        return [.. awards.OfType<(string, IndustryCode)>()];
    }
}
