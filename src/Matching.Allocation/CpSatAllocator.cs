using Google.OrTools.Sat;

namespace Matching.Allocation;

/// <summary>
/// The allocation as a CP-SAT model. One Boolean per (project, option): the project is hosted by that
/// bidder alone, or by that bidder leading a co-build with its pairing partner. At most one per project;
/// per park, land used ≤ land available; per county, energy charged (all of it, or its share of a
/// co-build) ≤ energy available; per lead county and GB/T division, prior awards + new ones ≤ the cap;
/// locks fix variables. Maximises Σ points × x (fit + weight × fairness), in ten-thousandths. Quantities
/// are scaled to hundredths, demands rounded up and capacities down, so the integer model never allows
/// what the exact one forbids. Variables exist only for the projects' own bidders (and their pairs):
/// no project has a variable for a county that did not bid.
/// </summary>
public static class CpSatAllocator
{
    /// <summary>Scale of quantities (hundredths).</summary>
    private const int Scale = 100;

    /// <summary>Scale of points in the objective (ten-thousandths).</summary>
    private const int ObjectiveScale = 10_000;

    /// <summary>The solver's outcome: chosen options, status, and the proved upper bound on the objective (points).</summary>
    public sealed record Outcome(CpSolverStatus Status, IReadOnlyDictionary<Guid, AllocationBidder> Chosen, double Bound);

    /// <summary>
    /// Solves on <paramref name="workers"/> threads, starting from the hint (the greedy plan), searching
    /// for what <paramref name="timeLeft"/> says is left once the model is built.
    /// </summary>
    public static Outcome Solve(AllocationInstance instance, IReadOnlyList<AllocationLock> locks, IReadOnlyDictionary<Guid, AllocationBidder> hint,
        Func<TimeSpan> timeLeft, int workers)
    {
        var model = new CpModel();
        var locked = locks.ToDictionary(l => l.ProjectId);
        var vars = new List<(AllocationProject Project, AllocationBidder Option, BoolVar X)>();
        foreach (var project in instance.Projects)
        {
            var own = new List<ILiteral>();
            foreach (var option in instance.Options(project))
            {
                var x = model.NewBoolVar($"x_{vars.Count}");
                vars.Add((project, option, x));
                own.Add(x);
                if (locked.TryGetValue(project.Id, out var l)) model.Add(x == (l.Holds(option) ? 1 : 0));
                model.AddHint(x, hint.TryGetValue(project.Id, out var h) && h == option);
            }

            if (own.Count > 1) model.AddAtMostOne(own);
        }

        foreach (var park in vars.Where(v => v.Project.LandMu > 0).GroupBy(v => v.Option.ParkId))
            model.Add(LinearExpr.WeightedSum(park.Select(v => v.X), park.Select(v => Up(v.Project.LandMu))) <= Down(instance.Parks[park.Key].LandAvailableMu));
        var charges = vars.Where(v => v.Project.EnergyTce > 0)
            .SelectMany(v => v.Option.EnergySplit(v.Project.EnergyTce).Where(e => e.EnergyTce > 0).Select(e => (e.County, v.X, Tce: Up(e.EnergyTce))));
        foreach (var county in charges.GroupBy(c => c.County))
            model.Add(LinearExpr.WeightedSum(county.Select(c => c.X), county.Select(c => c.Tce)) <= Down(instance.Counties[county.Key].EnergyAvailableTce));
        var prior = instance.PriorCounts();
        foreach (var cell in vars.GroupBy(v => (v.Option.County, v.Project.Division)))
        {
            var room = Math.Max(0, instance.CapPerDivision - prior.GetValueOrDefault(cell.Key));
            if (cell.Count() > room) model.Add(LinearExpr.Sum(cell.Select(v => v.X)) <= room);
        }

        // Points in ten-thousandths, a pair one less than its points: where a pair and its lead alone score
        // the same (a fairness weight of 0), the plan awards rather than splits (it would take a hundred
        // more pairs to outweigh a real hundredth of a point).
        model.Maximize(LinearExpr.WeightedSum(vars.Select(v => v.X),
            vars.Select(v => (long)Math.Round(instance.Points(v.Option) * ObjectiveScale) - (v.Option.IsPair ? 1 : 0))));

        var solver = new CpSolver
        {
            StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.05, timeLeft().TotalSeconds):0.###} num_workers:{Math.Max(1, workers)}"),
        };
        var status = solver.Solve(model);
        var chosen = new Dictionary<Guid, AllocationBidder>();
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            foreach (var v in vars.Where(v => solver.BooleanValue(v.X)))
                chosen[v.Project.Id] = v.Option;
        return new Outcome(status, chosen, status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? solver.BestObjectiveBound / ObjectiveScale : double.NaN);
    }

    private static long Up(decimal amount) => (long)Math.Ceiling(amount * Scale);

    private static long Down(decimal amount) => (long)Math.Floor(Math.Max(0, amount) * Scale);
}
