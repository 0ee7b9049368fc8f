using System.Text;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Industries;
using Matching.Domain.Parks;
using Matching.Domain.Projects;

namespace Matching.Domain.Fit;

/// <summary>
/// The one scoring model every search engine's candidates are re-ranked with. It scores a county for a
/// project factor by factor, each with its points and a reason in words, or excludes it and says why.
/// Pure and deterministic: the same project, county and snapshot always give the same score.
/// </summary>
public sealed partial class FitModel(MatchWeights weights, IndustryChains chains, IndustryCatalog industries, ChemicalParkRule? chemicalParks = null)
{
    private readonly ChemicalParkRule _chemical = chemicalParks ?? ChemicalParkRule.Default;

    /// <summary>The weights in force.</summary>
    public MatchWeights Weights => weights;

    /// <summary>The chemical-park rule in force.</summary>
    public ChemicalParkRule ChemicalParks => _chemical;

    /// <summary>Scores (or excludes) one county.</summary>
    /// <param name="project">The project.</param>
    /// <param name="candidate">The county with its parks.</param>
    /// <param name="snapshot">Every county (for neighbours) and recent awards.</param>
    /// <param name="explain">
    /// False to compute points only, leaving fit reasons empty: ranking thousands of counties then
    /// costs no text, and only the shown ones are explained. Exclusion reasons are always written.
    /// </param>
    /// <remarks>
    /// Industry fit is graded and never excludes by itself: a county without the project's industry scores
    /// 0 for it and may still rank on evidence, capacity and balance. Exclusions are real constraints, each
    /// naming its rule: land, 两高 energy, and new chemical projects outside a recognised chemical park.
    /// </remarks>
    public CountyAssessment Assess(ProjectDetails project, Candidate candidate, MatchingSnapshot snapshot, bool explain = true)
    {
        var county = candidate.County;
        var name = county.Reference.Name;
        var traits = snapshot.TraitsOf(candidate);
        List<string>? exclusions = null;

        // The park it would use: enough land, then the closest industry, then the most land.
        var park = BestPark(project, candidate.Parks);
        if (project.LandMu > 0 && park is null)
        {
            exclusions ??= [];
            exclusions.Add(candidate.Parks.Count == 0
                ? ReasonText.Start().Append("土地：本县没有登记园区，项目需 ").AppendAmount(project.LandMu, ReasonText.Mu).ToString()
                : ReasonText.Start().Append($"土地：最大园区 {Largest(candidate).Reference.Name} 可用 ").AppendAmount(candidate.MaxParkLandMu, ReasonText.Mu)
                    .AppendDeclared(Largest(candidate).Profile.AvailableLandMu, ReasonText.Mu).Append("，项目需 ").AppendAmount(project.LandMu, ReasonText.Mu).ToString());
        }

        var energyQuota = county.Profile.EnergyQuotaTce.InForce;
        if (project.HighEnergy && energyQuota < project.EnergyTce)
            (exclusions ??= []).Add(ReasonText.Start().Append("能耗：两高项目需 ").AppendAmount(project.EnergyTce, ReasonText.Tce)
                .Append("，本县剩余能耗指标 ").AppendAmount(energyQuota, ReasonText.Tce).Append("（两高项目须有能耗指标）").ToString());

        if (_chemical.Covering(project.IndustryCode) is { } covering && traits.ChemicalPark is null && !AdmitsCandidate(traits))
            (exclusions ??= []).Add(
                $"化工园区：{project.IndustryCode}（{Name(project.IndustryCode)}）属化工项目（{covering} {Name(covering)}），新建化工项目须进入认定的化工园区或专业化工园区，本县没有认定化工园区（规则：化工项目入园）");

        if (exclusions is not null) return new CountyAssessment(null, new Exclusion(county.Adcode, name, exclusions));

        var factors = new Tally(new List<FitFactor>(12));
        Factors(project, candidate, snapshot, traits, park, factors, explain);
        return new CountyAssessment(new FitScore(county.Adcode, name, park, Round(factors.Sum), factors.Factors!), null);
    }

    /// <summary>
    /// The total alone, or null when a hard constraint excludes the county: what ranking thousands of counties
    /// needs, with no reasons, factor list or score object. Equal to <see cref="Assess"/>'s score.
    /// </summary>
    public double? Score(ProjectDetails project, Candidate candidate, MatchingSnapshot snapshot)
    {
        var traits = snapshot.TraitsOf(candidate);
        var park = BestPark(project, candidate.Parks);
        if (project.LandMu > 0 && park is null) return null;
        if (project.HighEnergy && candidate.County.Profile.EnergyQuotaTce.InForce < project.EnergyTce) return null;
        if (traits.ChemicalPark is null && _chemical.Covering(project.IndustryCode) is not null && !AdmitsCandidate(traits)) return null;
        var factors = new Tally(null);
        Factors(project, candidate, snapshot, traits, park, factors, explain: false);
        return Round(factors.Sum);
    }

    private void Factors(ProjectDetails project, Candidate candidate, MatchingSnapshot snapshot, CandidateTraits traits, Park? park, Tally factors, bool explain)
    {
        var industry = BestIndustry(project, candidate, snapshot);
        factors.Add("industry", Round(industry?.Points ?? 0), explain ? IndustryReason(project.IndustryCode, industry) : string.Empty);
        Agglomeration(project, traits, snapshot.AsOfYear, factors, explain);
        Spillover(project, candidate, snapshot, factors, explain);
        Strength(project, traits, snapshot.AsOfYear, factors, explain);

        Capacity(project, candidate.County, park, factors, explain);
        if (park is not null && project.LandMu > 0) Yield(project, park, factors, explain);
        Chain(project, candidate, traits, factors, explain);
        Differentiation(project, candidate, snapshot, factors, explain);
        Balance(project, candidate, snapshot, factors, explain);
        Proximity(project, candidate, snapshot, factors, explain);
        if (project.FirstContactCounty == candidate.County.Adcode)
            factors.Add("firstContact", weights.FirstContact, explain ? $"首谈：本县是首谈地（+{weights.FirstContact:0.#} 分）" : string.Empty);
        ChemicalParkPending(project, traits, factors, explain);
    }

    /// <summary>What every county's score asks of the project, derived once per project rather than per county.</summary>
    /// <remarks><c>Related</c>: the distinct divisions along the chain (upstream and downstream), in that order.</remarks>
    private sealed record ProjectFacts(ProjectDetails Project, string Division, string Group, string[] Upstream, string[] Downstream, string[] Related);

    private ProjectFacts? _facts;

    private ProjectFacts Facts(ProjectDetails project)
    {
        // One entry suffices: a match scores every county for one project in a row. Swapped whole, so threads never see half of one.
        if (_facts is { } facts && ReferenceEquals(facts.Project, project)) return facts;
        var division = project.IndustryCode.Division!;
        var upstream = chains.UpstreamOf(division).Distinct().ToArray();
        var downstream = chains.DownstreamOf(division).Distinct().ToArray();
        facts = new ProjectFacts(project, division, project.IndustryCode.Group!, upstream, downstream, upstream.Union(downstream).ToArray());
        _facts = facts;
        return facts;
    }

    /// <summary>Adds up the factors; keeps them (with their reasons) only when a list is given.</summary>
    private sealed class Tally(List<FitFactor>? factors)
    {
        public List<FitFactor>? Factors => factors;

        public double Sum { get; private set; }

        public void Reset() => Sum = 0;

        public void Add(string name, double points, string reason)
        {
            Sum += points;
            factors?.Add(new FitFactor(name, points, reason));
        }
    }

    /// <summary>
    /// Only the hard checks (land, 两高 energy, chemical park): the reasons a county cannot take the
    /// project, or null when it could. Cheaper than <see cref="Assess"/> for counties that will not be ranked.
    /// </summary>
    public Exclusion? Exclude(ProjectDetails project, Candidate candidate, MatchingSnapshot? snapshot = null) =>
        (project.LandMu <= 0 || BestPark(project, candidate.Parks) is not null) &&
        !(project.HighEnergy && candidate.County.Profile.EnergyQuotaTce.InForce < project.EnergyTce) &&
        (_chemical.Covering(project.IndustryCode) is null || (snapshot ?? MatchingSnapshot.Empty).TraitsOf(candidate) is var traits && (traits.ChemicalPark is not null || AdmitsCandidate(traits)))
            ? null
            : Assess(project, candidate, snapshot ?? MatchingSnapshot.Empty, explain: false).Exclusion;

    /// <summary>
    /// The weight the model gives one evidence item for an industry at the given shared level (0 when it
    /// says nothing about that industry), aged against <paramref name="asOfYear"/>.
    /// </summary>
    public double Weigh(EvidenceItem item, IndustryLevel? level, int asOfYear)
    {
        var share = level switch
        {
            IndustryLevel.Class => 1,
            IndustryLevel.Group => weights.EvidenceGroupShare,
            IndustryLevel.Division => weights.EvidenceDivisionShare,
            _ => 0,
        };
        return Weigh(item, share, asOfYear);
    }

    /// <summary>
    /// The weight of an item that is evidence only for a division along the project's chain (a supplier or customer
    /// division): its kind's weight at <see cref="MatchWeights.EvidenceChainShare"/>, aged like any other.
    /// </summary>
    public double WeighAlongChain(EvidenceItem item, int asOfYear) => Weigh(item, weights.EvidenceChainShare, asOfYear);

    private double Weigh(EvidenceItem item, double share, int asOfYear)
    {
        var kind = item.Kind switch
        {
            EvidenceKind.ListedCompany => weights.EvidenceListedCompany,
            EvidenceKind.FeaturedCluster => weights.EvidenceFeaturedCluster,
            EvidenceKind.ZoneMainIndustry => weights.EvidenceZoneMainIndustry,
            EvidenceKind.ChemicalPark => weights.EvidenceChemicalPark,
            EvidenceKind.LogisticsHub => weights.EvidenceLogisticsHub,
            EvidenceKind.Roster => weights.EvidenceRoster,
            EvidenceKind.Award => weights.EvidenceAward,
            EvidenceKind.Declared => weights.EvidenceDeclared,
            _ => 0,
        };
        // A count (a roster's enterprises of one class) adds weight with diminishing returns: 1 → 1, 10 → 3.3, capped at 4.
        var count = item.Count is { } n && n > 1 ? Math.Min(4, 1 + Math.Log(n)) : 1;
        var declared = item.SelfDeclared && !item.Verified ? weights.EvidenceSelfDeclaredShare : 1;
        return kind * share * count * declared * Recency(item.Year, asOfYear);
    }

    private double Recency(int year, int asOfYear) =>
        asOfYear <= 0 || year >= asOfYear || weights.EvidenceHalfLifeYears <= 0 ? 1 : Math.Pow(0.5, (asOfYear - year) / weights.EvidenceHalfLifeYears);

    /// <summary>The deepest level an item shares with the project's class (its industries may be of any level).</summary>
    private static IndustryLevel? Shared(IndustryCode project, EvidenceItem item)
    {
        IndustryLevel? best = null;
        foreach (var code in item.Industries)
        {
            // An item naming a division (C36) is evidence for the division, not for one class inside it.
            var level = project.SharedLevel(code);
            if (level is null) continue;
            if (level > code.Level) level = code.Level;
            if (best is null || level > best) best = level;
        }

        return best;
    }

    /// <summary>Whether an item names a division along the project's chain.</summary>
    private static bool AlongChain(EvidenceItem item, string[] related)
    {
        foreach (var code in item.Industries)
            if (code.Division is { } d && Array.IndexOf(related, d) >= 0) return true;
        return false;
    }

    private void Agglomeration(ProjectDetails project, CandidateTraits traits, int asOfYear, Tally factors, bool explain)
    {
        var mass = 0d;
        var related = weights.EvidenceChainShare > 0 ? Facts(project).Related : [];
        List<(EvidenceItem Item, double Weight, bool Chain)>? used = explain ? [] : null;
        foreach (var item in traits.IndustryEvidence)
        {
            // Evidence for the project's own division (at its deepest shared level) first; else, at a share, for a division along its chain.
            var level = Shared(project.IndustryCode, item);
            var chain = level is not (>= IndustryLevel.Division) && related.Length > 0 && AlongChain(item, related);
            var weight = chain ? WeighAlongChain(item, asOfYear) : Weigh(item, level, asOfYear);
            if (weight <= 0) continue;
            mass += weight;
            used?.Add((item, weight, chain));
        }

        if (mass <= 0) return;
        var points = Round(weights.AgglomerationMax * (1 - Math.Exp(-mass / Math.Max(weights.AgglomerationScale, 0.01))));
        if (!explain)
        {
            factors.Add("agglomeration", points, string.Empty);
            return;
        }

        var text = ReasonText.Start().Append("产业集聚：");
        var first = true;
        foreach (var kind in KindsByWeight(used!))
            AppendEvidenceWords(text.AppendSeparated(ref first, "；"), kind, used!);
        var along = 0;
        foreach (var u in used!) if (u.Chain) along++;
        if (along > 0)
        {
            text.AppendSeparated(ref first, "；").Append("产业链上下游大类 ");
            AppendChainDivisions(text, used!, related);
            text.Append($" 的证据 {along} 项（");
            AppendNames(text, used!, null, 3, chain: true);
            text.Append($"，按 {100 * weights.EvidenceChainShare:0}% 计）");
        }

        factors.Add("agglomeration", points, text.Append($"（证据权重 {mass:0.##}，+{points:0.#} 分，满分 {weights.AgglomerationMax:0.#} 分）").ToString());
    }

    /// <summary>The kinds of the items used for the project's own industry, heaviest first (ties in the order first used).</summary>
    private static List<EvidenceKind> KindsByWeight(List<(EvidenceItem Item, double Weight, bool Chain)> used)
    {
        var kinds = new List<EvidenceKind>(4);
        var sums = new List<double>(4);
        foreach (var (item, weight, chain) in used)
        {
            if (chain) continue;
            var k = kinds.IndexOf(item.Kind);
            if (k < 0)
            {
                kinds.Add(item.Kind);
                sums.Add(0);
                k = kinds.Count - 1;
            }

            sums[k] += weight;
        }

        // A stable insertion sort, descending: the kinds are few.
        for (var i = 1; i < kinds.Count; i++)
        for (var j = i; j > 0 && sums[j] > sums[j - 1]; j--)
        {
            (sums[j], sums[j - 1]) = (sums[j - 1], sums[j]);
            (kinds[j], kinds[j - 1]) = (kinds[j - 1], kinds[j]);
        }

        return kinds;
    }

    /// <summary>What the items of one kind (used for the project's own industry) say, in words.</summary>
    private static void AppendEvidenceWords(StringBuilder text, EvidenceKind kind, List<(EvidenceItem Item, double Weight, bool Chain)> used)
    {
        var (count, units, pending, year) = (0, 0, 0, 0);
        foreach (var (item, _, chain) in used)
        {
            if (chain || item.Kind != kind) continue;
            if (count == 0) year = item.Year;
            count++;
            units += item.Count ?? 1;
            if (item.SelfDeclared && !item.Verified) pending++;
        }

        switch (kind)
        {
            case EvidenceKind.ListedCompany:
                AppendNames(text.Append($"{count} 家本行业上市公司（"), used, kind, 3).Append('）');
                break;
            case EvidenceKind.FeaturedCluster:
                text.Append("省级特色产业集群 ");
                var first = true;
                foreach (var (item, _, chain) in used)
                    if (!chain && item.Kind == kind) text.AppendSeparated(ref first, "、").Append($"{item.Subject}（{item.Year}）");
                break;
            case EvidenceKind.ZoneMainIndustry:
                AppendNames(text.Append("开发区主导产业："), used, kind, 2);
                break;
            case EvidenceKind.ChemicalPark:
                AppendNames(text.Append("认定化工园区 "), used, kind, 2);
                break;
            case EvidenceKind.LogisticsHub:
                text.Append($"所在市为国家物流枢纽承载城市（{year}，城市级）");
                break;
            case EvidenceKind.Roster:
                AppendSelfDeclaredNote(text.Append($"企业名录中 {units} 家本行业企业"), pending, count);
                break;
            case EvidenceKind.Declared:
                AppendSelfDeclaredNote(AppendNames(text.Append("本县申报："), used, kind, 2), pending, count);
                break;
            case EvidenceKind.Award:
                text.Append($"平台上已落地或获统筹 {count} 个本行业项目");
                break;
            default:
                AppendNames(text, used, kind, 2);
                break;
        }
    }

    /// <summary>The first <paramref name="most"/> names of the items of a kind (or those along the chain), then " 等" when there are more.</summary>
    private static StringBuilder AppendNames(StringBuilder text, List<(EvidenceItem Item, double Weight, bool Chain)> used, EvidenceKind? kind, int most, bool chain = false)
    {
        var (shown, first) = (0, true);
        foreach (var u in used)
        {
            if (u.Chain != chain || (kind is { } k && u.Item.Kind != k)) continue;
            if (shown == most) return text.Append(" 等");
            text.AppendSeparated(ref first, "、").Append(u.Item.Subject ?? u.Item.Statement);
            shown++;
        }

        return text;
    }

    /// <summary>The distinct divisions along the chain that the chain items name, in ordinal order.</summary>
    private static void AppendChainDivisions(StringBuilder text, List<(EvidenceItem Item, double Weight, bool Chain)> used, string[] related)
    {
        var divisions = new List<string>(4);
        foreach (var (item, _, chain) in used)
        {
            if (!chain) continue;
            foreach (var code in item.Industries)
                if (code.Division is { } d && Array.IndexOf(related, d) >= 0 && !divisions.Contains(d)) divisions.Add(d);
        }

        divisions.Sort(StringComparer.Ordinal);
        var first = true;
        foreach (var d in divisions) text.AppendSeparated(ref first, "、").Append(d);
    }

    private static StringBuilder AppendSelfDeclaredNote(StringBuilder text, int pending, int count) =>
        pending == 0 ? text.Append("（已核实）") : pending == count ? text.Append("（自报，未核实）") : text.Append($"（其中 {pending} 条自报未核实）");

    /// <summary>The economic-strength points of a county for a large project or a smaller one (0 when none); the same for every project of that size.</summary>
    internal double StrengthPoints(CandidateTraits traits, int asOfYear, bool large)
    {
        var top = traits.Strength is { Rank: { } rank } listing
            ? Math.Clamp(1 - (rank - 1) / 200.0, 0.5, 1) * Recency(listing.Year, asOfYear)
            : 0;
        var listed = weights.ListedCompaniesForStrength > 0
            ? 0.8 * Math.Min(1, traits.ListedCompanies / weights.ListedCompaniesForStrength)
            : 0;
        var share = Math.Max(Math.Max(top, listed), ZoneShare(traits));
        if (share <= 0) return 0;
        var points = Round(weights.EconomicStrength * share * (large ? 1 : 0.5));
        return points > 0 ? points : 0;
    }

    /// <summary>The share of economic strength the county's highest development zone gives (national or provincial), 0 without one.</summary>
    private double ZoneShare(CandidateTraits traits) => traits.Zone?.Level switch
    {
        ParkLevel.National => weights.StrengthNationalZone,
        ParkLevel.Provincial => weights.StrengthProvincialZone,
        _ => 0,
    };

    private void Strength(ProjectDetails project, CandidateTraits traits, int asOfYear, Tally factors, bool explain)
    {
        var large = (double)project.Investment >= weights.LargeProjectInvestment;
        var points = StrengthPoints(traits, asOfYear, large);
        if (points <= 0) return;
        if (!explain)
        {
            factors.Add("strength", points, string.Empty);
            return;
        }

        var text = ReasonText.Start().Append("经济实力：");
        var first = true;
        if (traits.Strength is { } s) text.AppendSeparated(ref first, "，").Append($"{s.Source} 第 {s.Rank} 位（{s.Year}）");
        if (traits.ListedCompanies > 0) text.AppendSeparated(ref first, "，").Append($"注册上市公司 {traits.ListedCompanies} 家");
        if (ZoneShare(traits) > 0)
            text.AppendSeparated(ref first, "，").Append($"{(traits.Zone!.Level == ParkLevel.National ? "国家级" : "省级")}开发区 {traits.Zone.Name}（计满分的 {100 * ZoneShare(traits):0}%）");
        if (large) text.Append($"；项目投资 {project.Investment:#,0} 万元，按大项目全额计");
        else text.Append($"；项目投资 {project.Investment:#,0} 万元（不足 {weights.LargeProjectInvestment:#,0} 万元，按一半计）");
        factors.Add("strength", points, text.Append($"（+{points:0.#} 分，满分 {weights.EconomicStrength:0.#} 分）").ToString());
    }

    /// <summary>Scores every county of the snapshot given; fits best first (ties by adcode), exclusions by adcode.</summary>
    public (IReadOnlyList<FitScore> Fits, IReadOnlyList<Exclusion> Excluded) Rank(ProjectDetails project, IEnumerable<Candidate> candidates, MatchingSnapshot snapshot, bool explain = true)
    {
        var fits = new List<FitScore>();
        var excluded = new List<Exclusion>();
        foreach (var candidate in candidates)
        {
            var assessment = Assess(project, candidate, snapshot, explain);
            if (assessment.Fit is { } fit) fits.Add(fit);
            else excluded.Add(assessment.Exclusion!);
        }

        return (
            fits.OrderByDescending(f => f.Score).ThenBy(f => f.Adcode, StringComparer.Ordinal).ToArray(),
            excluded.OrderBy(e => e.Adcode, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The best industry overlap: its points, level, the matched code and where it was found (a featured industry's
    /// label, or a park); <c>Chain</c> when the points come from a division along the project's chain.
    /// </summary>
    private sealed record IndustryMatch(double Points, IndustryLevel Level, IndustryCode Code, FeaturedIndustry? Featured, Park? Park, bool Chain = false);

    private IndustryMatch? BestIndustry(ProjectDetails project, Candidate candidate, MatchingSnapshot snapshot)
    {
        var code = project.IndustryCode;
        var related = weights.IndustryChain > 0 ? Facts(project).Related : [];
        var index = weights.IndustryCommonness > 0 ? snapshot.IndexFor(weights.ParkIndustryStrength) : null;
        IndustryMatch? best = null;
        void Offer(IndustryCode other, int strength, FeaturedIndustry? featured, Park? park)
        {
            // Closeness runs class > group > division > a division along the chain > section; the closest that scores most wins.
            if (code.SharedLevel(other) is { } level)
            {
                var points = LevelWeight(level) * Specificity(index, code, level) * strength / 5.0;
                if (best is null || points > best.Points) best = new IndustryMatch(points, level, other, featured, park);
            }

            if (related.Length > 0 && other.Division is { } division && Array.IndexOf(related, division) >= 0)
            {
                var points = weights.IndustryChain * Specificity(index, division) * strength / 5.0;
                if (best is null || points > best.Points) best = new IndustryMatch(points, IndustryLevel.Division, other, featured, park, Chain: true);
            }
        }

        foreach (var featured in candidate.County.Profile.FeaturedIndustries) Offer(featured.Code, featured.Strength, featured, null);
        foreach (var park in candidate.Parks)
        foreach (var main in park.Profile.MainIndustries) Offer(main, weights.ParkIndustryStrength, null, park);
        return best;
    }

    /// <summary>
    /// The share of an industry match's points left after <see cref="MatchWeights.IndustryCommonness"/>: 1 less the
    /// commonness times the share of counties featuring the project's code at that level (at least 0); 1 when off.
    /// </summary>
    private double Specificity(IndustryIndex? index, IndustryCode project, IndustryLevel level)
    {
        if (index is null || index.Count == 0) return 1;
        var counties = level switch
        {
            IndustryLevel.Class => index.CountiesUnder(project.Class!),
            IndustryLevel.Group => index.CountiesUnder(project.Group!),
            IndustryLevel.Division => index.CountiesUnder(project.Division!),
            _ => index.CountiesInSection(project.Section),
        };
        return Math.Max(0, 1 - weights.IndustryCommonness * counties / index.Count);
    }

    /// <summary>The same for a division along the project's chain.</summary>
    private double Specificity(IndustryIndex? index, string division) =>
        index is null || index.Count == 0 ? 1 : Math.Max(0, 1 - weights.IndustryCommonness * index.CountiesUnder(division) / index.Count);

    private string IndustryReason(IndustryCode project, IndustryMatch? match)
    {
        var text = ReasonText.Start();
        if (match is null)
            return text.Append($"行业：本县特色产业和园区主导产业都不属于门类 {project.Section}（{Name(IndustryCode.Parse(project.Section.ToString()))}），也不在其产业链上下游，契合度 0/100（+0 分）").ToString();
        text.Append($"行业：项目{LevelWord(IndustryLevel.Class)} {project}（{Name(project)}）与");
        if (match.Featured is { } featured) text.Append($"本县特色产业“{featured.Label}”");
        else text.Append(match.Park!.Reference.Name).Append("主导产业");
        text.Append($" {match.Code}（{Name(match.Code)}）");
        if (match.Chain) text.Append($"处于产业链上下游（大类 {project.Division} 与 {match.Code.Division}）");
        else text.Append("同属").Append(LevelWord(match.Level));
        var fit = weights.IndustryClass > 0 ? Math.Round(100 * match.Points / weights.IndustryClass) : 0;
        return text.Append($"，契合度 {fit:0}/100（+{Round(match.Points):0.#} 分）").ToString();
    }

    // A plain loop: this runs for every county of every match.
    private static Park? BestPark(ProjectDetails project, IReadOnlyList<Park> parks)
    {
        Park? best = null;
        var bestLevel = 0;
        foreach (var park in parks)
        {
            var land = park.Profile.AvailableLandMu.InForce;
            if (land < project.LandMu) continue;
            var level = 0;
            foreach (var code in park.Profile.MainIndustries)
                level = Math.Max(level, (int)(project.IndustryCode.SharedLevel(code) ?? 0));
            if (best is null || level > bestLevel ||
                (level == bestLevel && (land > best.Profile.AvailableLandMu.InForce ||
                    (land == best.Profile.AvailableLandMu.InForce && string.CompareOrdinal(park.Id, best.Id) < 0))))
                (best, bestLevel) = (park, level);
        }

        return best;
    }

    private void Capacity(ProjectDetails project, County county, Park? park, Tally factors, bool explain)
    {
        if (park is not null && project.LandMu > 0)
        {
            var land = park.Profile.AvailableLandMu.InForce;
            var points = land >= 2 * project.LandMu ? 2 * weights.LandHeadroom : weights.LandHeadroom;
            factors.Add("land", points, explain
                ? ReasonText.Start().Append($"土地：{park.Reference.Name} 可用 ").AppendAmount(land, ReasonText.Mu).AppendDeclared(park.Profile.AvailableLandMu, ReasonText.Mu)
                    .Append("，项目需 ").AppendAmount(project.LandMu, ReasonText.Mu).Append($"（+{points:0.#} 分）").ToString()
                : string.Empty);
        }

        var quota = county.Profile.LandQuotaMu.InForce;
        if (project.LandMu > quota)
            factors.Add("landQuota", weights.LandQuotaShort,
                explain
                    ? ReasonText.Start().Append("土地指标：本县剩余用地指标 ").AppendAmount(quota, ReasonText.Mu).AppendDeclared(county.Profile.LandQuotaMu, ReasonText.Mu)
                        .Append("，少于项目所需 ").AppendAmount(project.LandMu, ReasonText.Mu).Append($"，需省级统筹调剂（{weights.LandQuotaShort:0.#} 分）").ToString()
                    : string.Empty);

        var energy = county.Profile.EnergyQuotaTce.InForce;
        if (project.HighEnergy)
            factors.Add("energy", 0, explain
                ? ReasonText.Start().Append("能耗：两高项目需 ").AppendAmount(project.EnergyTce, ReasonText.Tce).Append("，本县剩余 ").AppendAmount(energy, ReasonText.Tce)
                    .AppendDeclared(county.Profile.EnergyQuotaTce, ReasonText.Tce).Append("，可以容纳").ToString()
                : string.Empty);
        else if (project.EnergyTce > energy)
            factors.Add("energy", weights.EnergyQuotaShort,
                explain
                    ? ReasonText.Start().Append("能耗：项目需 ").AppendAmount(project.EnergyTce, ReasonText.Tce).Append("，超过本县剩余能耗指标 ").AppendAmount(energy, ReasonText.Tce)
                        .AppendDeclared(county.Profile.EnergyQuotaTce, ReasonText.Tce).Append($"（{weights.EnergyQuotaShort:0.#} 分）").ToString()
                    : string.Empty);
    }

    private void Yield(ProjectDetails project, Park park, Tally factors, bool explain)
    {
        void Compare(string name, string label, decimal perMu, decimal benchmark, string unit)
        {
            if (benchmark <= 0) return;
            var text = explain ? ReasonText.Start().Append($"{label}：项目 {perMu:0.#} {unit}，{park.Reference.Name}基准 {benchmark:0.#} {unit}") : null;
            if (perMu >= benchmark)
                factors.Add(name, weights.YieldAbove, text?.Append($"，达到基准（+{weights.YieldAbove:0.#} 分）").ToString() ?? string.Empty);
            else if (perMu < benchmark / 2)
                factors.Add(name, weights.YieldBelow, text?.Append($"，不足一半（{weights.YieldBelow:0.#} 分）").ToString() ?? string.Empty);
            else
                factors.Add(name, 0, text?.Append("，略低于基准").ToString() ?? string.Empty);
        }

        Compare("investmentPerMu", "亩均投资", project.Investment / project.LandMu, park.Profile.InvestmentPerMu.Value, "万元/亩");
        Compare("taxPerMu", "亩均税收", project.ExpectedTax / project.LandMu, park.Profile.TaxPerMu.Value, "万元/亩·年");
    }

    private void Chain(ProjectDetails project, Candidate candidate, CandidateTraits traits, Tally factors, bool explain)
    {
        var facts = Facts(project);
        var links = 0;
        foreach (var d in facts.Upstream) if (traits.Divisions.Contains(d)) links++;
        foreach (var d in facts.Downstream) if (traits.Divisions.Contains(d)) links++;
        if (links == 0) return;
        var points = Math.Min(weights.ChainMax, links * weights.ChainLink);
        if (!explain)
        {
            factors.Add("chain", points, string.Empty);
            return;
        }

        var text = ReasonText.Start().Append("产业链：本县已有");
        var first = true;
        AppendLinks(text, "上游 ", facts.Upstream, traits, ref first);
        AppendLinks(text, "下游 ", facts.Downstream, traits, ref first);
        factors.Add("chain", points, text.Append($"（+{points:0.#} 分）").ToString());
    }

    /// <summary>The divisions of one side of the chain the county has, in order, each with its name (nothing when it has none).</summary>
    private void AppendLinks(StringBuilder text, string side, string[] divisions, CandidateTraits traits, ref bool first)
    {
        // The chain's divisions are distinct already; sorted as the default string order sorts them.
        var had = new List<string>(divisions.Length);
        foreach (var d in divisions) if (traits.Divisions.Contains(d)) had.Add(d);
        if (had.Count == 0) return;
        had.Sort(Comparer<string>.Default);
        text.AppendSeparated(ref first, "，").Append(side);
        var next = true;
        foreach (var d in had) text.AppendSeparated(ref next, "、").Append($"{d}（{Name(IndustryCode.Parse(d))}）");
    }

    private void Differentiation(ProjectDetails project, Candidate candidate, MatchingSnapshot snapshot, Tally factors, bool explain)
    {
        // Loops rather than LINQ: this runs for every county of every match.
        var facts = Facts(project);
        var group = facts.Group;
        var crowdedCount = 0;
        foreach (var neighbour in snapshot.NeighboursOf(candidate))
        {
            if (snapshot.TraitsOf(neighbour).StrongGroups.Contains(group)) crowdedCount++;
        }

        if (crowdedCount > 0)
        {
            var points = Math.Max(weights.CrowdingMax, crowdedCount * weights.NeighbourCrowding);
            var reason = string.Empty;
            if (explain)
            {
                var names = new List<string>(crowdedCount);
                foreach (var adcode in candidate.County.Reference.Neighbours)
                    if (snapshot.Find(adcode) is { } n && snapshot.TraitsOf(n).StrongGroups.Contains(group)) names.Add(n.County.Reference.Name);
                names.Sort(StringComparer.Ordinal);
                var text = ReasonText.Start().Append("错位发展：相邻的");
                var first = true;
                foreach (var n in names) text.AppendSeparated(ref first, "、").Append(n);
                var code = IndustryCode.Parse(group);
                reason = text.Append($"已以 {code}（{Name(code)}）为主导产业（{points:0.#} 分）").ToString();
            }

            factors.Add("crowding", points, reason);
        }

        var division = facts.Division;
        var awards = 0;
        if (snapshot.HasAwards)
        {
            foreach (var award in snapshot.AwardsTo(candidate.Adcode))
                if (award.Industry.Division == division) awards++;
        }

        if (awards > 0)
        {
            var points = Math.Max(weights.RecentAwardMax, awards * weights.RecentAward);
            factors.Add("recentAwards", points,
                explain ? $"错位发展：本县近期已获统筹 {awards} 个 {division}（{Name(IndustryCode.Parse(division))}）项目（{points:0.#} 分）" : string.Empty);
        }
    }

    private void Balance(ProjectDetails project, Candidate candidate, MatchingSnapshot snapshot, Tally factors, bool explain)
    {
        var profile = candidate.County.Profile;
        var weaker = candidate.County.Reference.Kind == CountyKind.County;
        foreach (var park in candidate.Parks)
            if (park.Reference.Level == ParkLevel.National) weaker = false;
        var paired = project.FirstContactCounty is { } first && first != candidate.Adcode &&
            (profile.PairingPartners.Contains(first) || snapshot.Find(first)?.County.Profile.PairingPartners.Contains(candidate.Adcode) == true);

        var sum = (weaker ? weights.WeakerCounty : 0)
            + (profile.FiscallyDirect.InForce ? weights.FiscallyDirect : 0)
            + (profile.OldRevolutionaryBase.InForce ? weights.OldRevolutionaryBase : 0)
            + (paired ? weights.PairingPartner : 0);
        if (!(weaker || profile.FiscallyDirect.InForce || profile.OldRevolutionaryBase.InForce || paired)) return;

        var points = Math.Min(weights.BalanceMax, sum);
        var reason = string.Empty;
        if (explain)
        {
            var text = ReasonText.Start().Append("均衡发展：");
            var lead = true;
            if (weaker) text.AppendSeparated(ref lead, "，").Append("县域且无国家级开发区");
            if (profile.FiscallyDirect.InForce) text.AppendSeparated(ref lead, "，").Append("省财政直管县").Append(Checked(profile.FiscallyDirect));
            if (profile.OldRevolutionaryBase.InForce) text.AppendSeparated(ref lead, "，").Append("革命老区").Append(Checked(profile.OldRevolutionaryBase));
            if (paired) text.AppendSeparated(ref lead, "，").Append($"与首谈地{snapshot.Find(project.FirstContactCounty)?.County.Reference.Name ?? project.FirstContactCounty}结对");
            reason = text.Append($"（+{points:0.#} 分）").ToString();
        }

        factors.Add("balance", points, reason);
    }

    private void Proximity(ProjectDetails project, Candidate candidate, MatchingSnapshot snapshot, Tally factors, bool explain)
    {
        if (project.FirstContactCounty is not { } first || first == candidate.Adcode || snapshot.Find(first) is not { } origin) return;
        var km = candidate.County.Reference.Seat.DistanceKm(origin.County.Reference.Seat);
        var share = km <= 50 ? 1 : km <= 100 ? 0.6 : km <= 200 ? 0.25 : 0;
        var points = Round(weights.Proximity * share);
        factors.Add("proximity", points,
            explain ? $"区位：距首谈地{origin.County.Reference.Name}约 {km:0} 公里（{(points > 0 ? "+" : "")}{points:0.#} 分）" : string.Empty);
    }

    private static string Checked(Flag flag) =>
        flag.Source == FigureSource.County && !flag.SelfDeclared ? "（县申报，已核实）" : flag.Source == FigureSource.Reference ? "（名单）" : string.Empty;

    private double LevelWeight(IndustryLevel level) => level switch
    {
        IndustryLevel.Class => weights.IndustryClass,
        IndustryLevel.Group => weights.IndustryGroup,
        IndustryLevel.Division => weights.IndustryDivision,
        _ => weights.IndustrySection,
    };

    private static string LevelWord(IndustryLevel level) => level switch
    {
        IndustryLevel.Class => "小类",
        IndustryLevel.Group => "中类",
        IndustryLevel.Division => "大类",
        _ => "门类",
    };

    private string Name(IndustryCode code) => industries.Find(code)?.Name ?? code.Value;

    private static Park Largest(Candidate candidate) => candidate.Parks.MaxBy(p => p.Profile.AvailableLandMu.InForce)!;

    private static double Round(double points) => Math.Round(points, 1, MidpointRounding.AwayFromZero);
}
