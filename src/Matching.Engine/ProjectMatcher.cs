using Matching.Domain.Fit;
using Matching.Domain.Projects;
using Matching.Search;

namespace Matching.Engine;

/// <summary>The counties that fit a project, best first, and those that cannot take it, with reasons.</summary>
/// <param name="Matches">Fitting counties, best first (ties by adcode), cut at the requested number.</param>
/// <param name="Excluded">Counties that cannot take the project, by adcode, each with its reasons.</param>
/// <param name="Candidates">How many counties stage one retrieved.</param>
public sealed record MatchResult(IReadOnlyList<FitScore> Matches, IReadOnlyList<Exclusion> Excluded, int Candidates);

/// <summary>
/// Two-stage matching. Stage one asks the search engine for candidates (hard filters, industry
/// relevance); stage two re-ranks them with the shared <see cref="FitModel"/>, so every engine ranks
/// alike. Counties the engine did not return are assessed by the model too, to say why not.
/// </summary>
public sealed class ProjectMatcher(ISearchEngine search, CandidateRegistry registry, FitModel model)
{
    /// <summary>The model in force.</summary>
    public FitModel Model => model;

    /// <summary>Matches a project.</summary>
    /// <param name="project">The project's details.</param>
    /// <param name="top">Most matches returned.</param>
    /// <param name="explain">False for scores only (no reasons), e.g. to find standing interests.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<MatchResult> MatchAsync(ProjectDetails project, int top, bool explain = true, CancellationToken cancellationToken = default)
    {
        var snapshot = registry.Snapshot;
        var hits = await search.RetrieveCandidatesAsync(
            new CandidateQuery(project.IndustryCode, project.LandMu, project.EnergyTce, project.HighEnergy, Math.Max(snapshot.All.Count, 1)),
            cancellationToken);

        var retrieved = new HashSet<string>(hits.Select(h => h.Adcode), StringComparer.Ordinal);
        var fits = new List<FitScore>(hits.Count);
        var excluded = new List<Exclusion>();
        foreach (var candidate in snapshot.All)
        {
            if (!retrieved.Contains(candidate.Adcode))
            {
                // Not retrieved: only say why not. A county the model would accept here has an index that
                // lags the snapshot; it is left out rather than ranked on data the engine has not seen.
                if (model.Exclude(project, candidate) is { } why) excluded.Add(why);
                continue;
            }

            // Reasons are written for the shown matches only (below): ranking thousands costs no text.
            var assessment = model.Assess(project, candidate, snapshot, explain: false);
            if (assessment.Exclusion is { } exclusion) excluded.Add(exclusion);
            else fits.Add(assessment.Fit!);
        }

        excluded.Sort((a, b) => string.CompareOrdinal(a.Adcode, b.Adcode));
        var best = fits.OrderByDescending(f => f.Score).ThenBy(f => f.Adcode, StringComparer.Ordinal).Take(top);
        if (explain) best = best.Select(f => model.Assess(project, snapshot.Find(f.Adcode)!, snapshot).Fit!);
        return new MatchResult(best.ToArray(), excluded, hits.Count);
    }
}
