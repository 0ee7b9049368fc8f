namespace Matching.Domain.Fit;

/// <summary>
/// The points of each factor of the fit score. Configuration, not code: the host binds them from the
/// <c>Matching:Weights</c> section, so the province can tune the model without a release.
/// </summary>
public sealed record MatchWeights
{
    /// <summary>Industry fit when the county's featured industry (strength 5) or a park's main industry shares the project's class.</summary>
    public double IndustryClass { get; init; } = 40;

    /// <summary>… shares only its group (中类).</summary>
    public double IndustryGroup { get; init; } = 28;

    /// <summary>… shares only its division (大类).</summary>
    public double IndustryDivision { get; init; } = 16;

    /// <summary>… shares only its section (门类).</summary>
    public double IndustrySection { get; init; } = 4;

    /// <summary>
    /// … is in a division along the project's chain (an upstream supplier or a downstream customer division,
    /// <c>industry-chains.csv</c>): graded between division and section, so that closeness runs class &gt; group &gt;
    /// division &gt; chain-related division &gt; section. 0 turns it off.
    /// </summary>
    public double IndustryChain { get; init; } = 8;

    /// <summary>
    /// How much industry fit discounts a match that many counties share: the points of a match at a level (the
    /// project's class, group, division, section, or a division along its chain) are scaled by
    /// 1 − <c>IndustryCommonness</c> × the share of the snapshot's counties featuring that code (featured or park
    /// main industries), at least 0. A division nearly every zone names (通用设备) then tells counties apart little,
    /// and the evidence that does is not drowned by it. 0 turns it off.
    /// </summary>
    public double IndustryCommonness { get; init; } = 0;

    /// <summary>A park's main industry counts as a featured industry of this strength (1–5).</summary>
    public int ParkIndustryStrength { get; init; } = 4;

    /// <summary>
    /// Most points for agglomeration: the evidence that the project's industry is really present in the
    /// county (listed companies, clusters, zones, rosters, awards). Points saturate:
    /// max × (1 − e^(−mass / <see cref="AgglomerationScale"/>)), mass being the weighted evidence.
    /// </summary>
    public double AgglomerationMax { get; init; } = 30;

    /// <summary>Evidence mass at which agglomeration reaches 63 % of its maximum.</summary>
    public double AgglomerationScale { get; init; } = 2;

    /// <summary>Weight of one listed company in the project's industry.</summary>
    public double EvidenceListedCompany { get; init; } = 1;

    /// <summary>Weight of a provincial featured industry cluster.</summary>
    public double EvidenceFeaturedCluster { get; init; } = 1.5;

    /// <summary>Weight of a development zone's catalogued main industry (already counted by industry fit, so low).</summary>
    public double EvidenceZoneMainIndustry { get; init; } = 0.3;

    /// <summary>Weight of a recognised chemical park for chemical industries.</summary>
    public double EvidenceChemicalPark { get; init; } = 1;

    /// <summary>Weight of a national logistics hub in the county's prefecture (city level, so low).</summary>
    public double EvidenceLogisticsHub { get; init; } = 0.8;

    /// <summary>Weight of one enterprise of a county's uploaded roster.</summary>
    public double EvidenceRoster { get; init; } = 0.5;

    /// <summary>Weight of one project awarded to or landed in the county.</summary>
    public double EvidenceAward { get; init; } = 1;

    /// <summary>Weight of any other fact a county declares about an industry (<c>EvidenceKind.Declared</c>).</summary>
    public double EvidenceDeclared { get; init; } = 0.5;

    /// <summary>
    /// Share of its kind's weight that a self-declared item (declared or a roster) carries until a coordinator
    /// verifies it; verified items carry the full weight, rejected ones none.
    /// </summary>
    public double EvidenceSelfDeclaredShare { get; init; } = 0.5;

    /// <summary>Evidence loses half its weight every this many years (before the newest year in the snapshot).</summary>
    public double EvidenceHalfLifeYears { get; init; } = 6;

    /// <summary>Share of an item's weight when it matches the project only at group (中类) level; class counts fully.</summary>
    public double EvidenceGroupShare { get; init; } = 0.8;

    /// <summary>… at division (大类) level.</summary>
    public double EvidenceDivisionShare { get; init; } = 0.6;

    /// <summary>
    /// … when it is evidence only for a division along the project's chain (suppliers or customers: a listed battery
    /// maker for a vehicle project). 0 turns it off.
    /// </summary>
    public double EvidenceChainShare { get; init; } = 0.25;

    /// <summary>
    /// Most points for industry nearby (spatial agglomeration across county borders): the listed companies and featured
    /// clusters of the project's industry (class, group or division, weighed as for agglomeration) held by the county's
    /// neighbours (at <see cref="SpilloverNeighbourShare"/>) and, weaker, by the other counties of its prefecture (at
    /// <see cref="SpilloverPrefectureShare"/>). Points = max × (1 − e^(−mass / <see cref="SpilloverScale"/>)). 0 turns it off.
    /// </summary>
    public double SpilloverMax { get; init; } = 20;

    /// <summary>Nearby evidence mass at which the spillover reaches 63 % of its maximum.</summary>
    public double SpilloverScale { get; init; } = 2;

    /// <summary>Share of a neighbouring county's evidence weight that counts for the county.</summary>
    public double SpilloverNeighbourShare { get; init; } = 0.5;

    /// <summary>Share of the weight of evidence held by the other (not neighbouring) counties of the county's prefecture.</summary>
    public double SpilloverPrefectureShare { get; init; } = 0.2;

    /// <summary>
    /// Most points for economic strength: a top-100 county (rank 1 full, rank 100 half) or, short of that,
    /// the count of listed companies of any industry (<see cref="ListedCompaniesForStrength"/> give 80 %).
    /// </summary>
    public double EconomicStrength { get; init; } = 10;

    /// <summary>Share of economic strength for hosting a national development zone (国家级开发区), short of a top-100 listing.</summary>
    public double StrengthNationalZone { get; init; } = 0.5;

    /// <summary>
    /// Share of economic strength for hosting only provincial development zones (省级开发区). 0 by default: 129 of the
    /// 136 counties host a catalogued zone, so a provincial one tells counties apart hardly at all.
    /// </summary>
    public double StrengthProvincialZone { get; init; } = 0;

    /// <summary>Listed companies of any industry that count as 80 % of economic strength.</summary>
    public double ListedCompaniesForStrength { get; init; } = 6;

    /// <summary>Investment (万元) from which a project counts as large and economic strength counts fully (half below).</summary>
    public double LargeProjectInvestment { get; init; } = 100_000;

    /// <summary>Each chain link present in the county (an upstream supplier or a downstream customer division).</summary>
    public double ChainLink { get; init; } = 5;

    /// <summary>Most chain points.</summary>
    public double ChainMax { get; init; } = 10;

    /// <summary>The best park has the land; twice the need doubles it.</summary>
    public double LandHeadroom { get; init; } = 4;

    /// <summary>Penalty when the county's remaining land quota is below the need (the park has land, the quota must be adjusted).</summary>
    public double LandQuotaShort { get; init; } = -6;

    /// <summary>Penalty when a non-两高 project's energy exceeds the county's remaining quota.</summary>
    public double EnergyQuotaShort { get; init; } = -8;

    /// <summary>Per-mu investment or tax at or above the park benchmark (each).</summary>
    public double YieldAbove { get; init; } = 4;

    /// <summary>Per-mu investment or tax below half the park benchmark (each).</summary>
    public double YieldBelow { get; init; } = -4;

    /// <summary>Each neighbour already strong (4–5) in the project's group.</summary>
    public double NeighbourCrowding { get; init; } = -3;

    /// <summary>Most crowding penalty.</summary>
    public double CrowdingMax { get; init; } = -12;

    /// <summary>Each recent award of the same division to this county.</summary>
    public double RecentAward { get; init; } = -5;

    /// <summary>Most recent-award penalty.</summary>
    public double RecentAwardMax { get; init; } = -10;

    /// <summary>A county (县) without a national development zone: the proxy for a weaker county until evaluation data exists.</summary>
    public double WeakerCounty { get; init; } = 4;

    /// <summary>省财政直管县.</summary>
    public double FiscallyDirect { get; init; } = 4;

    /// <summary>革命老区.</summary>
    public double OldRevolutionaryBase { get; init; } = 4;

    /// <summary>Paired (强弱结对) with the first-contact county.</summary>
    public double PairingPartner { get; init; } = 4;

    /// <summary>Most balance points.</summary>
    public double BalanceMax { get; init; } = 10;

    /// <summary>Seat within 50 km of the first-contact county's seat; 100 km gets 60 %, 200 km 25 %.</summary>
    public double Proximity { get; init; } = 8;

    /// <summary>The county holds first contact (首谈).</summary>
    public double FirstContact { get; init; } = 15;

    /// <summary>
    /// How the chemical-park rule treats a county whose only chemical park is a likely one (化工园区待认定: a zone whose name
    /// or main industries say chemistry, not on the seeded list of recognised parks, not refuted by a coordinator): 1 admits
    /// it, with <see cref="ChemicalParkCandidate"/> points and a reason saying the park must be recognised before a new
    /// chemical project may land; 0 excludes it like any county without a recognised park. A recognised park (seeded list
    /// or a coordinator's flag) is not affected either way.
    /// </summary>
    public int ChemicalParkCandidates { get; init; } = 1;

    /// <summary>Points for a chemical project in a county admitted on a likely chemical park only (≤ 0: less certain than a recognised one).</summary>
    public double ChemicalParkCandidate { get; init; } = -10;

    /// <summary>Counties scoring at least this are put in the county's inbox when a project is published.</summary>
    public double InboxThreshold { get; init; } = 30;
}
