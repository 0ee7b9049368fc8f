using Matching.Domain.Decisions;
using Matching.Domain.Projects;

namespace Matching.Grains.Projects;

/// <summary>What a project's search document says of its contest: the board's view of it, from stored state.</summary>
internal static class ProjectContests
{
    /// <summary>How the stored project's contest stands, or null when it is not contested.</summary>
    public static ContestStanding? Of(ProjectState state)
    {
        if (state.Project is not { Status: ProjectStatus.Contested } project) return null;
        var d = project.Details;
        var bids = state.Bids.Values.OrderBy(b => b.Bid.County, StringComparer.Ordinal).ToArray();
        // Only the bidders' scores: the board shows one per bid, and the document stays small.
        var scores = bids.Where(b => state.Interests.ContainsKey(b.Bid.County)).ToDictionary(b => b.Bid.County, b => state.Interests[b.Bid.County], StringComparer.Ordinal);
        return new ContestStanding(project.Version, d.Investment, d.LandMu, d.HighEnergy, d.FirstContactCounty, d.Deadline, bids, scores, state.Route, Parties(state));
    }

    /// <summary>The bidders and the partners of every joint bid counted as its lead's live bid (as the grain's routing reads them).</summary>
    private static IReadOnlyList<string> Parties(ProjectState state) =>
        [.. state.Bids.Keys.Order(StringComparer.Ordinal)
            .Concat(state.Bids.SelectMany(b => state.JointBids.TryGetValue(b.Key, out var joint) && joint.Counts(b.Value) ? joint.Partners : []))
            .Distinct(StringComparer.Ordinal)];
}
