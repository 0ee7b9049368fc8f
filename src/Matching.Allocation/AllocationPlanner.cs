using System.Diagnostics;
using Google.OrTools.Sat;

namespace Matching.Allocation;

/// <summary>
/// Plans an allocation: the greedy one-by-one choice, then CP-SAT started from it, all within the time
/// limit (the limit is the whole plan's: the solver gets what is left after the greedy pass, less what
/// explaining the plan will take). The solver's plan is returned unless it scores below the greedy one
/// (possible only when the limit stops it early), so a plan never scores below the one-by-one choice.
/// Each suggestion says why and which constraints bound it.
/// </summary>
public static class AllocationPlanner
{
    /// <summary>Plans the instance under the what-if.</summary>
    /// <exception cref="ArgumentException">The what-if does not fit the instance (check it first with <see cref="WhatIf.Check"/>).</exception>
    public static AllocationPlan Plan(AllocationInstance original, WhatIf whatIf, AllocationLimits limits)
    {
        var clock = Stopwatch.StartNew();
        if (whatIf.Check(original) is { Count: > 0 } errors) throw new ArgumentException(string.Join("；", errors.SelectMany(e => e.Value)), nameof(whatIf));
        var instance = whatIf.ApplyTo(original);
        var locks = whatIf.Locks ?? [];

        var lockedLedger = new PlanLedger(instance);
        foreach (var l in locks.Where(l => l.County is not null))
        {
            var project = instance.Projects.First(p => p.Id == l.ProjectId);
            var bidder = instance.Options(project).First(l.Holds);
            if (lockedLedger.Breaks(project, bidder) is { Count: > 0 } broken)
                return Infeasible(instance, clock.Elapsed, $"锁定的选择无法同时满足指标与上限：项目“{project.Title}”给 {instance.Counties[bidder.County].Name}——{string.Join("；", broken)}");
            lockedLedger.Take(project, bidder);
        }

        var greedy = GreedyAllocator.Choose(instance, locks);
        var reserve = Reserve(limits.TimeLimit, clock.Elapsed);
        var solved = CpSatAllocator.Solve(instance, locks, greedy, () => limits.TimeLimit - clock.Elapsed - reserve, limits.Workers);
        var (greedyPoints, solvedPoints) = (Total(instance, greedy, instance.Points), Total(instance, solved.Chosen, instance.Points));
        var useSolver = solved.Status is CpSolverStatus.Optimal or CpSolverStatus.Feasible && solvedPoints >= greedyPoints - 1e-9;
        var chosen = useSolver ? solved.Chosen : greedy;
        var status = !useSolver ? PlanStatus.Greedy : solved.Status == CpSolverStatus.Optimal ? PlanStatus.Optimal : PlanStatus.Feasible;

        var suggestions = Explain(instance, chosen, greedy, locks, proved: status == PlanStatus.Optimal);
        var objective = Math.Round(useSolver ? solvedPoints : greedyPoints, 2);
        var bound = double.IsNaN(solved.Bound) ? (double?)null : Math.Round(Math.Max(objective, solved.Bound), 2);
        return new AllocationPlan(status, objective, Math.Round(greedyPoints, 2),
            Math.Round(Total(instance, chosen, b => b.Fit), 2), Math.Round(Total(instance, greedy, b => b.Fit), 2), clock.Elapsed, suggestions)
        { Bound = bound };
    }

    /// <summary>
    /// What to keep of the plan's limit after the solver: explaining the plan costs about what the greedy
    /// pass did (each walks every option against the ledger; explaining twice over), plus a margin for
    /// OR-Tools' own overrun past its limit and for a loaded machine; never more than a quarter of the limit.
    /// </summary>
    private static TimeSpan Reserve(TimeSpan limit, TimeSpan greedy) =>
        TimeSpan.FromTicks(Math.Clamp((greedy * 3 + TimeSpan.FromMilliseconds(400)).Ticks, 0, (limit / 4).Ticks));

    private static List<ProjectSuggestion> Explain(AllocationInstance instance, IReadOnlyDictionary<Guid, AllocationBidder> chosen,
        IReadOnlyDictionary<Guid, AllocationBidder> greedy, IReadOnlyList<AllocationLock> locks, bool proved)
    {
        var ledger = new PlanLedger(instance);
        foreach (var project in instance.Projects)
            if (chosen.TryGetValue(project.Id, out var b)) ledger.Take(project, b);
        var locked = locks.Select(l => l.ProjectId).ToHashSet();

        var suggestions = new List<ProjectSuggestion>(instance.Projects.Count);
        foreach (var project in instance.Projects)
        {
            var host = chosen.GetValueOrDefault(project.Id);
            var hostPoints = host is null ? 0 : instance.Points(host);
            if (host is not null) ledger.Untake(project, host);

            // Every bidder that would score more: what stops it, with the rest of the plan as it is.
            var binding = new List<string>();
            foreach (var better in instance.Options(project).Where(b => b != host && instance.Points(b) > hostPoints).OrderByDescending(instance.Points))
            {
                var name = Name(instance, better);
                var broken = ledger.Breaks(project, better);
                binding.Add(broken.Count > 0
                    ? $"{name}（{instance.Points(better):0.#} 分）：{string.Join("；", broken)}"
                    : locked.Contains(project.Id) ? $"{name}（{instance.Points(better):0.#} 分）：本项目已锁定"
                    : proved ? $"{name}（{instance.Points(better):0.#} 分）：改由该县承接不违反本项目约束，但须让出的指标使其他项目总分下降更多"
                    : $"{name}（{instance.Points(better):0.#} 分）：可行但未选（求解在时限内停止，方案未证明最优）");
            }

            var alone = host?.Partner is null ? null : project.Bidders.First(b => b.County == host.County);
            var aloneBreaks = alone is null ? [] : ledger.Breaks(project, alone);
            if (host is not null) ledger.Take(project, host);
            var reasons = new List<string>();
            double fairness = 0;
            if (host is not null)
            {
                var county = instance.Counties[host.County];
                fairness = Math.Round(instance.FairnessWeight * instance.FairnessOf(host), 2);
                reasons.Add($"契合度 {host.Fit:0.#} 分（{project.Bidders.Count} 个竞争县中第 {project.Bidders.Count(b => b.Fit > host.Fit) + 1}）");
                if (host.Partner is { } partnerCode)
                {
                    var partner = instance.Counties[partnerCode];
                    var pairing = instance.PairingOf(host);
                    var partnerBid = project.Bidders.Any(b => b.County == partnerCode);
                    reasons.Add($"结对共建：{county.Name}牵头、{partner.Name}参与（强弱县结对{(pairing is null ? "" : $"，{pairing.Notice}")}），份额 {100 - host.PartnerPercent:0.#}% / {host.PartnerPercent:0.#}%，能耗指标按份额分别计入两县，用地计入{instance.Parks[host.ParkId].Name}{(partnerBid ? "" : $"；{partner.Name}未表达意向，按结对安排")}");
                    reasons.Add(aloneBreaks.Count > 0
                        ? $"{county.Name}独自承接不可行：{string.Join("；", aloneBreaks)}"
                        : $"比{county.Name}独自承接多 {instance.Points(host) - instance.Points(alone!):0.#} 分（结对加分 {AllocationInstance.PairingPoints:0.#}，弱县均衡加分按份额）");
                }

                if (fairness > 0)
                    reasons.Add(host.Partner is null
                        ? $"均衡加分 +{fairness:0.#}：{string.Join("、", county.Fairness.Reasons)}"
                        : $"均衡加分 +{fairness:0.#}：{county.Name}（{Reasons(county)}）与{instance.Counties[host.Partner].Name}（{Reasons(instance.Counties[host.Partner])}）按份额，加结对共建 {AllocationInstance.PairingPoints:0.#}");
                if (locked.Contains(project.Id)) reasons.Add("协调员锁定");
            }
            else reasons.Add(locked.Contains(project.Id) ? "协调员锁定为暂不决定" : "暂不决定：没有竞争县能在指标与上限内承接，或让给其他项目总分更高");

            var g = greedy.GetValueOrDefault(project.Id);
            suggestions.Add(new ProjectSuggestion(project.Id, project.Title, project.Version, host?.County, host?.ParkId,
                host?.Fit ?? 0, fairness, locked.Contains(project.Id), reasons, binding, g?.County, g?.ParkId)
            { Partner = host?.Partner, PartnerPercent = host?.PartnerPercent ?? 0 });
        }

        return suggestions;
    }

    private static string Name(AllocationInstance instance, AllocationBidder option) => option.Partner is null
        ? instance.Counties[option.County].Name
        : $"{instance.Counties[option.County].Name}+{instance.Counties[option.Partner].Name}共建";

    private static string Reasons(AllocationCounty county) => county.Fairness.Reasons.Count == 0 ? "无" : string.Join("、", county.Fairness.Reasons);

    private static double Total(AllocationInstance instance, IReadOnlyDictionary<Guid, AllocationBidder> chosen, Func<AllocationBidder, double> points) =>
        chosen.Values.Sum(points);

    private static AllocationPlan Infeasible(AllocationInstance instance, TimeSpan elapsed, string problem) =>
        new(PlanStatus.Infeasible, 0, 0, 0, 0, elapsed,
            instance.Projects.Select(p => new ProjectSuggestion(p.Id, p.Title, p.Version, null, null, 0, 0, false, [], [], null, null)).ToArray(), problem);
}
