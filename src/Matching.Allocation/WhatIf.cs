namespace Matching.Allocation;

/// <summary>
/// A choice fixed by the coordinator: the project goes to this county (at its bid's park), alone or, with
/// <paramref name="Partner"/>, leading a co-build with that pairing partner; or to nobody when
/// <paramref name="County"/> is null.
/// </summary>
public sealed record AllocationLock(Guid ProjectId, string? County, string? Partner = null)
{
    /// <summary>True when the option is the locked choice.</summary>
    public bool Holds(AllocationBidder option) => County is not null && option.County == County && option.Partner == Partner;
}

/// <summary>
/// A what-if on an instance: lock choices, raise (or lower) quotas, change the cap or the fairness
/// weight. Applying it gives a new instance to plan; the original is untouched.
/// </summary>
/// <param name="Locks">Choices to fix.</param>
/// <param name="EnergyRaiseTce">Energy added to a county's available quota (negative lowers it), by adcode.</param>
/// <param name="LandRaiseMu">Land added to a park's available land, by park id.</param>
/// <param name="CapPerDivision">A different differentiation cap; null keeps it.</param>
/// <param name="FairnessWeight">A different fairness weight; null keeps it.</param>
/// <param name="PartnerPercent">A different partner share for co-build pairs (0 offers none, else 1–50); null keeps it.</param>
public sealed record WhatIf(
    IReadOnlyList<AllocationLock>? Locks = null,
    IReadOnlyDictionary<string, decimal>? EnergyRaiseTce = null,
    IReadOnlyDictionary<string, decimal>? LandRaiseMu = null,
    int? CapPerDivision = null,
    double? FairnessWeight = null,
    decimal? PartnerPercent = null)
{
    /// <summary>No change.</summary>
    public static readonly WhatIf None = new();

    /// <summary>Field errors against the instance (unknown project, county not bidding, unknown county or park, bad cap), keyed by field; empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Check(AllocationInstance instance)
    {
        var errors = new Dictionary<string, string[]>();
        var projects = instance.Projects.ToDictionary(p => p.Id);
        var locks = Locks ?? [];
        for (var i = 0; i < locks.Count; i++)
        {
            var l = locks[i];
            if (!projects.TryGetValue(l.ProjectId, out var project))
                errors[$"locks[{i}].projectId"] = [$"项目 {l.ProjectId} 不在本次统筹范围内（不是待决定的竞争项目）。"];
            else if (l.County is not null && project.Bidders.All(b => b.County != l.County))
                errors[$"locks[{i}].county"] = [$"“{l.County}”不是项目“{project.Title}”的竞争县。"];
            else if (l.Partner is not null && (l.County is null || !ApplyTo(instance).Options(project).Any(l.Holds)))
                errors[$"locks[{i}].partner"] = [$"“{l.Partner}”不是“{l.County}”的强弱县结对弱县（或共建份额为 0），不能与其共建项目“{project.Title}”。"];
        }

        if (locks.Select(l => l.ProjectId).Distinct().Count() != locks.Count) errors["locks"] = ["同一项目只能锁定一次。"];
        foreach (var county in (EnergyRaiseTce ?? new Dictionary<string, decimal>()).Keys.Where(c => !instance.Counties.ContainsKey(c)))
            errors[$"energyRaiseTce.{county}"] = [$"“{county}”不是本次统筹涉及的县（须为某项目的竞争县）。"];
        foreach (var park in (LandRaiseMu ?? new Dictionary<string, decimal>()).Keys.Where(p => !instance.Parks.ContainsKey(p)))
            errors[$"landRaiseMu.{park}"] = [$"“{park}”不是本次统筹涉及的园区。"];
        if (CapPerDivision is < 1 or > 1000) errors["capPerDivision"] = ["错位发展上限须在 1 到 1000 之间。"];
        if (FairnessWeight is { } w && (double.IsNaN(w) || w < 0 || w > 10)) errors["fairnessWeight"] = ["均衡权重须在 0 到 10 之间。"];
        if (PartnerPercent is < 0 or > 50) errors["partnerPercent"] = ["结对共建中弱县的份额须在 0 到 50 之间（0 表示不建议结对共建）。"];
        return errors;
    }

    /// <summary>The instance with the quota, cap and weight changes applied (locks are the solver's to honour).</summary>
    public AllocationInstance ApplyTo(AllocationInstance instance)
    {
        var counties = instance.Counties.ToDictionary(c => c.Key, c => EnergyRaiseTce?.TryGetValue(c.Key, out var raise) == true
            ? c.Value with { EnergyAvailableTce = c.Value.EnergyAvailableTce + raise }
            : c.Value);
        var parks = instance.Parks.ToDictionary(p => p.Key, p => LandRaiseMu?.TryGetValue(p.Key, out var raise) == true
            ? p.Value with { LandAvailableMu = p.Value.LandAvailableMu + raise }
            : p.Value);
        return instance with
        {
            Counties = counties,
            Parks = parks,
            CapPerDivision = CapPerDivision ?? instance.CapPerDivision,
            FairnessWeight = FairnessWeight ?? instance.FairnessWeight,
            PartnerPercent = PartnerPercent is >= 0 and <= 50 ? PartnerPercent.Value : instance.PartnerPercent,
        };
    }
}
