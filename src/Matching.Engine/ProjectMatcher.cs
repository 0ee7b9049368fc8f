using Matching.Domain.Fit;
using Matching.Domain.Projects;

namespace Matching.Engine;

/// <summary>The counties that fit a project, best first, and those that cannot take it, with reasons.</summary>
/// <param name="Matches">Fitting counties, best first (ties by adcode), cut at the requested number.</param>
/// <param name="Excluded">Counties that cannot take the project, by adcode, each with its reasons.</param>
/// <param name="Candidates">How many counties passed the hard constraints and were scored.</param>
public sealed record MatchResult(IReadOnlyList<FitScore> Matches, IReadOnlyList<Exclusion> Excluded, int Candidates);

/// <summary>
/// Matching a project against every county of the snapshot. Stage one is the model's hard constraints
/// (land, 两高 energy, chemical park), cheap and without text; stage two scores the rest with the shared
/// <see cref="FitModel"/> and explains the shown ones. Industry is a graded factor, not a filter, so no
/// county is left out for its industry; the candidate index serves the other direction (county → projects)
/// and project search.
/// </summary>
public sealed class ProjectMatcher(CandidateRegistry registry, FitModel model)
{
    /// <summary>The model in force.</summary>
    public FitModel Model => model;

    /// <summary>Matches a project.</summary>
    /// <param name="project">The project's details.</param>
    /// <param name="top">Most matches returned.</param>
    /// <param name="explain">False for scores only (no reasons), e.g. to find standing interests.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<MatchResult> MatchAsync(ProjectDetails project, int top, bool explain = true, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = registry.Snapshot;
        var scored = new List<(double Score, Candidate Candidate)>(snapshot.All.Count);
        var excluded = new List<Exclusion>();
        // Points only for ranking, looked up through the snapshot's industry index: reasons are written for the shown matches and the excluded.
        var totals = model.ScoreAll(project, snapshot);
        for (var i = 0; i < totals.Length; i++)
        {
            var candidate = snapshot.All[i];
            if (totals[i] is { } score) scored.Add((score, candidate));
            else excluded.Add(model.Assess(project, candidate, snapshot, explain: false).Exclusion!);
        }

        // Candidates are in adcode order, so a stable sort by score keeps ties by adcode.
        var best = scored.OrderByDescending(s => s.Score).Take(top)
            .Select(s => explain ? model.Assess(project, s.Candidate, snapshot).Fit! : model.Assess(project, s.Candidate, snapshot, explain: false).Fit!)
            .ToArray();
        return Task.FromResult(new MatchResult(best, excluded, scored.Count));
    }
}
