namespace Matching.Allocation;

/// <summary>
/// The one-by-one choice the plan is compared with: locked choices first, then each project in the
/// instance's order goes to its best-scoring bidder that still fits the quotas and caps, as a
/// coordinator deciding each contest alone would. It awards only (a co-build pair is the plan's idea,
/// not the one-by-one habit), so the plan, which may also pair, never scores below it.
/// </summary>
public static class GreedyAllocator
{
    /// <summary>The bidder chosen per project (absent: none fits).</summary>
    public static IReadOnlyDictionary<Guid, AllocationBidder> Choose(AllocationInstance instance, IReadOnlyList<AllocationLock> locks)
    {
        var ledger = new PlanLedger(instance);
        var chosen = new Dictionary<Guid, AllocationBidder>();
        var locked = locks.ToDictionary(l => l.ProjectId);
        foreach (var project in instance.Projects)
        {
            if (!locked.TryGetValue(project.Id, out var l) || l.County is null) continue;
            var bidder = instance.Options(project).First(locked[project.Id].Holds);
            ledger.Take(project, bidder);
            chosen[project.Id] = bidder;
        }

        foreach (var project in instance.Projects.Where(p => !locked.ContainsKey(p.Id)))
        {
            var best = project.Bidders
                .OrderByDescending(instance.Points).ThenBy(b => b.County, StringComparer.Ordinal)
                .FirstOrDefault(b => ledger.Breaks(project, b).Count == 0);
            if (best is null) continue;
            ledger.Take(project, best);
            chosen[project.Id] = best;
        }

        return chosen;
    }
}
