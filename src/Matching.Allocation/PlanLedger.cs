namespace Matching.Allocation;

/// <summary>
/// What a (partial) plan uses of each quota and cap, in exact decimals: the greedy choice fills it one
/// project at a time, and plans are checked and explained against it. A project is "taken" by a bidder
/// when the plan hosts it there; a co-build pair charges each county its share of the energy, and the land
/// and the division cap at the lead county (as the co-build decision and the prior awards count them).
/// </summary>
public sealed class PlanLedger
{
    private readonly AllocationInstance _instance;
    private readonly Dictionary<string, decimal> _land = [];
    private readonly Dictionary<string, decimal> _energy = [];
    private readonly Dictionary<(string County, string Division), int> _counts;

    /// <summary>An empty plan over the instance (prior awards already count against the caps).</summary>
    public PlanLedger(AllocationInstance instance)
    {
        _instance = instance;
        _counts = new Dictionary<(string, string), int>(instance.PriorCounts());
    }

    /// <summary>Every constraint hosting the project at the bidder would break now, in Chinese; empty when it fits.</summary>
    public IReadOnlyList<string> Breaks(AllocationProject project, AllocationBidder bidder)
    {
        var broken = new List<string>();
        var park = _instance.Parks[bidder.ParkId];
        var county = _instance.Counties[bidder.County];
        var land = _land.GetValueOrDefault(park.Id);
        if (project.LandMu > 0 && land + project.LandMu > park.LandAvailableMu)
            broken.Add($"园区用地：{park.Name}可用 {park.LandAvailableMu:0.##} 亩，本方案已用 {land:0.##} 亩，项目需 {project.LandMu:0.##} 亩");
        if (project.EnergyTce > 0)
            foreach (var (adcode, tce) in bidder.EnergySplit(project.EnergyTce))
            {
                var holder = _instance.Counties[adcode];
                var energy = _energy.GetValueOrDefault(adcode);
                if (tce > 0 && energy + tce > holder.EnergyAvailableTce)
                    broken.Add($"能耗指标：{holder.Name}剩余 {holder.EnergyAvailableTce:0.##} 吨标准煤，本方案已用 {energy:0.##}，项目{(bidder.IsPair ? "按份额" : "")}需 {tce:0.##}");
            }

        var count = _counts.GetValueOrDefault((county.Adcode, project.Division));
        if (count + 1 > _instance.CapPerDivision)
            broken.Add($"错位发展：{county.Name}在统计期内已有 {count} 个 {project.Division} 大类项目（上限 {_instance.CapPerDivision} 个）");
        return broken;
    }

    /// <summary>Records the project as hosted at the bidder (without checking).</summary>
    public void Take(AllocationProject project, AllocationBidder bidder) => Move(project, bidder, +1);

    /// <summary>Removes a recorded hosting.</summary>
    public void Untake(AllocationProject project, AllocationBidder bidder) => Move(project, bidder, -1);

    /// <summary>True when nothing recorded exceeds a quota or cap.</summary>
    public bool WithinLimits() =>
        _land.All(l => l.Value <= _instance.Parks[l.Key].LandAvailableMu || l.Value == 0)
        && _energy.All(e => e.Value <= _instance.Counties[e.Key].EnergyAvailableTce || e.Value == 0)
        && _counts.All(c => c.Value <= Math.Max(_instance.CapPerDivision, _instance.PriorCounts().GetValueOrDefault(c.Key)));

    private void Move(AllocationProject project, AllocationBidder bidder, int sign)
    {
        if (project.LandMu > 0) _land[bidder.ParkId] = _land.GetValueOrDefault(bidder.ParkId) + sign * project.LandMu;
        if (project.EnergyTce > 0)
            foreach (var (county, tce) in bidder.EnergySplit(project.EnergyTce))
                _energy[county] = _energy.GetValueOrDefault(county) + sign * tce;
        var key = (bidder.County, project.Division);
        _counts[key] = _counts.GetValueOrDefault(key) + sign;
    }
}
