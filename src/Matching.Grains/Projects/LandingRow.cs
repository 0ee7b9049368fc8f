using Matching.Domain.Landing;

namespace Matching.Grains.Projects;

/// <summary>
/// The landing state a project row keeps: the progress under the decision it belongs to. A reopened and
/// re-awarded project starts its stages afresh, since the progress of an earlier award is not this one's.
/// </summary>
/// <param name="DecidedAt">When the award or co-build the progress belongs to was decided.</param>
/// <param name="Progress">The stages.</param>
public sealed record LandingRow(DateTimeOffset DecidedAt, LandingProgress Progress);

/// <summary>The project list (<see cref="Registry.ProjectLists"/>) of projects with a landing step: what the overdue list reads.</summary>
public static class LandingList
{
    /// <summary>The list's name (stored: never rename).</summary>
    public const string Name = "landing";
}
