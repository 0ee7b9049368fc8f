using Matching.Domain.Counties;

namespace Matching.Allocation.Tests;

public sealed class AllocationPlannerTests
{
    private static readonly AllocationLimits Limits = new(TimeSpan.FromSeconds(5));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void On_random_instances_the_plan_keeps_every_quota_and_cap_and_scores_at_least_the_greedy_choice(bool pairs)
    {
        var (beatGreedy, paired) = (0, 0);
        for (var seed = 1; seed <= 120; seed++)
        {
            var random = new Random(seed);
            var instance = SyntheticContests.Generate(seed, projects: 5 + random.Next(40), counties: 4 + random.Next(20), cap: 1 + random.Next(3), pairs: pairs);
            var plan = AllocationPlanner.Plan(instance, WhatIf.None, Limits);

            Assert.NotEqual(PlanStatus.Infeasible, plan.Status);
            var ledger = new PlanLedger(instance);
            double points = 0;
            foreach (var s in plan.Suggestions.Where(s => s.County is not null))
            {
                var project = instance.Projects.Single(p => p.Id == s.ProjectId);
                Assert.Contains(project.Bidders, b => b.County == s.County);
                var option = Assert.Single(instance.Options(project), o => o.County == s.County && o.Partner == s.Partner);
                if (s.Partner is not null)
                {
                    // A pair is the bidder leading with its own weak pairing partner, at the instance's share.
                    Assert.Contains(instance.Pairings!, p => p.Strong == s.County && p.Weak == s.Partner);
                    Assert.Equal(instance.PartnerPercent, s.PartnerPercent);
                    Assert.Contains(s.Reasons, r => r.StartsWith("结对共建", StringComparison.Ordinal));
                    paired++;
                }

                Assert.Equal(option.ParkId, s.ParkId);
                Assert.Empty(ledger.Breaks(project, option));
                ledger.Take(project, option);
                points += instance.Points(option);
            }

            Assert.True(ledger.WithinLimits(), $"seed {seed}");
            Assert.Equal(Math.Round(points, 2), plan.Objective, 2);
            Assert.True(plan.Objective >= plan.GreedyObjective - 1e-6, $"seed {seed}: {plan.Objective} < greedy {plan.GreedyObjective}");
            Assert.True(plan.Bound >= plan.Objective - 1e-6, $"seed {seed}: bound {plan.Bound} below {plan.Objective}");
            if (plan.Objective > plan.GreedyObjective + 1e-6) beatGreedy++;
        }

        // The instances are tight enough that the constraints bind: the comparison is not between equals.
        Assert.True(beatGreedy > 10, $"only {beatGreedy} of 120 plans beat the greedy choice");
        if (pairs) Assert.True(paired > 20, $"only {paired} co-build pairs suggested over 120 instances");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void On_small_instances_the_plan_is_the_best_any_assignment_reaches(bool pairs)
    {
        for (var seed = 200; seed < 240; seed++)
        {
            var instance = SyntheticContests.Generate(seed, projects: 6, counties: 5, cap: 1, pairs: pairs);
            var plan = AllocationPlanner.Plan(instance, WhatIf.None, Limits);
            Assert.Equal(PlanStatus.Optimal, plan.Status);
            Assert.Equal(Math.Round(BruteForce(instance, 0, new PlanLedger(instance)), 2), plan.Objective, 2);
        }
    }

    [Theory]
    [InlineData(200, 10)]
    [InlineData(1000, 3)]
    public void Over_136_counties_it_finishes_within_its_limit_with_pairs_offered(int contests, int seconds)
    {
        var instance = SyntheticContests.Generate(7, projects: contests, counties: 136, tight: true, cap: 2, pairs: true);
        var limits = new AllocationLimits(TimeSpan.FromSeconds(seconds));
        var plan = AllocationPlanner.Plan(instance, WhatIf.None, limits);

        Assert.Contains(plan.Status, new[] { PlanStatus.Optimal, PlanStatus.Feasible });
        // The limit is the whole plan's; OR-Tools may overrun its own share by a few hundredths of a second.
        Assert.True(plan.Elapsed < limits.TimeLimit + TimeSpan.FromSeconds(0.5), $"took {plan.Elapsed}");
        Assert.True(plan.Objective >= plan.GreedyObjective);
        Assert.Equal(contests, plan.Suggestions.Count);
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

    [Fact]
    public void A_strong_county_short_of_energy_leads_a_co_build_with_its_weak_partner_and_the_suggestion_says_why()
    {
        var instance = Paired();
        var plan = AllocationPlanner.Plan(instance, WhatIf.None, Limits);

        var s = Assert.Single(plan.Suggestions);
        Assert.Equal(("S", "W", 30m, "PS"), (s.County, s.Partner, s.PartnerPercent, s.ParkId));
        Assert.Equal("B", s.GreedyCounty);
        Assert.True(s.DiffersFromGreedy);
        // 90 fit + 0.3 × W's 6 fairness points + 3 for carrying out the pairing.
        Assert.Equal(90 + 1.8 + 3, plan.Objective, 2);
        Assert.Contains(s.Reasons, r => r.StartsWith("结对共建：县S牵头、县W参与", StringComparison.Ordinal) && r.Contains("鲁政办字〔2024〕1号") && r.Contains("县W未表达意向"));
        Assert.Contains(s.Reasons, r => r.StartsWith("县S独自承接不可行", StringComparison.Ordinal) && r.Contains("能耗指标"));

        // With the energy it needs and no fairness weight, a pair scores what its lead alone does: the plan awards.
        var unweighted = Assert.Single(AllocationPlanner.Plan(instance, new WhatIf(FairnessWeight: 0, EnergyRaiseTce: new Dictionary<string, decimal> { ["S"] = 500 }), Limits).Suggestions);
        Assert.Equal(("S", null), (unweighted.County, unweighted.Partner));

        // Without pairs, the county that can take it alone does.
        Assert.Equal("B", Assert.Single(AllocationPlanner.Plan(instance, new WhatIf(PartnerPercent: 0), Limits).Suggestions).County);
        // At a 10 % share the strong county is charged 900 tce, more than its 800: no pair fits, and the suggestion names the partner's pair as bound.
        var tenPercent = Assert.Single(AllocationPlanner.Plan(instance, new WhatIf(PartnerPercent: 10), Limits).Suggestions);
        Assert.Equal(("B", null), (tenPercent.County, tenPercent.Partner));
        Assert.Contains(tenPercent.Binding, b => b.StartsWith("县S+县W共建", StringComparison.Ordinal) && b.Contains("能耗指标：县S"));
    }

    [Fact]
    public void The_partner_charged_its_share_binds_too_and_a_lock_can_fix_or_refuse_the_pair()
    {
        var instance = Paired(partnerEnergy: 200);
        var plan = AllocationPlanner.Plan(instance, WhatIf.None, Limits);
        Assert.Equal(("B", null), (plan.Suggestions[0].County, plan.Suggestions[0].Partner));
        Assert.Contains(plan.Suggestions[0].Binding, b => b.Contains("能耗指标：县W") && b.Contains("按份额需 300"));

        var raised = AllocationPlanner.Plan(instance, new WhatIf(EnergyRaiseTce: new Dictionary<string, decimal> { ["W"] = 100 }), Limits);
        Assert.Equal(("S", "W"), (raised.Suggestions[0].County, raised.Suggestions[0].Partner));

        var id = instance.Projects[0].Id;
        var locked = AllocationPlanner.Plan(Paired(), new WhatIf(Locks: [new AllocationLock(id, "B")]), Limits);
        Assert.Equal(("B", null), (locked.Suggestions[0].County, locked.Suggestions[0].Partner));
        var infeasible = AllocationPlanner.Plan(instance, new WhatIf(Locks: [new AllocationLock(id, "S", "W")]), Limits);
        Assert.Equal(PlanStatus.Infeasible, infeasible.Status);
        Assert.Contains("能耗指标", infeasible.Problem);

        var errors = new WhatIf(Locks: [new AllocationLock(id, "B", "W")], PartnerPercent: 60).Check(instance);
        Assert.Equal(["locks[0].partner", "partnerPercent"], errors.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// One project (100 亩, 1,000 tce, division 36): 县S fits best (90) but has 800 tce; 县B (60) has
    /// plenty; 县W, paired with 县S and not bidding, has <paramref name="partnerEnergy"/> tce and 6 fairness points. Partner share 30 %.
    /// </summary>
    private static AllocationInstance Paired(decimal partnerEnergy = 500) => new(
        [new AllocationProject(new Guid(9, 0, 0, new byte[8]), "结对项目", "36", 100, 1000, 4,
            [new AllocationBidder("S", "PS", 90), new AllocationBidder("B", "PB", 60)])],
        new Dictionary<string, AllocationCounty>
        {
            ["S"] = new("S", "县S", 800, FairnessPoints.None),
            ["B"] = new("B", "县B", 5000, FairnessPoints.None),
            ["W"] = new("W", "县W", partnerEnergy, new FairnessPoints(6, ["省财政直管县", "强弱县结对弱县"])),
        },
        new Dictionary<string, AllocationPark> { ["PS"] = new("PS", "园S", "S", 1000), ["PB"] = new("PB", "园B", "B", 1000) },
        5, [], 1.0, [new AllocationPairing("S", "W", "鲁政办字〔2024〕1号")], 30);

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
        foreach (var bidder in instance.Options(project).Where(b => ledger.Breaks(project, b).Count == 0))
        {
            ledger.Take(project, bidder);
            best = Math.Max(best, instance.Points(bidder) + BruteForce(instance, index + 1, ledger));
            ledger.Untake(project, bidder);
        }

        return best;
    }
}
