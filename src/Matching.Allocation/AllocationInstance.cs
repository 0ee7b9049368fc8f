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

/// <summary>
/// A way to host a project: a county bidding for it (or, for an open project, a county that fits it), at
/// the park it offers; or, with <paramref name="Partner"/>, that county leading a co-build with its
/// strong–weak pairing partner (the project at the lead's park, the energy split by share).
/// </summary>
/// <param name="County">The (lead) county's adcode.</param>
/// <param name="ParkId">The park the project would use (the lead's).</param>
/// <param name="Fit">The lead's fit score for the project (the matching model's points).</param>
/// <param name="Partner">The weaker pairing partner sharing the project; null for an award to <paramref name="County"/> alone.</param>
/// <param name="PartnerPercent">The partner's share, percent (energy charged to it, benefit it gets); 0 without a partner.</param>
public sealed record AllocationBidder(string County, string ParkId, double Fit, string? Partner = null, decimal PartnerPercent = 0)
{
    /// <summary>True for a co-build pair.</summary>
    public bool IsPair => Partner is not null;

    /// <summary>Energy each county is charged, tce per year, as the co-build decision would reserve it (rounded to hundredths by share).</summary>
    public IReadOnlyList<(string County, decimal EnergyTce)> EnergySplit(decimal energyTce) => Partner is null
        ? [(County, energyTce)]
        : new Matching.Domain.Decisions.DecisionTerms(Matching.Domain.Decisions.DecisionKind.CoBuild, County, ParkId,
            [new(County, 100 - PartnerPercent), new(Partner, PartnerPercent)], 1, "", 1).EnergySplit(energyTce);
}

/// <summary>A strong–weak county pairing (强弱县结对) as the allocation uses it: the weak county earns fairness points, and the strong one may lead a co-build with it.</summary>
/// <param name="Strong">The strong county's adcode.</param>
/// <param name="Weak">The weak county's adcode.</param>
/// <param name="Notice">The notice that paired them.</param>
public sealed record AllocationPairing(string Strong, string Weak, string Notice);

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
/// <param name="Pairings">Strong–weak pairings whose both counties are in <paramref name="Counties"/>: each strong bidder may also lead a co-build with its weak partner.</param>
/// <param name="PartnerPercent">The weak partner's share in a co-build pair, percent (1–50); 0 offers no co-build pairs.</param>
public sealed record AllocationInstance(
    IReadOnlyList<AllocationProject> Projects,
    IReadOnlyDictionary<string, AllocationCounty> Counties,
    IReadOnlyDictionary<string, AllocationPark> Parks,
    int CapPerDivision,
    IReadOnlyList<PriorAward> PriorAwards,
    double FairnessWeight,
    IReadOnlyList<AllocationPairing>? Pairings = null,
    decimal PartnerPercent = 0)
{
    /// <summary>Points a co-build pair earns for carrying out its pairing (before the fairness weight).</summary>
    public const double PairingPoints = 3;

    /// <summary>Fairness points of the weak county of a strong–weak pairing (the province designated it for help).</summary>
    public const double PairedWeakPoints = 2;

    /// <summary>The default partner share of a co-build pair, percent.</summary>
    public const decimal DefaultPartnerPercent = 30;

    /// <summary>
    /// Every way to host the project: each bidder alone, then each bidder that is the strong county of a
    /// pairing leading a co-build with its weak partner (when <see cref="PartnerPercent"/> is above 0).
    /// </summary>
    public IReadOnlyList<AllocationBidder> Options(AllocationProject project)
    {
        if (PartnerPercent <= 0 || Pairings is not { Count: > 0 } pairings) return project.Bidders;
        var options = new List<AllocationBidder>(project.Bidders);
        foreach (var bidder in project.Bidders)
            foreach (var pairing in pairings.Where(p => p.Strong == bidder.County && Counties.ContainsKey(p.Weak)))
                options.Add(bidder with { Partner = pairing.Weak, PartnerPercent = PartnerPercent });
        return options;
    }

    /// <summary>The pairing a co-build option carries out (null for an award alone).</summary>
    public AllocationPairing? PairingOf(AllocationBidder option) =>
        option.Partner is null ? null : Pairings?.FirstOrDefault(p => p.Strong == option.County && p.Weak == option.Partner);


    /// <summary>Awards already made in the window, by county and division.</summary>
    public IReadOnlyDictionary<(string County, string Division), int> PriorCounts() =>
        PriorAwards.GroupBy(a => (a.County, a.Division)).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// What hosting the project at the option adds to the objective, in points: its fit plus the weighted
    /// fairness points; a co-build pair's fairness is each county's by its share plus <see cref="PairingPoints"/>.
    /// </summary>
    public double Points(AllocationBidder bidder) => bidder.Fit + FairnessWeight * FairnessOf(bidder);

    /// <summary>The option's fairness points before the weight.</summary>
    public double FairnessOf(AllocationBidder bidder)
    {
        var lead = Counties[bidder.County].Fairness.Points;
        if (bidder.Partner is null) return lead;
        var share = (double)bidder.PartnerPercent / 100;
        return lead * (1 - share) + Counties[bidder.Partner].Fairness.Points * share + PairingPoints;
    }
}
