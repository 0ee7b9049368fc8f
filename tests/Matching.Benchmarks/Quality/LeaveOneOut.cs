using System.Globalization;
using System.Runtime.InteropServices;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Seeds;

namespace Matching.Benchmarks.Quality;

/// <summary>
/// Ranking quality by leave-one-out on two proxies: Shandong's listed companies with a known county (hide one
/// company's evidence, rank the 136 counties for a project in its division, see where its county lands) and the
/// development zones' 主导产业 (hide one zone, rank for its first industry, see where its county lands). Prints
/// hit@1/5/10 and MRR for the naive baselines, the previous model and the model, in-sample and k-fold
/// cross-validated (weights fitted by <see cref="WeightCalibration"/> on k−1 folds, measured on the held-out fold).
/// </summary>
/// <remarks>
/// The project stands for "a firm of this industry looking for a county": the industry's first GB/T class,
/// 100,000 万元, no land or energy need (capacity would otherwise decide for parks-less districts, which says
/// nothing about where the industry is), no first contact. Ties count at their expected position
/// (strictly better + half the ties), so no ranker gains from the adcode tie-break. An excluded county is a miss.
/// </remarks>
internal static class LeaveOneOut
{
    /// <summary>A way of scoring a county for a case (null: excluded); higher is better.</summary>
    private delegate double? Scorer(LabelledCase c, Candidate county, MatchingSnapshot snapshot);

    private const int Folds = 5;

    /// <param name="args">
    /// Weights to try instead of the defaults, as <c>Name=value</c> (e.g. <c>BalanceMax=0</c>); <c>--no-cv</c> skips
    /// cross-validation; <c>--previous</c> also fits the previous model (in-sample and cross-validated: twice the time);
    /// <c>--proxy listed</c> or <c>--proxy zones</c> measures one proxy only.
    /// </param>
    public static void Run(IEnumerable<string> args)
    {
        var options = args.ToArray();
        var seeds = ShandongSeeds.Load(ShandongSeeds.DefaultPath);
        var industries = seeds.Province.Industries;
        var weights = new MatchWeights();
        foreach (var pair in options.Where(o => o.Contains('=')))
        {
            var (name, value) = (pair.Split('=')[0], double.Parse(pair.Split('=')[1], CultureInfo.InvariantCulture));
            weights = WeightCalibration.Set(weights, name, value);
        }

        var crossValidate = !options.Contains("--no-cv");
        var fitPrevious = options.Contains("--previous");
        var proxyAt = Array.IndexOf(options, "--proxy");
        var proxy = proxyAt >= 0 && proxyAt + 1 < options.Length ? options[proxyAt + 1] : null;
        FitModel ModelOf(MatchWeights w) => new(w, seeds.Chains, industries, seeds.ChemicalParks);
        var candidates = seeds.InitialCandidates(DateTimeOffset.UnixEpoch);
        var snapshot = new MatchingSnapshot(candidates, []);

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();

        var listed = ListedCases(seeds, snapshot, industries);
        if (options.Contains("--analyse"))
        {
            FailureAnalysis.Run("listed companies", listed, ModelOf(weights), options.Contains("--cases"));
            FailureAnalysis.Run("development zones' 主导产业", ZoneCases.Of(seeds, snapshot, industries), ModelOf(weights), options.Contains("--cases"));
            return;
        }

        if (proxy is null or "listed")
        {
            Console.WriteLine($"## Listed companies: {listed.Length} with a county ({seeds.ListedCompanies.Count(c => c.CountyAdcode is not null && c.Basis.StartsWith("zone:", StringComparison.Ordinal))} placed through the zone table, {seeds.ListedCompanies.Count(c => c.CountyAdcode is not null && c.Basis.StartsWith("zone-point:", StringComparison.Ordinal))} through a zone's geocoded point), {snapshot.All.Count} counties, {listed.Select(c => c.Project.IndustryCode.Division).Distinct().Count()} divisions");
            // The cases placed by address or the catalogue's zones, apart: the set the earlier rounds measured, so that
            // before and after compare on the same cases (the cases placed by a zone's point are new to the benchmark).
            var placed = seeds.ListedCompanies.Where(c => c.CountyAdcode is not null).ToArray();
            var earlier = Enumerable.Range(0, placed.Length).Where(i => !placed[i].Basis.StartsWith("zone-point:", StringComparison.Ordinal)).ToArray();
            Report(listed, snapshot, weights, ModelOf, seeds, crossValidate, fitPrevious, earlier.Length < listed.Length ? ("placed by address or the catalogue's zones", earlier) : null);
        }

        if (proxy is "listed" or "zones") Console.WriteLine($"(--proxy {proxy}: the other proxy is not measured)");
        if (proxy is "listed") return;

        var zones = ZoneCases.Of(seeds, snapshot, industries);
        Console.WriteLine();
        Console.WriteLine($"## Development zones' 主导产业: {zones.Length} placed zones with a mapped first industry, each hidden in turn (its park, featured industries and evidence), {zones.Select(c => c.Adcode).Distinct().Count()} counties");
        Report(zones, snapshot, weights, ModelOf, seeds, crossValidate, fitPrevious);
    }

    private static void Report(LabelledCase[] cases, MatchingSnapshot snapshot, MatchWeights weights, Func<MatchWeights, FitModel> modelOf, ShandongSeeds seeds, bool crossValidate, bool fitPrevious, (string Name, int[] Cases)? view = null)
    {
        var model = modelOf(weights);
        var previousWeights = Previous(weights);
        var previous = modelOf(previousWeights);
        var n = snapshot.All.Count;

        var rows = new List<(string Name, double?[] Ranks)>
        {
            ("shared words: zones' 主导产业 and the industry's name (two-character words)", Ranks(cases, (c, f, _) => SharedWords.Score(c.Project.IndustryCode, f, seeds.Province.Industries))),
            ("top-100 county alone (member or not)", Ranks(cases, (_, f, s) => s.TraitsOf(f).Strength is null ? 0 : 1)),
            ("evidence count alone (same-division listed companies left)", Ranks(cases, (c, f, s) =>
                s.TraitsOf(f).IndustryEvidence.Count(e => e.Kind == EvidenceKind.ListedCompany && e.Industries.Any(i => i.Division == c.Project.IndustryCode.Division)))),
            ("previous model (main on 2026-12-02: evidence, graded industry), default weights", WeightCalibration.Ranks(cases, snapshot, previous)),
            ("**model**, default weights", WeightCalibration.Ranks(cases, snapshot, model)),
            ("model without industry nearby (SpilloverMax=0: this round's baseline)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { SpilloverMax = 0 }))),
            ("model with industry nearby from neighbours only (SpilloverPrefectureShare=0)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { SpilloverPrefectureShare = 0 }))),
            ("model with industry nearby from the prefecture only (SpilloverNeighbourShare=0)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { SpilloverNeighbourShare = 0 }))),
            ("model without likely chemical parks (ChemicalParkCandidates=0: this round's baseline)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { ChemicalParkCandidates = 0 }))),
            ("model with likely chemical parks at 0 points (ChemicalParkCandidate=0)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { ChemicalParkCandidate = 0 }))),
            ("model with likely chemical parks at -5 points (ChemicalParkCandidate=-5)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { ChemicalParkCandidate = -5 }))),
            ("model with likely chemical parks at -20 points (ChemicalParkCandidate=-20)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { ChemicalParkCandidate = -20 }))),
            ("model, chemical-park rule off", WeightCalibration.Ranks(cases, snapshot, new FitModel(weights, seeds.Chains, seeds.Province.Industries, ChemicalParkRule.None))),
            ("model without chain closeness (IndustryChain=0)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { IndustryChain = 0 }))),
            ("model without chain evidence (EvidenceChainShare=0)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { EvidenceChainShare = 0 }))),
            ("model without zone strength (StrengthNationalZone=0, StrengthProvincialZone=0)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { StrengthNationalZone = 0, StrengthProvincialZone = 0 }))),
            ("model with common industries discounted (IndustryCommonness=0.5)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { IndustryCommonness = 0.5 }))),
            ("model with common industries discounted and strength doubled (IndustryCommonness=0.5, EconomicStrength=20)", WeightCalibration.Ranks(cases, snapshot, modelOf(weights with { IndustryCommonness = 0.5, EconomicStrength = 2 * weights.EconomicStrength }))),
        };

        if (crossValidate && fitPrevious)
        {
            rows.Add(($"previous model, weights fitted in-sample (all cases)", Fitted(cases, cases, snapshot, previousWeights, modelOf, WeightCalibration.TunableBefore)));
            rows.Add(($"previous model, {Folds}-fold cross-validated", CrossValidated(cases, snapshot, previousWeights, modelOf, WeightCalibration.TunableBefore)));
        }

        if (crossValidate)
        {
            rows.Add(($"model, weights fitted in-sample (all cases)", Fitted(cases, cases, snapshot, weights, modelOf, WeightCalibration.Tunable, print: true)));
            rows.Add(($"**model, {Folds}-fold cross-validated**", CrossValidated(cases, snapshot, weights, modelOf, WeightCalibration.Tunable)));
        }

        Console.WriteLine();
        Console.WriteLine("| ranker | hit@1 | hit@5 | hit@10 | MRR | excluded |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var harmonic = Enumerable.Range(1, n).Sum(i => 1.0 / i);
        Console.WriteLine($"| random order of the {n} counties (expected) | {100.0 / n:0.0} % | {500.0 / n:0.0} % | {1000.0 / n:0.0} % | {harmonic / n:0.000} | 0 |");
        foreach (var (name, ranks) in rows)
        {
            double Hit(int k) => 100.0 * ranks.Count(r => r is { } x && x <= k) / ranks.Length;
            var mrr = ranks.Sum(r => r is { } x ? 1 / x : 0) / ranks.Length;
            Console.WriteLine($"| {name} | {Hit(1):0.0} % | {Hit(5):0.0} % | {Hit(10):0.0} % | {mrr:0.000} | {ranks.Count(r => r is null)} |");
        }

        if (view is { } v)
        {
            Console.WriteLine();
            Console.WriteLine($"The same ranks, only the {v.Cases.Length} cases {v.Name}:");
            Console.WriteLine();
            Console.WriteLine("| ranker | hit@1 | hit@5 | hit@10 | MRR | excluded |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var (name, ranks) in rows)
            {
                double Hit(int k) => 100.0 * v.Cases.Count(i => ranks[i] is { } x && x <= k) / v.Cases.Length;
                var mrr = v.Cases.Sum(i => ranks[i] is { } x ? 1 / x : 0) / v.Cases.Length;
                Console.WriteLine($"| {name} | {Hit(1):0.0} % | {Hit(5):0.0} % | {Hit(10):0.0} % | {mrr:0.000} | {v.Cases.Count(i => ranks[i] is null)} |");
            }
        }

        // A held-apart view of the same ranks: the cases of odd and even prefectures (adcode digits 3-4) apart, so that a
        // setting chosen on one half can be read on the other.
        var odd = Enumerable.Range(0, cases.Length).Where(i => int.Parse(cases[i].Adcode.AsSpan(2, 2), CultureInfo.InvariantCulture) % 2 == 1).ToArray();
        var even = Enumerable.Range(0, cases.Length).Except(odd).ToArray();
        Console.WriteLine();
        Console.WriteLine($"| ranker (default weights unless said) | odd prefectures ({odd.Length} cases): hit@10 | MRR | even prefectures ({even.Length}): hit@10 | MRR |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, ranks) in rows.Where(r => r.Name.StartsWith("**model**", StringComparison.Ordinal) || r.Name.Contains("industry nearby", StringComparison.Ordinal) || r.Name.Contains("chemical park", StringComparison.Ordinal)))
        {
            double Hit10(int[] idx) => 100.0 * idx.Count(i => ranks[i] is { } x && x <= 10) / idx.Length;
            double Mrr(int[] idx) => idx.Sum(i => ranks[i] is { } x ? 1 / x : 0) / idx.Length;
            Console.WriteLine($"| {name} | {Hit10(odd):0.0} % | {Mrr(odd):0.000} | {Hit10(even):0.0} % | {Mrr(even):0.000} |");
        }
    }

    /// <summary>
    /// The model as it was on main before this change: the new factors off (weight 0), every other weight as given.
    /// </summary>
    internal static MatchWeights Previous(MatchWeights weights) => weights with
    {
        IndustryChain = 0,
        EvidenceChainShare = 0,
        StrengthNationalZone = 0,
        StrengthProvincialZone = 0,
        SpilloverMax = 0,
        ChemicalParkCandidates = 0,
    };

    /// <summary>Ranks of the measured cases under weights fitted on the fitting cases, starting from the given weights.</summary>
    private static double?[] Fitted(IReadOnlyList<LabelledCase> fitOn, IReadOnlyList<LabelledCase> measure, MatchingSnapshot snapshot, MatchWeights start,
        Func<MatchWeights, FitModel> modelOf, IReadOnlyList<string> tunable, bool print = false)
    {
        var fit = WeightCalibration.Fit(fitOn, snapshot, start, modelOf, tunable: tunable);
        if (print)
            Console.WriteLine($"In-sample fit ({fitOn.Count} cases): MRR {fit.Before.Mrr:0.000} → {fit.After.Mrr:0.000}; changed: {string.Join(", ", fit.Changed.Select(c => $"{c.Key}={c.Value.ToString(CultureInfo.InvariantCulture)}"))}");
        return WeightCalibration.Ranks(measure, snapshot, modelOf(fit.Weights));
    }

    /// <summary>
    /// k-fold cross-validation: cases dealt into folds by a fixed shuffle; each fold ranked with the weights fitted on
    /// the other folds. Every case is measured once, by weights that never saw it.
    /// </summary>
    private static double?[] CrossValidated(LabelledCase[] cases, MatchingSnapshot snapshot, MatchWeights start, Func<MatchWeights, FitModel> modelOf, IReadOnlyList<string> tunable)
    {
        var order = Enumerable.Range(0, cases.Length).ToArray();
        new Random(20261202).Shuffle(order);
        var fold = new int[cases.Length];
        for (var k = 0; k < order.Length; k++) fold[order[k]] = k % Folds;
        var ranks = new double?[cases.Length];
        for (var f = 0; f < Folds; f++)
        {
            var train = Enumerable.Range(0, cases.Length).Where(i => fold[i] != f).Select(i => cases[i]).ToArray();
            var test = Enumerable.Range(0, cases.Length).Where(i => fold[i] == f).ToArray();
            var measured = Fitted(train, test.Select(i => cases[i]).ToArray(), snapshot, start, modelOf, tunable);
            for (var k = 0; k < test.Length; k++) ranks[test[k]] = measured[k];
        }

        return ranks;
    }

    private static LabelledCase[] ListedCases(ShandongSeeds seeds, MatchingSnapshot snapshot, IndustryCatalog industries) => seeds.ListedCompanies
        .Where(c => c.CountyAdcode is not null)
        .Select(c =>
        {
            var county = snapshot.Find(c.CountyAdcode)!;
            return new LabelledCase(Project(c.Division, industries, "留一法"), c.CountyAdcode!, snapshot.With(county with { Hidden = c.Name }));
        })
        .ToArray();

    /// <summary>A project of an industry's first GB/T class.</summary>
    internal static ProjectDetails Project(IndustryCode code, IndustryCatalog industries, string title)
    {
        var first = code.Level == IndustryLevel.Class
            ? code
            : industries.All.Where(i => i.Level == IndustryLevel.Class && i.Code.Value.StartsWith(code.Value, StringComparison.Ordinal)).Min(i => i.Code)!;
        return new ProjectDetails(
            $"{code} {title}项目", string.Empty, first, null, null, 100_000, 0, 0, 300, 5000, false, false,
            new Investor(title, null, InvestorKind.Private), null, null);
    }

    private static double?[] Ranks(IReadOnlyList<LabelledCase> cases, Scorer score) => cases.Select(c =>
    {
        var s = c.Snapshot!;
        var scores = s.All.Select(f => (f.Adcode, Score: score(c, f, s))).ToArray();
        if (scores.Single(x => x.Adcode == c.Adcode).Score is not { } own) return (double?)null;
        var better = scores.Count(x => x.Score > own);
        var ties = scores.Count(x => x.Score == own); // includes the county itself
        return better + (ties + 1) / 2.0;
    }).ToArray();
}
