using Matching.Domain.Counties;
using Matching.Domain.Industries;
using Matching.Domain.Parks;

namespace Matching.Domain.Fit;

/// <summary>
/// A snapshot's counties as flat arrays, built once per snapshot and set of weights: what
/// <see cref="FitModel.ScoreAll"/> reads for every county of every match (quotas, flags, strength, seats,
/// parks with their land, yields and industries as digits, evidence weights by GB/T key). The values are the
/// ones <see cref="FitModel.Score"/> derives county by county, computed by the same expressions, so both give
/// the same totals; matching then costs arithmetic on arrays, with no lookups by adcode, no decimal
/// division, no powers or trigonometry for counties out of reach, and no strings.
/// </summary>
public sealed class CountyTable
{
    /// <summary>An evidence item under a GB/T key: its county, its place among the county's industry evidence, its weight at the key's level.</summary>
    public readonly record struct WeighedEvidence(int County, int Ordinal, double Weight);

    /// <summary>A park's main industry as digits: its section letter and its division, group and class numbers (−1 where the code stops).</summary>
    public readonly record struct Digits(char Section, int Division, int Group, int Class)
    {
        /// <summary>The digits of a code.</summary>
        public static Digits Of(IndustryCode code)
        {
            var v = code.Value;
            return new Digits(code.Section,
                v.Length >= 2 ? (v[0] - '0') * 10 + v[1] - '0' : -1,
                v.Length >= 3 ? v[2] - '0' : -1,
                v.Length >= 4 ? v[3] - '0' : -1);
        }

        /// <summary>As <see cref="IndustryCode.SharedLevel"/> cast to int, 0 where nothing is shared.</summary>
        public int SharedLevel(in Digits other)
        {
            if (Division >= 0 && Division == other.Division)
            {
                if (Group >= 0 && Group == other.Group)
                    return Class >= 0 && Class == other.Class ? (int)IndustryLevel.Class : (int)IndustryLevel.Group;
                return (int)IndustryLevel.Division;
            }

            return Section == other.Section ? (int)IndustryLevel.Section : 0;
        }
    }

    private readonly Dictionary<string, int> _position = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WeighedEvidence[]> _evidence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WeighedEvidence[]> _chainEvidence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WeighedEvidence[]> _spillingEvidence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _listingAsPartner = new(StringComparer.Ordinal);

    /// <summary>Builds the table of a snapshot for a model's weights.</summary>
    public CountyTable(MatchingSnapshot snapshot, FitModel model)
    {
        var weights = model.Weights;
        var all = snapshot.All;
        var n = all.Count;
        Count = n;
        EnergyQuota = new decimal[n];
        LandQuota = new decimal[n];
        ChemicalPark = new bool[n];
        ChemicalParkCandidate = new bool[n];
        StrengthLarge = new double[n];
        StrengthSmall = new double[n];
        BalanceBase = new double[n];
        HasBalanceBase = new bool[n];
        PairingPartners = new string[n][];
        Seats = new Geography.GeoPoint[n];
        Unit = new (double X, double Y, double Z)[n];
        AwardDivisions = new string[n][];
        ParkStart = new int[n + 1];
        SectionStrength = new int[26][];
        for (var l = 0; l < 26; l++) SectionStrength[l] = new int[n];
        var parks = new List<Park>();
        var asOf = snapshot.AsOfYear;

        for (var i = 0; i < n; i++)
        {
            var candidate = all[i];
            var county = candidate.County;
            var profile = county.Profile;
            var traits = snapshot.TraitsOf(candidate);
            _position[candidate.Adcode] = i;
            EnergyQuota[i] = profile.EnergyQuotaTce.InForce;
            LandQuota[i] = profile.LandQuotaMu.InForce;
            ChemicalPark[i] = traits.ChemicalPark is not null;
            ChemicalParkCandidate[i] = traits.ChemicalParkCandidate is not null;
            StrengthLarge[i] = model.StrengthPoints(traits, asOf, large: true);
            StrengthSmall[i] = model.StrengthPoints(traits, asOf, large: false);

            // The best strength of the county's industries per section, as the industry index files them.
            foreach (var f in profile.FeaturedIndustries) Strongest(f.Code.Section, i, f.Strength);
            foreach (var park in candidate.Parks)
            foreach (var code in park.Profile.MainIndustries) Strongest(code.Section, i, weights.ParkIndustryStrength);

            var weaker = county.Reference.Kind == CountyKind.County;
            foreach (var park in candidate.Parks)
                if (park.Reference.Level == ParkLevel.National) weaker = false;
            // The same sum, in the same order, as the county-by-county balance factor (the pairing term is added per project).
            BalanceBase[i] = (weaker ? weights.WeakerCounty : 0)
                + (profile.FiscallyDirect.InForce ? weights.FiscallyDirect : 0)
                + (profile.OldRevolutionaryBase.InForce ? weights.OldRevolutionaryBase : 0);
            HasBalanceBase[i] = weaker || profile.FiscallyDirect.InForce || profile.OldRevolutionaryBase.InForce;
            PairingPartners[i] = profile.PairingPartners.ToArray();

            var seat = county.Reference.Seat;
            Seats[i] = seat;
            var (lat, lng) = (seat.Lat * Math.PI / 180, seat.Lng * Math.PI / 180);
            Unit[i] = (Math.Cos(lat) * Math.Cos(lng), Math.Cos(lat) * Math.Sin(lng), Math.Sin(lat));
            AwardDivisions[i] = snapshot.HasAwards ? snapshot.AwardsTo(candidate.Adcode).Select(a => a.Industry.Division ?? string.Empty).ToArray() : [];

            ParkStart[i] = parks.Count;
            parks.AddRange(candidate.Parks);
        }

        // Neighbours and the rest of the prefecture, in the order the county-by-county spillover adds them up.
        Neighbours = new int[n][];
        PrefectureOthers = new int[n][];
        for (var i = 0; i < n; i++)
        {
            var candidate = all[i];
            Neighbours[i] = snapshot.NeighboursOf(candidate).Select(c => _position[c.Adcode]).ToArray();
            var reference = candidate.County.Reference;
            PrefectureOthers[i] = snapshot.PrefectureOf(candidate)
                .Where(c => c.Adcode != reference.Adcode && !reference.Neighbours.Contains(c.Adcode))
                .Select(c => _position[c.Adcode]).ToArray();
        }

        ParkStart[n] = parks.Count;
        Parks = parks.ToArray();
        ParkLand = parks.Select(p => p.Profile.AvailableLandMu.InForce).ToArray();
        ParkInvestmentPerMu = parks.Select(p => p.Profile.InvestmentPerMu.Value).ToArray();
        ParkTaxPerMu = parks.Select(p => p.Profile.TaxPerMu.Value).ToArray();
        ParkInvestmentHalf = ParkInvestmentPerMu.Select(b => b / 2).ToArray();
        ParkTaxHalf = ParkTaxPerMu.Select(b => b / 2).ToArray();
        ParkIndustries = parks.Select(p => p.Profile.MainIndustries.Select(Digits.Of).ToArray()).ToArray();

        for (var i = 0; i < n; i++)
            foreach (var partner in PairingPartners[i])
                _listingAsPartner[partner] = [.. _listingAsPartner.GetValueOrDefault(partner, []), i];

        // Evidence weights at each key's level: an item filed under a class weighs at class level, and so on.
        var index = snapshot.IndexFor(weights.ParkIndustryStrength);
        foreach (var key in index.EvidenceKeys)
        {
            var level = key.Length switch { 2 => IndustryLevel.Division, 3 => IndustryLevel.Group, _ => IndustryLevel.Class };
            _evidence[key] = index.EvidenceUnder(key).Select(e => new WeighedEvidence(e.County, e.Ordinal, model.Weigh(e.Item, level, asOf))).ToArray();
            // The items that count for the counties around theirs (spillover), at the same weights.
            var spilling = index.EvidenceUnder(key).Where(e => FitModel.Spills(e.Item.Kind)).Select(e => new WeighedEvidence(e.County, e.Ordinal, model.Weigh(e.Item, level, asOf))).ToArray();
            if (spilling.Length > 0) _spillingEvidence[key] = spilling;
            // The same items weighed as evidence for a division along another division's chain.
            if (level == IndustryLevel.Division)
                _chainEvidence[key] = index.EvidenceUnder(key).Select(e => new WeighedEvidence(e.County, e.Ordinal, model.WeighAlongChain(e.Item, asOf))).ToArray();
        }
    }

    private void Strongest(char section, int county, int strength)
    {
        var row = SectionStrength[section - 'A'];
        row[county] = Math.Max(row[county], strength);
    }

    /// <summary>The best strength of each county's industries in a section (by letter from A), 0 when none.</summary>
    public int[][] SectionStrength { get; }

    /// <summary>Each county's neighbours (positions), as <see cref="MatchingSnapshot.NeighboursOf"/> lists them.</summary>
    public int[][] Neighbours { get; }

    /// <summary>The other counties of each county's prefecture that are not its neighbours (positions, in snapshot order).</summary>
    public int[][] PrefectureOthers { get; }

    /// <summary>How many counties (as <see cref="MatchingSnapshot.All"/>).</summary>
    public int Count { get; }

    /// <summary>Remaining energy quota, tce per year.</summary>
    public decimal[] EnergyQuota { get; }

    /// <summary>Remaining land quota, 亩.</summary>
    public decimal[] LandQuota { get; }

    /// <summary>Whether the county has a recognised chemical park.</summary>
    public bool[] ChemicalPark { get; }

    /// <summary>Whether the county has a likely chemical park only (化工园区待认定, <see cref="CandidateTraits.ChemicalParkCandidate"/>).</summary>
    public bool[] ChemicalParkCandidate { get; }

    /// <summary>Economic-strength points for a large project.</summary>
    public double[] StrengthLarge { get; }

    /// <summary>Economic-strength points for a project under the large-project threshold.</summary>
    public double[] StrengthSmall { get; }

    /// <summary>The balance sum before pairing (weaker county, 省财政直管县, 革命老区).</summary>
    public double[] BalanceBase { get; }

    /// <summary>Whether any balance term before pairing applies.</summary>
    public bool[] HasBalanceBase { get; }

    /// <summary>The county's pairing partners.</summary>
    public string[][] PairingPartners { get; }

    /// <summary>County seats.</summary>
    public Geography.GeoPoint[] Seats { get; }

    /// <summary>County seats as unit vectors, to rule out far counties without trigonometry.</summary>
    public (double X, double Y, double Z)[] Unit { get; }

    /// <summary>Divisions of the recent awards to each county.</summary>
    public string[][] AwardDivisions { get; }

    /// <summary>Where each county's parks start in the park arrays (one more entry than counties).</summary>
    public int[] ParkStart { get; }

    /// <summary>Every park, county by county.</summary>
    public Park[] Parks { get; }

    /// <summary>Available land of each park, 亩.</summary>
    public decimal[] ParkLand { get; }

    /// <summary>The per-mu investment benchmark of each park.</summary>
    public decimal[] ParkInvestmentPerMu { get; }

    /// <summary>The per-mu tax benchmark of each park.</summary>
    public decimal[] ParkTaxPerMu { get; }

    /// <summary>Half the investment benchmark.</summary>
    public decimal[] ParkInvestmentHalf { get; }

    /// <summary>Half the tax benchmark.</summary>
    public decimal[] ParkTaxHalf { get; }

    /// <summary>Each park's main industries as digits.</summary>
    public Digits[][] ParkIndustries { get; }

    /// <summary>The position of a county in the snapshot, or −1.</summary>
    public int PositionOf(string? adcode) => adcode is not null && _position.TryGetValue(adcode, out var i) ? i : -1;

    /// <summary>Counties that list a county among their pairing partners.</summary>
    public int[] ListingAsPartner(string adcode) => _listingAsPartner.GetValueOrDefault(adcode, []);

    /// <summary>Evidence items filed under a key with their weights.</summary>
    public WeighedEvidence[] EvidenceUnder(string key) => _evidence.GetValueOrDefault(key, []);

    /// <summary>The items filed under a key that count for the counties around theirs (<see cref="FitModel.Spills"/>), with their weights.</summary>
    public WeighedEvidence[] SpillingEvidenceUnder(string key) => _spillingEvidence.GetValueOrDefault(key, []);

    /// <summary>Evidence items filed under a division with their weights as evidence along a chain (<see cref="MatchWeights.EvidenceChainShare"/>).</summary>
    public WeighedEvidence[] ChainEvidenceUnder(string division) => _chainEvidence.GetValueOrDefault(division, []);
}
