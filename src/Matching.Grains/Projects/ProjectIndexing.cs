using Matching.Domain.Projects;

namespace Matching.Grains.Projects;

/// <summary>When a stored change owes the project's search document a new version.</summary>
internal static class ProjectIndexing
{
    /// <summary>
    /// False for a bid placed or withdrawn on an open project that leaves it open: it changes nothing the
    /// document is searched or shown by but the update time, and re-indexing would analyse the title and
    /// description again on every bid. The document's update time is therefore the last change other than
    /// such a bid. A bid that contests the project (a transition) is indexed, and so is every bid on a
    /// contested project: the document carries the contest board's view of its bids (<see cref="ProjectContests"/>).
    /// </summary>
    public static bool Owed(Project? previous, Project next) =>
        previous is null || previous.Status != next.Status || next.Status == ProjectStatus.Contested ||
        next.Changes.Any(e => e.Kind is not (ProjectEventKind.BidPlaced or ProjectEventKind.BidWithdrawn));
}
