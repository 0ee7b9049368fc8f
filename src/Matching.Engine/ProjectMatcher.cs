using Matching.Domain.Fit;
using Matching.Domain.Projects;

namespace Matching.Engine;

/// <summary>The counties that fit a project, best first, and those that cannot take it, with reasons.</summary>
/// <param name="Matches">Fitting counties, best first (ties by adcode), cut at the requested number.</param>
/// <param name="Excluded">Counties that cannot take the project, by adcode, each with its reasons (written when first read).</param>
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
        // Points only for ranking, through the snapshot's industry index and county table: reasons are written for the shown matches.
        var totals = model.ScoreAll(project, snapshot);
        var best = TopMatches.Of(totals, top);
        var shown = new FitScore[best.Length];
        for (var k = 0; k < best.Length; k++)
            shown[k] = model.Assess(project, snapshot.All[best[k]], snapshot, explain).Fit!;
        var scored = 0;
        foreach (var total in totals) if (total is not null) scored++;
        return Task.FromResult(new MatchResult(shown, new Exclusions(model, project, snapshot, totals), scored));
    }

    /// <summary>
    /// The excluded counties, by adcode, with their reasons written on first read: most callers (inboxes,
    /// standing interests) never read them, and writing them for hundreds of counties costs more than the match.
    /// </summary>
    private sealed class Exclusions(FitModel model, ProjectDetails project, MatchingSnapshot snapshot, double?[] totals) : IReadOnlyList<Exclusion>
    {
        private readonly Lazy<Exclusion[]> _written = new(() =>
        {
            var excluded = new List<Exclusion>();
            for (var i = 0; i < totals.Length; i++)
                if (totals[i] is null) excluded.Add(model.Assess(project, snapshot.All[i], snapshot, explain: false).Exclusion!);
            return excluded.ToArray();
        });

        public Exclusion this[int index] => _written.Value[index];

        public int Count => _written.Value.Length;

        public IEnumerator<Exclusion> GetEnumerator() => ((IEnumerable<Exclusion>)_written.Value).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
