using System.Globalization;
using Matching.Domain.Fit;

namespace Matching.Benchmarks.Quality;

/// <summary>
/// Error analysis of a proxy (<c>quality --analyse</c>): for every case, where its county ranks and which factor
/// puts the counties above it there. Each case falls into one failure kind, by what its own county still shows for
/// the project's industry once its evidence is hidden and by the factor that gives the counties above it the most
/// points over it; the table counts the kinds and their MRR, then lists the misses.
/// </summary>
internal static class FailureAnalysis
{
    private static readonly string[] IndustryFactors = ["industry", "agglomeration", "chain"];

    public static void Run(string proxy, IReadOnlyList<LabelledCase> cases, FitModel model, bool listCases)
    {
        var rows = new List<(string Kind, double? Rank, string Line)>();
        foreach (var c in cases)
        {
            var s = c.Snapshot!;
            var scored = s.All.Select(f => (f.Adcode, Fit: model.Assess(c.Project, f, s, explain: false).Fit)).ToArray();
            var own = scored.Single(x => x.Adcode == c.Adcode).Fit;
            if (own is null)
            {
                rows.Add(("excluded by the chemical-park rule (no seeded park in the county)", null, $"{c.Project.IndustryCode} {c.Adcode}: excluded"));
                continue;
            }

            var above = scored.Where(x => x.Fit is { } f && f.Score > own.Score).Select(x => x.Fit!).ToArray();
            var ties = scored.Count(x => x.Fit is { } f && f.Score == own.Score);
            var rank = above.Length + (ties + 1) / 2.0;
            double Points(FitScore f, string name) => f.Factors.Where(x => x.Name == name).Sum(x => x.Points);
            var names = above.SelectMany(f => f.Factors).Select(f => f.Name).Concat(own.Factors.Select(f => f.Name)).Distinct().ToArray();
            // The factor with the largest mean lead of the counties above over the county itself.
            var lead = names.Select(n => (Name: n, Lead: above.Length == 0 ? 0 : above.Average(f => Points(f, n) - Points(own, n))))
                .OrderByDescending(x => x.Lead).FirstOrDefault();
            var signal = IndustryFactors.Sum(n => Points(own, n));
            var evidence = Points(own, "agglomeration");
            var pending = own.Factors.Any(f => f.Name == "chemicalPark");
            var kind = rank <= 10 ? (pending ? "hit (top 10), admitted on a likely chemical park (化工园区待认定)" : "hit (top 10)")
                : pending ? "ranked on a likely chemical park (化工园区待认定), beyond the top 10"
                : signal <= 0 && Points(own, "spillover") > 0 ? "nearby trace only: nothing in the county, the industry next door (industry nearby > 0)"
                : signal <= 0 ? "no trace: nothing left in the county or next door names the industry (industry, evidence, chain, nearby all 0)"
                : evidence <= 0 && Points(own, "industry") <= model.Weights.IndustryChain ? "weak trace: only section or chain-level industry fit, no evidence"
                : lead.Name is "industry" ? "beaten on industry fit: others' zone or cluster phrases share the class or group"
                : lead.Name is "agglomeration" ? "beaten on evidence: others hold more weighted evidence"
                : lead.Name is "strength" ? "beaten on economic strength"
                : lead.Name is "balance" ? "beaten on balance (weaker county, 财政直管, 老区)"
                : $"beaten on {lead.Name}";
            var factors = string.Join(" ", own.Factors.Where(f => f.Points != 0).Select(f => $"{f.Name}={f.Points.ToString(CultureInfo.InvariantCulture)}"));
            rows.Add((kind, rank, $"{c.Project.IndustryCode} {c.Adcode} rank {rank:0.#} score {own.Score} ({factors}); above {above.Length} (more industry fit {above.Count(f => Points(f, "industry") > Points(own, "industry"))}, more evidence {above.Count(f => Points(f, "agglomeration") > evidence)}), lead {lead.Name} +{lead.Lead:0.#}"));
        }

        Console.WriteLine();
        Console.WriteLine($"### Failure kinds: {proxy} ({cases.Count} cases, default weights)");
        Console.WriteLine();
        Console.WriteLine("| kind | cases | share | median rank | MRR within |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var g in rows.GroupBy(r => r.Kind).OrderByDescending(g => g.Count()))
        {
            var ranks = g.Select(r => r.Rank).OfType<double>().Order().ToArray();
            var median = ranks.Length == 0 ? "—" : ranks[ranks.Length / 2].ToString("0.#", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {g.Key} | {g.Count()} | {100.0 * g.Count() / rows.Count:0.0} % | {median} | {g.Sum(r => r.Rank is { } x ? 1 / x : 0) / g.Count():0.000} |");
        }

        if (!listCases) return;
        Console.WriteLine();
        foreach (var r in rows.Where(r => r.Rank is not <= 10).OrderBy(r => r.Kind)) Console.WriteLine($"- [{r.Kind.Split(':')[0]}] {r.Line}");
    }
}
