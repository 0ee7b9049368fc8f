using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

/// <summary>
/// The fast path (<see cref="FitModel.ScoreAll"/> over the snapshot's county table, then <see cref="TopMatches"/>)
/// ranks a generated set of counties exactly as the county-by-county model (<see cref="FitModel.Rank"/>) does.
/// </summary>
public sealed class FastRankingTests
{
    /// <summary>The seeded counties with generated quotas, flags, pairings, park land and yields, and awards: every branch of the model gets exercised.</summary>
    internal static MatchingSnapshot Generated(Random random)
    {
        var classes = Samples.Province.Industries.All.Where(i => i.Level == IndustryLevel.Class).Select(i => i.Code).ToArray();
        var seeded = Samples.Shandong.InitialCandidates(DateTimeOffset.UnixEpoch);
        var adcodes = seeded.Select(c => c.Adcode).ToArray();
        var candidates = seeded.Select(c =>
        {
            var profile = c.County.Profile with
            {
                // Half verified, half self-declared over another value in force: the model reads the value in force.
                LandQuotaMu = Set(random, random.Next(0, 1500), random.Next(0, 1500)),
                EnergyQuotaTce = Set(random, random.Next(0, 80_000), random.Next(0, 80_000)),
                FiscallyDirect = random.Next(2) == 0 ? new Flag(random.NextDouble() < 0.3, FigureSource.Coordinator) : Flag.Declare(random.NextDouble() < 0.5, new Flag(random.NextDouble() < 0.5, FigureSource.Default)),
                OldRevolutionaryBase = random.Next(2) == 0 ? new Flag(random.NextDouble() < 0.3, FigureSource.Coordinator) : Flag.Declare(random.NextDouble() < 0.5, new Flag(random.NextDouble() < 0.5, FigureSource.Default)),
                PairingPartners = random.NextDouble() < 0.2 ? [adcodes[random.Next(adcodes.Length)]] : [],
            };
            var parks = c.Parks.Select(p => p with
            {
                Profile = p.Profile with
                {
                    AvailableLandMu = new Figure(random.Next(0, 4) == 0 ? 300 : random.Next(0, 3000), FigureSource.County),
                    InvestmentPerMu = new Figure(random.Next(0, 5) == 0 ? 0 : random.Next(100, 900), FigureSource.County),
                    TaxPerMu = new Figure(random.Next(5, 60), FigureSource.County),
                },
            }).ToArray();
            return c with { County = c.County with { Profile = profile }, Parks = parks };
        }).ToArray();
        var awards = Enumerable.Range(0, 60).Select(_ => new RecentAward(adcodes[random.Next(adcodes.Length)], classes[random.Next(classes.Length)], new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        return new MatchingSnapshot(candidates, awards);
    }

    private static Figure Set(Random random, decimal value, decimal before) =>
        random.Next(2) == 0 ? new Figure(value, FigureSource.Coordinator) : Figure.Declare(value, new Figure(before, FigureSource.Default));

    [Fact]
    public void The_fast_path_ranks_a_generated_set_as_the_county_by_county_model_does() =>
        Assert.True(Compare(Samples.Model(), rounds: 4) > 20_000);

    [Fact]
    public void The_fast_path_agrees_when_chain_closeness_outweighs_the_division_and_every_zone_gives_strength()
    {
        // Chain points above division points make the fast path's max over keys decide; a provincial zone share
        // gives nearly every county strength; the chain share lets items of two related divisions meet.
        var weights = new MatchWeights { IndustryChain = 20, EvidenceChainShare = 0.7, StrengthNationalZone = 0.9, StrengthProvincialZone = 0.35 };
        Assert.True(Compare(Samples.Model(weights), rounds: 1) > 5_000);
    }

    [Fact]
    public void The_fast_path_agrees_with_chain_closeness_and_zone_strength_off() =>
        Assert.True(Compare(Samples.Model(new MatchWeights { IndustryChain = 0, EvidenceChainShare = 0, StrengthNationalZone = 0 }), rounds: 1) > 5_000);

    [Fact]
    public void The_fast_path_agrees_when_industry_fit_discounts_common_industries()
    {
        // Commonness scales each level's points by its own share of counties, so the best level can change: a rare
        // group may outscore a division almost every county names, and a chain division may outscore both.
        var weights = new MatchWeights { IndustryCommonness = 0.9, IndustryChain = 14 };
        Assert.True(Compare(Samples.Model(weights), rounds: 1) > 5_000);
    }

    /// <summary>Compares both paths on generated snapshots and projects; returns how many fits were compared.</summary>
    private static int Compare(FitModel model, int rounds)
    {
        var random = new Random(20261202);
        var classes = Samples.Province.Industries.All.Where(i => i.Level == IndustryLevel.Class).Select(i => i.Code).ToArray();
        var compared = 0;
        for (var round = 0; round < rounds; round++)
        {
            var snapshot = Generated(random);
            for (var n = 0; n < 150; n++)
            {
                var first = random.Next(4) == 0 ? null : snapshot.All[random.Next(snapshot.All.Count)].Adcode;
                var project = new ProjectDetails("生成项目", "", classes[random.Next(classes.Length)], null, null,
                    random.Next(5_000, 400_000), random.Next(3) == 0 ? 0 : random.Next(20, 900), random.Next(0, 60_000), 100,
                    random.Next(0, 20_000), random.NextDouble() < 0.15, false, new Investor("企业", null, InvestorKind.Private), first, null);

                var totals = model.ScoreAll(project, snapshot);
                var (fits, excluded) = model.Rank(project, snapshot.All, snapshot, explain: false);
                var fast = TopMatches.Of(totals, int.MaxValue).Select(i => (snapshot.All[i].Adcode, totals[i]!.Value)).ToArray();
                Assert.Equal(fits.Select(f => (f.Adcode, f.Score)).ToArray(), fast);
                Assert.Equal(excluded.Select(e => e.Adcode), Enumerable.Range(0, totals.Length).Where(i => totals[i] is null).Select(i => snapshot.All[i].Adcode));
                // The window the matcher uses for the shown matches agrees with the full order.
                Assert.Equal(fast.Take(20).Select(f => f.Adcode), TopMatches.Of(totals, 20).Select(i => snapshot.All[i].Adcode));
                compared += fits.Count;
            }
        }

        return compared;
    }
}
