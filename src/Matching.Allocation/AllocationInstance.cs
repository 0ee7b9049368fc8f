using Matching.Domain.Counties;

namespace Matching.Allocation;

/// <summary>A county that may host: its energy quota left and the fairness points it earns as a host.</summary>
/// <param name="Adcode">The county's adcode.</param>
/// <param name="Name">Its name.</param>
/// <param name="EnergyAvailableTce">Energy quota not yet reserved, tce per year.</param>
/// <param name="Fairness">Fairness points for hosting any project (before the plan's fairness weight), with why.</param>
public sealed record AllocationCounty(string Adcode, string Name, decimal EnergyAvailableTce, FairnessPoints Fairness);

/// <summary>A park that may take a project: its land not yet reserved.</summary>
public sealed record AllocationPark(string Id, string Name, string County, decimal LandAvailableMu);

/// <summary>A county bidding for a project (or, for an open project, a county that fits it), at the park it offers.</summary>
/// <param name="County">The county's adcode.</param>
/// <param name="ParkId">The park the project would use.</param>
/// <param name="Fit">Its fit score for the project (the matching model's points).</param>
public sealed record AllocationBidder(string County, string ParkId, double Fit);

/// <summary>A project to place: what it needs and who may host it.</summary>
/// <param name="Id">The project's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Division">Its GB/T 4754 division (two digits): what the differentiation cap counts.</param>
/// <param name="LandMu">Land it needs, 亩 (reserved at the host's park).</param>
/// <param name="EnergyTce">Energy it needs, tce per year (reserved at the host county).</param>
/// <param name="Version">The project version the plan was computed on (what applying it decides on).</param>
/// <param name="Bidders">Who may host it, at most one entry per county.</param>
public sealed record AllocationProject(Guid Id, string Title, string Division, decimal LandMu, decimal EnergyTce, long Version, IReadOnlyList<AllocationBidder> Bidders);

/// <summary>A project already awarded to a county in the cap's window: it counts against the county's cap for its division.</summary>
public sealed record PriorAward(string County, string Division);

/// <summary>
/// Everything one allocation decides on: the projects and their bidders, the counties' energy and the
/// parks' land, the differentiation cap with what was awarded in its window, and the fairness weight.
/// </summary>
/// <param name="Projects">Projects to place, in the order a coordinator deciding one by one would take them.</param>
/// <param name="Counties">Counties by adcode (every bidder's county is here).</param>
/// <param name="Parks">Parks by id (every bidder's park is here).</param>
/// <param name="CapPerDivision">No county hosts more than this many projects of one division in the window (prior awards included).</param>
/// <param name="PriorAwards">Awards already made in the window.</param>
/// <param name="FairnessWeight">Multiplies a county's fairness points in the objective; 0 maximises fit alone.</param>
public sealed record AllocationInstance(
    IReadOnlyList<AllocationProject> Projects,
    IReadOnlyDictionary<string, AllocationCounty> Counties,
    IReadOnlyDictionary<string, AllocationPark> Parks,
    int CapPerDivision,
    IReadOnlyList<PriorAward> PriorAwards,
    double FairnessWeight)
{
    /// <summary>Awards already made in the window, by county and division.</summary>
    public IReadOnlyDictionary<(string County, string Division), int> PriorCounts() =>
        PriorAwards.GroupBy(a => (a.County, a.Division)).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>What hosting the project at the bidder adds to the objective, in points.</summary>
    public double Points(AllocationBidder bidder) => bidder.Fit + FairnessWeight * Counties[bidder.County].Fairness.Points;
}
