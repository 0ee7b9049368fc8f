using Matching.Domain.Counties;

namespace Matching.Allocation.Tests;

public sealed class AllocationPlannerTests
{
    private static readonly AllocationLimits Limits = new(TimeSpan.FromSeconds(5));

    [Fact]
    public void On_random_instances_the_plan_keeps_every_quota_and_cap_and_scores_at_least_the_greedy_choice()
    {
        var beatGreedy = 0;
        for (var seed = 1; seed <= 120; seed++)
        {
            var random = new Random(seed);
            var instance = SyntheticContests.Generate(seed, projects: 5 + random.Next(40), counties: 4 + random.Next(20), cap: 1 + random.Next(3));
            var plan = AllocationPlanner.Plan(instance, WhatIf.None, Limits);

            Assert.NotEqual(PlanStatus.Infeasible, plan.Status);
            var ledger = new PlanLedger(instance);
            foreach (var s in plan.Suggestions.Where(s => s.County is not null))
            {
                var project = instance.Projects.Single(p => p.Id == s.ProjectId);
                var bidder = Assert.Single(project.Bidders, b => b.County == s.County);
                Assert.Equal(bidder.ParkId, s.ParkId);
                Assert.Empty(ledger.Breaks(project, bidder));
                ledger.Take(project, bidder);
            }

            Assert.True(ledger.WithinLimits(), $"seed {seed}");
            Assert.True(plan.Objective >= plan.GreedyObjective - 1e-6, $"seed {seed}: {plan.Objective} < greedy {plan.GreedyObjective}");
            if (plan.Objective > plan.GreedyObjective + 1e-6) beatGreedy++;
        }

        // The instances are tight enough that the constraints bind: the comparison is not between equals.
        Assert.True(beatGreedy > 10, $"only {beatGreedy} of 120 plans beat the greedy choice");
    }

    [Fact]
    public void On_small_instances_the_plan_is_the_best_any_assignment_reaches()
    {
        for (var seed = 200; seed < 240; seed++)
        {
            var instance = SyntheticContests.Generate(seed, projects: 6, counties: 5, cap: 1);
            var plan = AllocationPlanner.Plan(instance, WhatIf.None, Limits);
            Assert.Equal(PlanStatus.Optimal, plan.Status);
            Assert.Equal(Math.Round(BruteForce(instance, 0, new PlanLedger(instance)), 2), plan.Objective, 2);
        }
    }

    [Fact]
    public void At_200_contests_over_136_counties_it_finishes_within_its_limit()
    {
        var instance = SyntheticContests.Generate(7, projects: 200, counties: 136, tight: true, cap: 2);
        var limits = new AllocationLimits(TimeSpan.FromSeconds(10));
        var plan = AllocationPlanner.Plan(instance, WhatIf.None, limits);

        Assert.Contains(plan.Status, new[] { PlanStatus.Optimal, PlanStatus.Feasible });
        Assert.True(plan.Elapsed < limits.TimeLimit + TimeSpan.FromSeconds(2), $"took {plan.Elapsed}");
        Assert.True(plan.Objective >= plan.GreedyObjective);
        Assert.Equal(200, plan.Suggestions.Count);
    }

    [Fact]
    public void Where_one_by_one_takes_the_scarce_quota_first_the_plan_differs_and_says_what_bound_it()
    {
        // 县A fits both projects best but has energy for one; the one-by-one choice gives it the first.
        var instance = Two(energyA: 1000);
        var plan = AllocationPlanner.Plan(instance, WhatIf.None, Limits);

        Assert.Equal(PlanStatus.Optimal, plan.Status);
        var (first, second) = (plan.Suggestions[0], plan.Suggestions[1]);
        Assert.Equal(("B", "A"), (first.County, second.County));
        Assert.Equal(("A", "B"), (first.GreedyCounty, second.GreedyCounty));
        Assert.True(first.DiffersFromGreedy);
        Assert.Equal(90 + 80, plan.Objective);
        Assert.Equal(95 + 20, plan.GreedyObjective);
        Assert.Contains(first.Binding, b => b.StartsWith("县A") && b.Contains("能耗指标"));
    }

    [Fact]
    public void Raising_a_quota_lets_the_best_county_take_both()
    {
        var instance = Two(energyA: 1000);
        var plan = AllocationPlanner.Plan(instance, new WhatIf(EnergyRaiseTce: new Dictionary<string, decimal> { ["A"] = 1000 }), Limits);
        Assert.Equal(["A", "A"], plan.Suggestions.Select(s => s.County));
        Assert.Empty(plan.Suggestions[0].Binding);
    }

    [Fact]
    public void Lowering_the_cap_moves_the_second_project_of_a_division_elsewhere_and_raising_it_brings_it_back()
    {
        var instance = Two(energyA: 5000) with { CapPerDivision = 1 };
        var capped = AllocationPlanner.Plan(instance, WhatIf.None, Limits);
        Assert.Equal(["B", "A"], capped.Suggestions.Select(s => s.County));
        Assert.Contains(capped.Suggestions[0].Binding, b => b.Contains("错位发展"));

        var raised = AllocationPlanner.Plan(instance, new WhatIf(CapPerDivision: 2), Limits);
        Assert.Equal(["A", "A"], raised.Suggestions.Select(s => s.County));
    }

    [Fact]
    public void A_locked_choice_holds_and_the_rest_is_planned_around_it()
    {
        var instance = Two(energyA: 1000);
        var first = instance.Projects[0].Id;
        var plan = AllocationPlanner.Plan(instance, new WhatIf(Locks: [new AllocationLock(first, "A")]), Limits);
        Assert.Equal(["A", "B"], plan.Suggestions.Select(s => s.County));
        Assert.True(plan.Suggestions[0].Locked);

        var none = AllocationPlanner.Plan(instance, new WhatIf(Locks: [new AllocationLock(first, null)]), Limits);
        Assert.Equal([null, "A"], none.Suggestions.Select(s => s.County));
    }

    [Fact]
    public void Locks_that_cannot_hold_together_give_no_plan_and_say_why()
    {
        var instance = Two(energyA: 1000);
        var plan = AllocationPlanner.Plan(instance, new WhatIf(Locks: [.. instance.Projects.Select(p => new AllocationLock(p.Id, "A"))]), Limits);
        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        Assert.Contains("能耗指标", plan.Problem);
    }

    [Fact]
    public void A_what_if_naming_what_is_not_in_the_instance_is_refused_by_field()
    {
        var instance = Two(energyA: 1000);
        var errors = new WhatIf(Locks: [new AllocationLock(Guid.NewGuid(), "A"), new AllocationLock(instance.Projects[0].Id, "Z")],
            EnergyRaiseTce: new Dictionary<string, decimal> { ["Q"] = 1 }, CapPerDivision: 0).Check(instance);
        Assert.Equal(["capPerDivision", "energyRaiseTce.Q", "locks[0].projectId", "locks[1].county"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentException>(() => AllocationPlanner.Plan(instance, new WhatIf(CapPerDivision: 0), Limits));
    }

    /// <summary>Two projects of division 36, each needing 1000 tce; 县A scores 95 and 80, 县B 90 and 20.</summary>
    private static AllocationInstance Two(decimal energyA)
    {
        AllocationProject P(int n, double a, double b) => new(new Guid(n, 0, 0, new byte[8]), $"项目{n}", "36", 100, 1000, 5,
            [new AllocationBidder("A", "PA", a), new AllocationBidder("B", "PB", b)]);
        return new AllocationInstance(
            [P(1, 95, 90), P(2, 80, 20)],
            new Dictionary<string, AllocationCounty>
            {
                ["A"] = new("A", "县A", energyA, FairnessPoints.None),
                ["B"] = new("B", "县B", 5000, FairnessPoints.None),
            },
            new Dictionary<string, AllocationPark> { ["PA"] = new("PA", "园A", "A", 1000), ["PB"] = new("PB", "园B", "B", 1000) },
            5, [], 1.0);
    }

    private static double BruteForce(AllocationInstance instance, int index, PlanLedger ledger)
    {
        if (index == instance.Projects.Count) return 0;
        var project = instance.Projects[index];
        var best = BruteForce(instance, index + 1, ledger);
        foreach (var bidder in project.Bidders.Where(b => ledger.Breaks(project, b).Count == 0))
        {
            ledger.Take(project, bidder);
            best = Math.Max(best, instance.Points(bidder) + BruteForce(instance, index + 1, ledger));
            ledger.Untake(project, bidder);
        }

        return best;
    }
}
