using Google.OrTools.Sat;

namespace Matching.Allocation;

/// <summary>
/// The allocation as a CP-SAT model. One Boolean per (project, bidder): the project is hosted there.
/// At most one per project; per park, land used ≤ land available; per county, energy used ≤ energy
/// available; per county and GB/T division, prior awards + new ones ≤ the cap; locks fix variables.
/// Maximises Σ points × x with points = fit + weight × fairness, in hundredths. Quantities are scaled to
/// hundredths too, demands rounded up and capacities down, so the integer model never allows what the
/// exact one forbids.
/// </summary>
public static class CpSatAllocator
{
    /// <summary>Scale of points and quantities (hundredths).</summary>
    private const int Scale = 100;

    /// <summary>The solver's outcome: chosen bidders and status.</summary>
    public sealed record Outcome(CpSolverStatus Status, IReadOnlyDictionary<Guid, AllocationBidder> Chosen);

    /// <summary>Solves within the limits, starting from the hint (the greedy plan).</summary>
    public static Outcome Solve(AllocationInstance instance, IReadOnlyList<AllocationLock> locks, IReadOnlyDictionary<Guid, AllocationBidder> hint, AllocationLimits limits)
    {
        var model = new CpModel();
        var locked = locks.ToDictionary(l => l.ProjectId, l => l.County);
        var vars = new List<(AllocationProject Project, AllocationBidder Bidder, BoolVar X)>();
        foreach (var project in instance.Projects)
        {
            var own = new List<ILiteral>();
            foreach (var bidder in project.Bidders)
            {
                var x = model.NewBoolVar($"x_{vars.Count}");
                vars.Add((project, bidder, x));
                own.Add(x);
                if (locked.TryGetValue(project.Id, out var county)) model.Add(x == (county == bidder.County ? 1 : 0));
                model.AddHint(x, hint.TryGetValue(project.Id, out var h) && h == bidder);
            }

            if (own.Count > 1) model.AddAtMostOne(own);
        }

        foreach (var park in vars.Where(v => v.Project.LandMu > 0).GroupBy(v => v.Bidder.ParkId))
            model.Add(LinearExpr.WeightedSum(park.Select(v => v.X), park.Select(v => Up(v.Project.LandMu))) <= Down(instance.Parks[park.Key].LandAvailableMu));
        foreach (var county in vars.Where(v => v.Project.EnergyTce > 0).GroupBy(v => v.Bidder.County))
            model.Add(LinearExpr.WeightedSum(county.Select(v => v.X), county.Select(v => Up(v.Project.EnergyTce))) <= Down(instance.Counties[county.Key].EnergyAvailableTce));
        var prior = instance.PriorCounts();
        foreach (var cell in vars.GroupBy(v => (v.Bidder.County, v.Project.Division)))
        {
            var room = Math.Max(0, instance.CapPerDivision - prior.GetValueOrDefault(cell.Key));
            if (cell.Count() > room) model.Add(LinearExpr.Sum(cell.Select(v => v.X)) <= room);
        }

        model.Maximize(LinearExpr.WeightedSum(vars.Select(v => v.X), vars.Select(v => (long)Math.Round(instance.Points(v.Bidder) * Scale))));

        var solver = new CpSolver
        {
            StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{limits.TimeLimit.TotalSeconds} num_workers:{Math.Max(1, limits.Workers)}"),
        };
        var status = solver.Solve(model);
        var chosen = new Dictionary<Guid, AllocationBidder>();
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            foreach (var v in vars.Where(v => solver.BooleanValue(v.X)))
                chosen[v.Project.Id] = v.Bidder;
        return new Outcome(status, chosen);
    }

    private static long Up(decimal amount) => (long)Math.Ceiling(amount * Scale);

    private static long Down(decimal amount) => (long)Math.Floor(Math.Max(0, amount) * Scale);
}
