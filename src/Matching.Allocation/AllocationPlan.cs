namespace Matching.Allocation;

/// <summary>How the plan was found.</summary>
public enum PlanStatus
{
    /// <summary>CP-SAT proved the plan optimal.</summary>
    Optimal,
    /// <summary>CP-SAT's best plan when the time limit ran out (not proved optimal).</summary>
    Feasible,
    /// <summary>The solver found nothing better than the greedy plan in time; the greedy plan is returned.</summary>
    Greedy,
    /// <summary>The locks cannot all hold within the quotas and caps: no plan.</summary>
    Infeasible,
}

/// <summary>Where one project would go: its host and park (or none), why, and what the greedy choice would have been.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Title">Its title.</param>
/// <param name="Version">The project version the suggestion was computed on.</param>
/// <param name="County">Suggested host county; null when the plan leaves the project undecided.</param>
/// <param name="ParkId">Suggested park; null with <paramref name="County"/>.</param>
/// <param name="Fit">The host's fit score.</param>
/// <param name="Fairness">The fairness points the host adds (already weighted).</param>
/// <param name="Locked">True when a what-if locked this choice.</param>
/// <param name="Reasons">Why this host (score, fairness), in Chinese.</param>
/// <param name="Binding">The constraints that bound this choice (a better-fitting bidder would break them), in Chinese.</param>
/// <param name="GreedyCounty">What deciding the projects one by one (best feasible fit first come) would have chosen.</param>
/// <param name="GreedyParkId">The greedy choice's park.</param>
public sealed record ProjectSuggestion(
    Guid ProjectId,
    string Title,
    long Version,
    string? County,
    string? ParkId,
    double Fit,
    double Fairness,
    bool Locked,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Binding,
    string? GreedyCounty,
    string? GreedyParkId)
{
    /// <summary>The weaker pairing partner when the suggestion is a co-build pair led by <see cref="County"/>; null for an award alone.</summary>
    public string? Partner { get; init; }

    /// <summary>The partner's share, percent (0 without a partner).</summary>
    public decimal PartnerPercent { get; init; }

    /// <summary>True when the plan and the one-by-one choice differ for this project (the one-by-one choice never pairs).</summary>
    public bool DiffersFromGreedy => County != GreedyCounty || Partner is not null;
}

/// <summary>A suggested allocation: one suggestion per project, the objective, and the greedy plan's for comparison.</summary>
/// <param name="Status">How it was found.</param>
/// <param name="Objective">Total points of the plan (fit plus weighted fairness).</param>
/// <param name="GreedyObjective">Total points of the one-by-one choice.</param>
/// <param name="TotalFit">Fit alone, summed over placed projects.</param>
/// <param name="GreedyTotalFit">The greedy plan's fit alone.</param>
/// <param name="Elapsed">Wall time of the whole plan (greedy pass, solver, explanations): within the limit.</param>
/// <param name="Suggestions">One per project, in the instance's order.</param>
/// <param name="Problem">When infeasible: why, in Chinese.</param>
public sealed record AllocationPlan(
    PlanStatus Status,
    double Objective,
    double GreedyObjective,
    double TotalFit,
    double GreedyTotalFit,
    TimeSpan Elapsed,
    IReadOnlyList<ProjectSuggestion> Suggestions,
    string? Problem = null)
{
    /// <summary>The solver's proved upper bound on the objective (points; equal to it when optimal); null without a solver result. The gap to it says how far a plan stopped by the limit may be from the best.</summary>
    public double? Bound { get; init; }
}

/// <summary>Solver limits.</summary>
/// <param name="TimeLimit">Wall time the whole plan may take (the solver gets what the greedy pass and the explanations leave).</param>
/// <param name="Workers">CP-SAT search workers (threads).</param>
public sealed record AllocationLimits(TimeSpan TimeLimit, int Workers = 2)
{
    /// <summary>Ten seconds, two workers.</summary>
    public static readonly AllocationLimits Default = new(TimeSpan.FromSeconds(10));
}
