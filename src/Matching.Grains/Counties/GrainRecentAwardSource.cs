using Matching.Contracts;
using Matching.Domain.Decisions;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Engine;
using Matching.Search;

namespace Matching.Grains.Counties;

/// <summary>
/// The platform's recent awards, as the matching snapshot counts them (differentiation, and award evidence):
/// the projects the search index holds as awarded, co-built or landed, each with the decision in force read
/// from its grain, kept when decided within <see cref="Window"/>.
/// </summary>
public sealed class GrainRecentAwardSource(IGrainFactory grains, ISearchEngine search, TimeProvider time) : IRecentAwardSource
{
    /// <summary>How far back an award counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(365);

    /// <summary>Most projects read per status on each refresh.</summary>
    public const int MostPerStatus = 500;

    public async Task<IReadOnlyCollection<RecentAward>> ReadRecentAsync(CancellationToken cancellationToken)
    {
        var hits = new List<ProjectHit>();
        foreach (var status in new[] { ProjectStatus.Awarded, ProjectStatus.CoBuilt, ProjectStatus.Landed })
            hits.AddRange((await search.SearchProjectsAsync(new ProjectQuery(Status: status, Take: MostPerStatus), cancellationToken)).Hits);
        var decisions = await Task.WhenAll(hits.Select(h => grains.GetGrain<IProjectGrain>(h.Id).GetLastDecision())).WaitAsync(cancellationToken);
        var since = time.GetUtcNow() - Window;
        var awards = new List<RecentAward>();
        for (var i = 0; i < hits.Count; i++)
            if (decisions[i] is { Terms: { Kind: DecisionKind.Award or DecisionKind.CoBuild, County: { } county } } decision &&
                decision.DecidedAt >= since && IndustryCode.TryParse(hits[i].IndustryCode, out var code))
                awards.Add(new RecentAward(county, code, decision.DecidedAt));
        return awards;
    }
}
