namespace Matching.Grains.Projects;

/// <summary>
/// A seam for fault tests: called between reserving quotas and recording a decision, the one point
/// where a crash must leave neither an orphan nor a double reservation. Production registers this
/// no-op; tests register one that throws or stops the silo there.
/// </summary>
public class DecisionFaults
{
    /// <summary>Called after every reservation of a decision succeeded, before the decision is stored.</summary>
    public virtual Task AfterReservation(Guid projectId) => Task.CompletedTask;
}
