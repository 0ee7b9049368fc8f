using Matching.Domain.Compliance;
using Matching.Domain.Counties;
using Matching.Domain.Industries;
using Matching.Domain.JointBids;
using Matching.Domain.Parks;
using Matching.Domain.Projects;

namespace Matching.Allocation;

/// <summary>A project to allocate as the store holds it: the project, its live bids and each bidder's fit score.</summary>
public sealed record Contest(Project Project, IReadOnlyList<PlacedBid> Bids, IReadOnlyDictionary<string, double> Scores);

/// <summary>A quota as stored: what can be reserved in all and what is reserved.</summary>
public sealed record QuotaUse(decimal Capacity, decimal Reserved)
{
    /// <summary>What is left (never negative).</summary>
    public decimal Available => Math.Max(0, Capacity - Reserved);
}

/// <summary>Builds an allocation instance from domain types.</summary>
public static class AllocationInstances
{
    /// <summary>
    /// The instance over the contests: each live bid becomes a bidder at the park it offers (or, when it
    /// names none, the county's park with the most land left), scored with the fit the project stored for
    /// the county (0 when none). A bidder whose county or park is unknown is left out.
    /// </summary>
    /// <param name="contests">Projects to allocate, in the order a coordinator would decide them.</param>
    /// <param name="counties">Counties with their energy use, by adcode.</param>
    /// <param name="parks">Parks with their land use, by id.</param>
    /// <param name="priorAwards">Awards in the cap's window: host county and industry.</param>
    /// <param name="capPerDivision">The differentiation cap.</param>
    /// <param name="fairnessWeight">The fairness weight.</param>
    /// <param name="pairings">
    /// The province's pairings: each strong–weak one whose weak county is in <paramref name="counties"/>
    /// lets its strong county, where it bids, also lead a co-build with the weak one, and gives the weak
    /// county <see cref="AllocationInstance.PairedWeakPoints"/> fairness points (neighbour groups are not pairs).
    /// </param>
    /// <param name="partnerPercent">The weak partner's share of a co-build pair (0: no pairs).</param>
    public static AllocationInstance Build(
        IEnumerable<Contest> contests,
        IReadOnlyDictionary<string, (County County, QuotaUse Energy)> counties,
        IReadOnlyDictionary<string, (Park Park, QuotaUse Land)> parks,
        IEnumerable<(string County, IndustryCode Industry)> priorAwards,
        int capPerDivision,
        double fairnessWeight,
        IEnumerable<CountyPairing>? pairings = null,
        decimal partnerPercent = AllocationInstance.DefaultPartnerPercent)
    {
        var strongWeak = (pairings ?? []).Where(p => p.Kind == PairingKind.StrongWeak && p.Counties.Count == 2
            && counties.ContainsKey(p.Counties[0]) && counties.ContainsKey(p.Counties[1])).ToArray();
        FairnessPoints FairnessOf(County county)
        {
            var own = CountyFairness.Of(county);
            var strong = strongWeak.Where(p => p.Counties[1] == county.Reference.Adcode).Select(p => counties[p.Counties[0]].County.Reference.Name).ToArray();
            return strong.Length == 0 ? own : new FairnessPoints(own.Points + AllocationInstance.PairedWeakPoints, [.. own.Reasons, $"强弱县结对弱县（与{string.Join("、", strong)}结对）"]);
        }

        void AddCounty(Dictionary<string, AllocationCounty> into, string adcode)
        {
            var county = counties[adcode];
            into.TryAdd(adcode, new AllocationCounty(adcode, county.County.Reference.Name, county.Energy.Available, FairnessOf(county.County)));
        }

        var usedCounties = new Dictionary<string, AllocationCounty>();
        var usedParks = new Dictionary<string, AllocationPark>();
        var projects = new List<AllocationProject>();
        foreach (var contest in contests)
        {
            var bidders = new List<AllocationBidder>();
            foreach (var bid in contest.Bids.GroupBy(b => b.Bid.County).Select(g => g.Last().Bid))
            {
                if (!counties.TryGetValue(bid.County, out var county)) continue;
                var parkId = bid.ParkId is { } named && parks.TryGetValue(named, out var p) && p.Park.Reference.CountyAdcode == bid.County
                    ? named
                    : county.County.ParkIds.Where(parks.ContainsKey).OrderByDescending(id => parks[id].Land.Available).FirstOrDefault();
                if (parkId is null) continue;
                var park = parks[parkId];
                usedParks.TryAdd(parkId, new AllocationPark(parkId, park.Park.Reference.Name, bid.County, park.Land.Available));
                AddCounty(usedCounties, bid.County);
                foreach (var pairing in strongWeak.Where(p => p.Counties[0] == bid.County)) AddCounty(usedCounties, pairing.Counties[1]);
                bidders.Add(new AllocationBidder(bid.County, parkId, contest.Scores.GetValueOrDefault(bid.County)));
            }

            var d = contest.Project.Details;
            projects.Add(new AllocationProject(contest.Project.Id, d.Title, d.IndustryCode.Division ?? d.IndustryCode.Value,
                d.LandMu, d.EnergyTce, contest.Project.Version, bidders));
        }

        var prior = priorAwards.Select(a => new PriorAward(a.County, a.Industry.Division ?? a.Industry.Value)).ToArray();
        var used = strongWeak.Where(p => usedCounties.ContainsKey(p.Counties[0]))
            .Select(p => new AllocationPairing(p.Counties[0], p.Counties[1], p.Notice)).ToArray();
        return new AllocationInstance(projects, usedCounties, usedParks, capPerDivision, prior, fairnessWeight, used, partnerPercent);
    }
}
