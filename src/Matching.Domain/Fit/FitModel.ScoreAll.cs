using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Domain.Fit;

public sealed partial class FitModel
{
    /// <summary>Per-thread working arrays of <see cref="ScoreAll"/>, reused from match to match (a match runs on one thread).</summary>
    private sealed class Scratch
    {
        public double[] Industry = [];
        public double[] Mass = [];
        public double[] Spill = [];
        public int[] Links = [];
        public int[] Crowded = [];
        public bool[] Paired = [];
        public readonly List<(int County, int Ordinal, int Depth, double Weight)> Hits = [];
        public readonly List<(int County, int Ordinal, int Depth, double Weight)> SpillHits = [];

        public void Reset(int count)
        {
            if (Industry.Length < count)
            {
                Industry = new double[count];
                Mass = new double[count];
                Spill = new double[count];
                Links = new int[count];
                Crowded = new int[count];
                Paired = new bool[count];
            }
            else
            {
                Array.Clear(Industry, 0, count);
                Array.Clear(Mass, 0, count);
                Array.Clear(Spill, 0, count);
                Array.Clear(Links, 0, count);
                Array.Clear(Crowded, 0, count);
                Array.Clear(Paired, 0, count);
            }

            Hits.Clear();
            SpillHits.Clear();
        }
    }

    [ThreadStatic] private static Scratch? _scratch;

    /// <summary>
    /// The totals of every county of the snapshot (in <see cref="MatchingSnapshot.All"/> order), null where a
    /// hard constraint excludes it; each equal to <see cref="Score"/>'s. Industry fit, agglomeration, chain
    /// partners and crowding come from the snapshot's <see cref="IndustryIndex"/> (the project's codes looked up
    /// once); everything else a county contributes comes from the snapshot's <see cref="CountyTable"/>, so the
    /// loop over counties reads arrays and adds up the same points, in the same order, as the county-by-county model.
    /// </summary>
    public double?[] ScoreAll(ProjectDetails project, MatchingSnapshot snapshot)
    {
        var all = snapshot.All;
        var n = all.Count;
        var index = snapshot.IndexFor(weights.ParkIndustryStrength);
        var table = snapshot.TableFor(this);
        var code = project.IndustryCode;
        var facts = Facts(project);
        var s = _scratch ??= new Scratch();
        s.Reset(n);

        // Industry fit: the best level × strength a county shares with the project, section level from each county's best strength.
        var industry = s.Industry;
        var common = weights.IndustryCommonness > 0 ? index : null;
        var sectionWeight = LevelWeight(IndustryLevel.Section) * Specificity(common, code, IndustryLevel.Section);
        var sectionRow = table.SectionStrength[code.Section - 'A'];
        for (var i = 0; i < n; i++)
            if (sectionRow[i] > 0) industry[i] = sectionWeight * sectionRow[i] / 5.0;
        foreach (var (key, level) in Keys(code))
        {
            var levelWeight = LevelWeight(level) * Specificity(common, code, level);
            foreach (var f in index.FeaturedUnder(key))
                industry[f.County] = Math.Max(industry[f.County], levelWeight * f.Strength / 5.0);
        }

        // A division along the project's chain, graded below its own division.
        if (weights.IndustryChain > 0)
        {
            foreach (var d in facts.Related)
            {
                var chainWeight = weights.IndustryChain * Specificity(common, d);
                foreach (var f in index.FeaturedUnder(d))
                    industry[f.County] = Math.Max(industry[f.County], chainWeight * f.Strength / 5.0);
            }
        }

        // Agglomeration: each item at the deepest level it shares with the project, summed in the county's own order.
        var hits = s.Hits;
        var depth = 0;
        foreach (var (key, _) in Keys(code).Reverse())
        {
            foreach (var e in table.EvidenceUnder(key)) hits.Add((e.County, e.Ordinal, depth, e.Weight));
            depth++;
        }

        // Items only along the chain come last: an item that also shares the project's division counts at that level.
        if (weights.EvidenceChainShare > 0)
            foreach (var d in facts.Related)
            foreach (var e in table.ChainEvidenceUnder(d)) hits.Add((e.County, e.Ordinal, depth, e.Weight));

        var mass = s.Mass;
        if (hits.Count > 0)
        {
            hits.Sort(static (a, b) => a.County != b.County ? a.County.CompareTo(b.County) : a.Ordinal != b.Ordinal ? a.Ordinal.CompareTo(b.Ordinal) : a.Depth.CompareTo(b.Depth));
            for (var h = 0; h < hits.Count; h++)
            {
                var hit = hits[h];
                if (h > 0 && hits[h - 1].County == hit.County && hits[h - 1].Ordinal == hit.Ordinal) continue;
                if (hit.Weight > 0) mass[hit.County] += hit.Weight;
            }
        }

        // Spillover: each county's own items of the kinds that spill, deduplicated as above; neighbours add them up per county below.
        var spill = s.Spill;
        var spilling = false;
        if (weights.SpilloverMax > 0)
        {
            var spillHits = s.SpillHits;
            var spillDepth = 0;
            foreach (var (key, _) in Keys(code).Reverse())
            {
                foreach (var e in table.SpillingEvidenceUnder(key)) spillHits.Add((e.County, e.Ordinal, spillDepth, e.Weight));
                spillDepth++;
            }

            if (spillHits.Count > 0)
            {
                spillHits.Sort(static (a, b) => a.County != b.County ? a.County.CompareTo(b.County) : a.Ordinal != b.Ordinal ? a.Ordinal.CompareTo(b.Ordinal) : a.Depth.CompareTo(b.Depth));
                for (var h = 0; h < spillHits.Count; h++)
                {
                    var hit = spillHits[h];
                    if (h > 0 && spillHits[h - 1].County == hit.County && spillHits[h - 1].Ordinal == hit.Ordinal) continue;
                    if (hit.Weight > 0)
                    {
                        spill[hit.County] += hit.Weight;
                        spilling = true;
                    }
                }
            }
        }

        var links = s.Links;
        foreach (var d in facts.Upstream) foreach (var i in index.WithDivision(d)) links[i]++;
        foreach (var d in facts.Downstream) foreach (var i in index.WithDivision(d)) links[i]++;
        var crowded = s.Crowded;
        foreach (var strong in index.StrongIn(facts.Group)) foreach (var i in index.NeighbourOf(strong)) crowded[i]++;

        // The first contact: pairing partners both ways, and its seat for proximity.
        var first = project.FirstContactCounty;
        var firstAt = table.PositionOf(first);
        var paired = s.Paired;
        if (first is not null)
        {
            foreach (var i in table.ListingAsPartner(first)) paired[i] = true;
            if (firstAt >= 0)
                foreach (var partner in table.PairingPartners[firstAt])
                    if (table.PositionOf(partner) is var p && p >= 0) paired[p] = true;
        }

        var origin = firstAt >= 0 ? table.Unit[firstAt] : default;
        // Counties whose seats are more than 201 km away score no proximity: a chord test rules them out without trigonometry.
        var reach = 2 * Math.Sin(201.0 / 6371.0088 / 2);
        var reach2 = reach * reach;

        var chemical = _chemical.Covering(code) is not null;
        var land = project.LandMu;
        var large = (double)project.Investment >= weights.LargeProjectInvestment;
        var investmentPerMu = land > 0 ? project.Investment / land : 0;
        var taxPerMu = land > 0 ? project.ExpectedTax / land : 0;
        var project4 = CountyTable.Digits.Of(code);
        var division = facts.Division;
        var totals = new double?[n];
        for (var i = 0; i < n; i++)
        {
            // The park it would use: enough land, then the closest industry, then the most land, then the lower id.
            var park = -1;
            if (land > 0)
            {
                var bestLevel = 0;
                for (var p = table.ParkStart[i]; p < table.ParkStart[i + 1]; p++)
                {
                    var available = table.ParkLand[p];
                    if (available < land) continue;
                    var level = 0;
                    foreach (ref readonly var industryDigits in table.ParkIndustries[p].AsSpan())
                        level = Math.Max(level, project4.SharedLevel(industryDigits));
                    if (park < 0 || level > bestLevel ||
                        (level == bestLevel && (available > table.ParkLand[park] ||
                            (available == table.ParkLand[park] && string.CompareOrdinal(table.Parks[p].Id, table.Parks[park].Id) < 0))))
                        (park, bestLevel) = (p, level);
                }

                if (park < 0) continue;
            }

            if (project.HighEnergy && table.EnergyQuota[i] < project.EnergyTce) continue;
            var pending = chemical && !table.ChemicalPark[i];
            if (pending && (weights.ChemicalParkCandidates <= 0 || !table.ChemicalParkCandidate[i])) continue;

            var sum = Round(industry[i]);
            if (mass[i] > 0) sum += Round(weights.AgglomerationMax * (1 - Math.Exp(-mass[i] / Math.Max(weights.AgglomerationScale, 0.01))));
            if (spilling)
            {
                var near = 0d;
                foreach (var j in table.Neighbours[i]) near += spill[j];
                var far = 0d;
                foreach (var j in table.PrefectureOthers[i]) far += spill[j];
                var nearby = SpilloverPoints(weights.SpilloverNeighbourShare * near + weights.SpilloverPrefectureShare * far);
                if (nearby > 0) sum += nearby;
            }

            var strength = large ? table.StrengthLarge[i] : table.StrengthSmall[i];
            if (strength > 0) sum += strength;

            // Capacity, then yields, as the county-by-county model adds them.
            if (park >= 0)
            {
                var available = table.ParkLand[park];
                sum += available >= 2 * land ? 2 * weights.LandHeadroom : weights.LandHeadroom;
            }

            if (land > table.LandQuota[i]) sum += weights.LandQuotaShort;
            if (!project.HighEnergy && project.EnergyTce > table.EnergyQuota[i]) sum += weights.EnergyQuotaShort;
            if (park >= 0)
            {
                sum += Yield(investmentPerMu, table.ParkInvestmentPerMu[park], table.ParkInvestmentHalf[park]);
                sum += Yield(taxPerMu, table.ParkTaxPerMu[park], table.ParkTaxHalf[park]);
            }

            if (links[i] > 0) sum += Math.Min(weights.ChainMax, links[i] * weights.ChainLink);
            if (crowded[i] > 0) sum += Math.Max(weights.CrowdingMax, crowded[i] * weights.NeighbourCrowding);
            if (table.AwardDivisions[i].Length > 0)
            {
                var awards = 0;
                foreach (var d in table.AwardDivisions[i]) if (d == division) awards++;
                if (awards > 0) sum += Math.Max(weights.RecentAwardMax, awards * weights.RecentAward);
            }

            var isFirst = i == firstAt;
            var pairedHere = paired[i] && !isFirst;
            if (table.HasBalanceBase[i] || pairedHere)
                sum += Math.Min(weights.BalanceMax, table.BalanceBase[i] + (pairedHere ? weights.PairingPartner : 0));

            if (firstAt >= 0 && !isFirst)
            {
                var u = table.Unit[i];
                var (dx, dy, dz) = (u.X - origin.X, u.Y - origin.Y, u.Z - origin.Z);
                if (dx * dx + dy * dy + dz * dz <= reach2)
                {
                    var km = table.Seats[i].DistanceKm(table.Seats[firstAt]);
                    var share = km <= 50 ? 1 : km <= 100 ? 0.6 : km <= 200 ? 0.25 : 0;
                    sum += Round(weights.Proximity * share);
                }
            }

            if (isFirst) sum += weights.FirstContact;
            if (pending) sum += weights.ChemicalParkCandidate;
            totals[i] = Round(sum);
        }

        return totals;
    }

    /// <summary>A yield's points against a park's benchmark, as <c>Yield</c> gives them (0 without a benchmark).</summary>
    private double Yield(decimal perMu, decimal benchmark, decimal half) =>
        benchmark <= 0 ? 0 : perMu >= benchmark ? weights.YieldAbove : perMu < half ? weights.YieldBelow : 0;

    /// <summary>The keys of a project's class from the widest: its division, group and class, each with its level.</summary>
    private static IEnumerable<(string Key, IndustryLevel Level)> Keys(IndustryCode code)
    {
        if (code.Division is { } d) yield return (d, IndustryLevel.Division);
        if (code.Group is { } g) yield return (g, IndustryLevel.Group);
        if (code.Class is { } c) yield return (c, IndustryLevel.Class);
    }
}
