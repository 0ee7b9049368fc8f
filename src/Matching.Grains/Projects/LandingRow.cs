using Matching.Domain.Landing;

namespace Matching.Grains.Projects;

/// <summary>
/// The landing state a project row keeps: the progress under the decision it belongs to. A reopened and
/// re-awarded project starts its stages afresh, since the progress of an earlier award is not this one's.
/// </summary>
/// <param name="DecidedAt">When the award or co-build the progress belongs to was decided.</param>
/// <param name="Progress">The stages.</param>
public sealed record LandingRow(DateTimeOffset DecidedAt, LandingProgress Progress);
