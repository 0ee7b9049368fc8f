using System.Runtime.InteropServices;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Seeds;

namespace Matching.Benchmarks.Quality;

/// <summary>
/// Ranking quality by leave-one-out over Shandong's listed companies with a known county: hide one
/// company's evidence, rank the 136 counties for a project in its division, and see where its county
/// lands. Prints hit@1/5/10 and MRR for the model and its baselines as a Markdown table.
/// </summary>
/// <remarks>
/// The project stands for "a firm of this division looking for a county": the division's first GB/T class,
/// 100,000 万元, no land or energy need (capacity would otherwise decide for parks-less districts, which says
/// nothing about where the industry is), no first contact. Ties count at their expected position
/// (strictly better + half the ties), so no ranker gains from the adcode tie-break. An excluded county is a miss.
/// </remarks>
internal static class LeaveOneOut
{
    private sealed record Case(ListedCompany Company, ProjectDetails Project);

    /// <summary>A way of ranking: the rank (1-based, expected under random tie-breaking) of the hidden company's county, or null when excluded.</summary>
    private delegate double? Ranker(Case c, MatchingSnapshot snapshot);

    /// <param name="overrides">Weights to try instead of the defaults, as <c>Name=value</c> (e.g. <c>BalanceMax=0</c>).</param>
    public static void Run(IEnumerable<string> overrides)
    {
        var seeds = ShandongSeeds.Load(ShandongSeeds.DefaultPath);
        var industries = seeds.Province.Industries;
        var weights = new MatchWeights();
        foreach (var pair in overrides)
        {
            var (name, value) = (pair.Split('=')[0], double.Parse(pair.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
            var property = typeof(MatchWeights).GetProperty(name) ?? throw new ArgumentException($"MatchWeights has no {name}.");
            weights = weights with { };
            property.SetValue(weights, property.PropertyType == typeof(int) ? (object)(int)value : value);
        }

        var noChemical = new FitModel(weights, seeds.Chains, industries, ChemicalParkRule.None);
        var model = new FitModel(weights, seeds.Chains, industries, seeds.ChemicalParks);
        // The model before evidence: the same factors without agglomeration, strength and the chemical-park
        // rule, and with its old exclusion of every county whose profile lacks the project's GB/T section.
        var previous = new FitModel(weights with { AgglomerationMax = 0, EconomicStrength = 0 }, seeds.Chains, industries, ChemicalParkRule.None);
        var candidates = seeds.InitialCandidates(DateTimeOffset.UnixEpoch);
        var snapshot = new MatchingSnapshot(candidates, []);
        // What the previous model saw: the same counties without any evidence.
        var bare = new MatchingSnapshot(candidates.Select(c => c with { County = c.County with { Reference = c.County.Reference with { Evidence = null } } }), []);

        var cases = seeds.ListedCompanies
            .Where(c => c.CountyAdcode is not null)
            .Select(c => new Case(c, Project(c.Division, industries)))
            .ToArray();

        var rankers = new (string Name, Ranker Rank)[]
        {
            ("model (evidence, graded industry, chemical-park rule)", (c, s) => RankOf(c, s, f => model.Score(c.Project, f, s))),
            ("model, chemical-park rule off", (c, s) => RankOf(c, s, f => noChemical.Score(c.Project, f, s))),
            ("model before this change (industry exclusion, no evidence)", (c, _) => RankOf(c, bare, f =>
                HasSection(c.Project.IndustryCode, f) ? previous.Score(c.Project, f, bare) : null)),
            ("evidence count alone (same-division listed companies left)", (c, s) => RankOf(c, s, f =>
                s.TraitsOf(f).IndustryEvidence.Count(e => e.Kind == EvidenceKind.ListedCompany && e.Industries.Contains(c.Company.Division)))),
        };

        var results = rankers.Select(r => (r.Name, Ranks: cases.Select(c => r.Rank(c, Hide(snapshot, c))).ToArray())).ToArray();
        var n = snapshot.All.Count;

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine($"Cases: {cases.Length} listed companies with a county ({cases.Count(c => c.Company.Basis.StartsWith("zone:", StringComparison.Ordinal))} placed through the zone table), {n} counties, {cases.Select(c => c.Company.Division).Distinct().Count()} divisions");
        Console.WriteLine();
        Console.WriteLine("| ranker | hit@1 | hit@5 | hit@10 | MRR | excluded |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var harmonic = Enumerable.Range(1, n).Sum(i => 1.0 / i);
        Console.WriteLine($"| random order of the {n} counties (expected) | {100.0 / n:0.0} % | {500.0 / n:0.0} % | {1000.0 / n:0.0} % | {harmonic / n:0.000} | 0 |");
        foreach (var (name, ranks) in results)
        {
            double Hit(int k) => 100.0 * ranks.Count(r => r is { } x && x <= k) / ranks.Length;
            var mrr = ranks.Sum(r => r is { } x ? 1 / x : 0) / ranks.Length;
            Console.WriteLine($"| {name} | {Hit(1):0.0} % | {Hit(5):0.0} % | {Hit(10):0.0} % | {mrr:0.000} | {ranks.Count(r => r is null)} |");
        }
    }

    private static ProjectDetails Project(IndustryCode division, IndustryCatalog industries)
    {
        var first = industries.All.Where(i => i.Level == IndustryLevel.Class && i.Code.Division == division.Value).Min(i => i.Code);
        return new ProjectDetails(
            $"{division} 留一法项目", string.Empty, first, null, null, 100_000, 0, 0, 300, 5000, false, false,
            new Investor("留一法", null, InvestorKind.Private), null, null);
    }

    /// <summary>The snapshot with the company's evidence hidden in its county.</summary>
    private static MatchingSnapshot Hide(MatchingSnapshot snapshot, Case c)
    {
        var county = snapshot.Find(c.Company.CountyAdcode)!;
        return snapshot.With(county with { Hidden = c.Company.Name });
    }

    private static double? RankOf(Case c, MatchingSnapshot snapshot, Func<Candidate, double?> score)
    {
        var scores = snapshot.All.Select(f => (f.Adcode, Score: score(f))).ToArray();
        if (scores.Single(s => s.Adcode == c.Company.CountyAdcode).Score is not { } own) return null;
        var better = scores.Count(s => s.Score > own);
        var ties = scores.Count(s => s.Score == own); // includes the county itself
        return better + (ties + 1) / 2.0;
    }

    private static bool HasSection(IndustryCode project, Candidate candidate) =>
        candidate.County.Profile.FeaturedIndustries.Any(f => project.SharedLevel(f.Code) is not null) ||
        candidate.Parks.Any(p => p.Profile.MainIndustries.Any(code => project.SharedLevel(code) is not null));
}
