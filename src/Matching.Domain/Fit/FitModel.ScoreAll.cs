using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Domain.Fit;

public sealed partial class FitModel
{
    /// <summary>
    /// The totals of every county of the snapshot (in <see cref="MatchingSnapshot.All"/> order), null where a
    /// hard constraint excludes it; each equal to <see cref="Score"/>'s. Industry fit, agglomeration, chain
    /// partners and crowding come from the snapshot's <see cref="IndustryIndex"/>: the project's codes are
    /// looked up once, so a county that shares nothing with the project costs no walk over its industries and evidence.
    /// </summary>
    public double?[] ScoreAll(ProjectDetails project, MatchingSnapshot snapshot)
    {
        var all = snapshot.All;
        var index = snapshot.IndexFor(weights.ParkIndustryStrength);
        var code = project.IndustryCode;
        var facts = Facts(project);
        var asOf = snapshot.AsOfYear;

        // Industry fit: the best level × strength a county shares with the project, section level from each county's best strength.
        var industry = new double[all.Count];
        var sectionWeight = LevelWeight(IndustryLevel.Section);
        for (var i = 0; i < all.Count; i++)
            if (index.SectionStrength(i, code.Section) is var s && s > 0) industry[i] = sectionWeight * s / 5.0;
        foreach (var (key, level) in Keys(code))
        {
            var levelWeight = LevelWeight(level);
            foreach (var f in index.FeaturedUnder(key))
                industry[f.County] = Math.Max(industry[f.County], levelWeight * f.Strength / 5.0);
        }

        // Agglomeration: each item at the deepest level it shares with the project, summed in the county's own order.
        Dictionary<int, SortedList<int, double>>? evidence = null;
        var seen = new HashSet<(int, int)>();
        foreach (var (key, level) in Keys(code).Reverse())
        foreach (var e in index.EvidenceUnder(key))
        {
            if (!seen.Add((e.County, e.Ordinal))) continue;
            var weight = Weigh(e.Item, level, asOf);
            if (weight <= 0) continue;
            evidence ??= [];
            if (!evidence.TryGetValue(e.County, out var items)) evidence[e.County] = items = [];
            items[e.Ordinal] = weight;
        }

        var links = new int[all.Count];
        foreach (var d in facts.Upstream) foreach (var i in index.WithDivision(d)) links[i]++;
        foreach (var d in facts.Downstream) foreach (var i in index.WithDivision(d)) links[i]++;
        var crowded = new int[all.Count];
        foreach (var strong in index.StrongIn(facts.Group)) foreach (var i in index.NeighbourOf(strong)) crowded[i]++;

        var chemical = _chemical.Covering(code) is not null;
        var totals = new double?[all.Count];
        var tally = new Tally(null);
        for (var i = 0; i < all.Count; i++)
        {
            var candidate = all[i];
            var traits = snapshot.TraitsOf(candidate);
            var park = project.LandMu > 0 ? BestPark(project, candidate.Parks) : null;
            if (project.LandMu > 0 && park is null) continue;
            if (project.HighEnergy && candidate.County.Profile.EnergyQuotaTce.Value < project.EnergyTce) continue;
            if (chemical && traits.ChemicalPark is null) continue;

            tally.Reset();
            tally.Add("industry", Round(industry[i]), string.Empty);
            if (evidence is not null && evidence.TryGetValue(i, out var items))
            {
                var mass = 0d;
                foreach (var w in items.Values) mass += w;
                tally.Add("agglomeration", Round(weights.AgglomerationMax * (1 - Math.Exp(-mass / Math.Max(weights.AgglomerationScale, 0.01)))), string.Empty);
            }

            Strength(project, traits, asOf, tally, explain: false);
            Capacity(project, candidate.County, park, tally, explain: false);
            if (park is not null && project.LandMu > 0) Yield(project, park, tally, explain: false);
            if (links[i] > 0) tally.Add("chain", Math.Min(weights.ChainMax, links[i] * weights.ChainLink), string.Empty);
            if (crowded[i] > 0) tally.Add("crowding", Math.Max(weights.CrowdingMax, crowded[i] * weights.NeighbourCrowding), string.Empty);
            if (snapshot.HasAwards)
            {
                var awards = 0;
                foreach (var award in snapshot.AwardsTo(candidate.Adcode))
                    if (award.Industry.Division == facts.Division) awards++;
                if (awards > 0) tally.Add("recentAwards", Math.Max(weights.RecentAwardMax, awards * weights.RecentAward), string.Empty);
            }

            Balance(project, candidate, snapshot, tally, explain: false);
            Proximity(project, candidate, snapshot, tally, explain: false);
            if (project.FirstContactCounty == candidate.County.Adcode) tally.Add("firstContact", weights.FirstContact, string.Empty);
            totals[i] = Round(tally.Sum);
        }

        return totals;
    }

    /// <summary>The keys of a project's class from the widest: its division, group and class, each with its level.</summary>
    private static IEnumerable<(string Key, IndustryLevel Level)> Keys(IndustryCode code)
    {
        if (code.Division is { } d) yield return (d, IndustryLevel.Division);
        if (code.Group is { } g) yield return (g, IndustryLevel.Group);
        if (code.Class is { } c) yield return (c, IndustryLevel.Class);
    }
}
