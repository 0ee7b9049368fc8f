using Matching.Domain.Counties;

namespace Matching.Allocation.Tests;

/// <summary>Random allocation instances: counties with parks, energy and fairness, contested projects with 2–5 bidders, prior awards.</summary>
public static class SyntheticContests
{
    private static readonly string[] Divisions = ["13", "14", "26", "27", "29", "30", "33", "34", "35", "36", "38", "39"];

    /// <summary>
    /// An instance with the given size; tight makes quotas scarce so constraints bind. With
    /// <paramref name="pairs"/>, about a fifth of the counties are the strong side of a strong–weak
    /// pairing with another county (which earns the pairing's fairness points), and co-build pairs are
    /// offered at a partner share of 20–50 %.
    /// </summary>
    public static AllocationInstance Generate(int seed, int projects, int counties, bool tight = true, int cap = 2, bool pairs = false)
    {
        var random = new Random(seed);
        var countyList = new List<AllocationCounty>();
        var parks = new Dictionary<string, AllocationPark>();
        for (var c = 0; c < counties; c++)
        {
            var adcode = (370100 + c).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var fairness = random.Next(3) switch { 0 => FairnessPoints.None, 1 => new FairnessPoints(2, ["非百强县"]), _ => new FairnessPoints(6, ["省财政直管县", "非百强县"]) };
            countyList.Add(new AllocationCounty(adcode, $"县{c}", tight ? random.Next(0, 6000) : random.Next(5000, 50000), fairness));
            for (var k = 0; k < 1 + random.Next(3); k++)
                parks[$"P{c}-{k}"] = new AllocationPark($"P{c}-{k}", $"园区{c}-{k}", adcode, tight ? random.Next(0, 800) : random.Next(500, 5000));
        }

        var byCounty = parks.Values.GroupBy(p => p.County).ToDictionary(g => g.Key, g => g.ToArray());
        var list = new List<AllocationProject>();
        for (var i = 0; i < projects; i++)
        {
            var bidders = countyList.OrderBy(_ => random.Next()).Take(Math.Min(counties, 2 + random.Next(4)))
                .Select(c => new AllocationBidder(c.Adcode, byCounty[c.Adcode][random.Next(byCounty[c.Adcode].Length)].Id, Math.Round(30 + random.NextDouble() * 60, 1)))
                .ToArray();
            list.Add(new AllocationProject(new Guid(i + 1, 0, 0, new byte[8]), $"项目{i}", Divisions[random.Next(Divisions.Length)],
                random.Next(4) == 0 ? 0 : random.Next(20, 400), random.Next(3) == 0 ? 0 : random.Next(100, 3000), 3, bidders));
        }

        var prior = Enumerable.Range(0, counties / 2)
            .Select(_ => new PriorAward(countyList[random.Next(counties)].Adcode, Divisions[random.Next(Divisions.Length)])).ToArray();
        var byAdcode = countyList.ToDictionary(c => c.Adcode);
        var pairings = new List<AllocationPairing>();
        if (pairs)
            foreach (var strong in countyList.Where(_ => random.Next(5) == 0).ToArray())
            {
                var weak = countyList[random.Next(counties)];
                if (weak == strong || pairings.Any(p => p.Strong == strong.Adcode && p.Weak == weak.Adcode)) continue;
                pairings.Add(new AllocationPairing(strong.Adcode, weak.Adcode, $"结对通知{pairings.Count}"));
                byAdcode[weak.Adcode] = byAdcode[weak.Adcode] with
                {
                    Fairness = new FairnessPoints(byAdcode[weak.Adcode].Fairness.Points + AllocationInstance.PairedWeakPoints, [.. byAdcode[weak.Adcode].Fairness.Reasons, "强弱县结对弱县"]),
                };
            }

        return new AllocationInstance(list, byAdcode, parks, cap, prior, 1.0, pairings, pairs ? 20 + random.Next(31) : 0);
    }
}
