using Matching.Domain.Fit;
using Matching.Domain.Projects;
using Matching.Search;

namespace Matching.Engine;

/// <summary>An open project that fits a county, with the county's fit score for it.</summary>
public sealed record ProjectFit(Guid ProjectId, FitScore Fit);

/// <summary>
/// The other direction: open projects that fit one county. The engine retrieves projects whose
/// industries overlap the county's and that its capacity can take; the same model scores each.
/// </summary>
public sealed class CountyMatcher(ISearchEngine search, CandidateRegistry registry, FitModel model)
{
    /// <summary>Open projects fitting the county, best first.</summary>
    /// <param name="adcode">The county.</param>
    /// <param name="loadProjects">Reads the current details of the retrieved projects (from their grains).</param>
    /// <param name="top">Most results.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<IReadOnlyList<ProjectFit>> MatchAsync(
        string adcode,
        Func<IReadOnlyList<Guid>, Task<IReadOnlyDictionary<Guid, ProjectDetails>>> loadProjects,
        int top,
        CancellationToken cancellationToken = default)
    {
        var snapshot = registry.Snapshot;
        if (snapshot.Find(adcode) is not { } candidate) return [];

        var document = CandidateRegistry.ToDocument(candidate);
        var hits = await search.RetrieveProjectsForCountyAsync(
            new ProjectsForCountyQuery(document.IndustryTokens, document.MaxParkLandMu, document.EnergyQuotaTce, Math.Max(top * 5, 50)),
            cancellationToken);
        var details = await loadProjects(hits.Select(h => h.Id).ToArray());

        return hits
            .Where(h => details.ContainsKey(h.Id))
            .Select(h => (h.Id, Assessment: model.Assess(details[h.Id], candidate, snapshot)))
            .Where(x => x.Assessment.Fit is not null)
            .Select(x => new ProjectFit(x.Id, x.Assessment.Fit!))
            .OrderByDescending(p => p.Fit.Score)
            .ThenBy(p => p.ProjectId)
            .Take(top)
            .ToArray();
    }
}
