using Matching.Domain.Decisions;
using Matching.Domain.Projects;

namespace Matching.Grains.Projects;

/// <summary>What a project's table row (<see cref="Matching.Search.ProjectListing"/>) takes from its state beyond the project itself.</summary>
internal static class ProjectListings
{
    /// <summary>
    /// The 落地县 a table shows: the latest decision's county once awarded, co-built (the largest share),
    /// landed or referred; null otherwise. The same rule the host applied when it read each row from the grain.
    /// </summary>
    public static string? HostOf(ProjectState state) =>
        state.Project!.Status is ProjectStatus.Awarded or ProjectStatus.CoBuilt or ProjectStatus.Landed or ProjectStatus.Referred
            ? state.LastDecision?.Terms switch
            {
                { Kind: DecisionKind.CoBuild } t => t.Shares.OrderByDescending(s => s.Percent).FirstOrDefault()?.County,
                { } t => t.County,
                null => null,
            }
            : null;
}
