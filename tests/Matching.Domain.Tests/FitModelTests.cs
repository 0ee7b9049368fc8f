using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

public sealed class FitModelTests
{
    private static ProjectDetails Vehicle(decimal landMu = 300, bool highEnergy = false, decimal energy = 5000, string? firstContact = null) => new(
        "新能源乘用车整车", "", IndustryCode.Parse("3612"), "新能源汽车", ChainPosition.Midstream,
        600_000, landMu, energy, 2000, 30_000, highEnergy, false, new Investor("某车企", null, InvestorKind.Private), firstContact, null);

    /// <summary>Makes 新能源车整车制造 a strength-5 featured industry of the given counties.</summary>
    private static Func<County, County> Featuring(params string[] adcodes) => county => adcodes.Contains(county.Adcode)
        ? county with { Profile = county.Profile with { FeaturedIndustries = [new FeaturedIndustry(IndustryCode.Parse("3612"), "新能源汽车", 5, FigureSource.County)] } }
        : county;

    [Fact]
    public void A_3612_project_ranks_counties_with_that_industry_above_those_without()
    {
        var snapshot = Samples.Snapshot(Featuring("370481", "370783"));

        var (fits, _) = Samples.Model().Rank(Vehicle(), snapshot.All, snapshot);

        var featured = fits.Where(f => f.Adcode is "370481" or "370783").ToArray();
        Assert.Equal(2, featured.Length);
        var others = fits.Where(f => f.Adcode is not ("370481" or "370783")).ToArray();
        Assert.All(featured, f => Assert.True(f.Score > others.Max(o => o.Score), $"{f.CountyName} {f.Score} vs best other {others.Max(o => o.Score)}"));
        var industry = featured[0].Factors.Single(f => f.Name == "industry");
        Assert.Equal(40, industry.Points);
        Assert.Contains("3612", industry.Reason);
        Assert.Contains("小类", industry.Reason);
    }

    [Fact]
    public void Industry_points_follow_the_hierarchy()
    {
        var model = Samples.Model();
        double IndustryPoints(string code)
        {
            var snapshot = Samples.Snapshot(c => c.Adcode == "370481"
                ? c with { Profile = c.Profile with { FeaturedIndustries = [new FeaturedIndustry(IndustryCode.Parse(code), "x", 5, FigureSource.County)] } }
                : c);
            var candidate = snapshot.Find("370481")! with { Parks = [] };
            return model.Assess(Vehicle(landMu: 0), candidate, snapshot).Fit!.Factors.Single(f => f.Name == "industry").Points;
        }

        Assert.Equal(40, IndustryPoints("3612"));
        Assert.Equal(28, IndustryPoints("3611"));
        Assert.Equal(16, IndustryPoints("3670"));
        Assert.Equal(4, IndustryPoints("2614"));
    }

    [Fact]
    public void Counties_without_the_land_are_excluded_and_told_why()
    {
        var snapshot = Samples.Snapshot();

        var (fits, excluded) = Samples.Model().Rank(Vehicle(landMu: 5000), snapshot.All, snapshot);

        Assert.All(fits, f => Assert.True(f.BestPark!.Profile.AvailableLandMu.Value >= 5000));
        var noParks = excluded.First(e => snapshot.Find(e.Adcode)!.Parks.Count == 0);
        Assert.Contains(noParks.Reasons, r => r.StartsWith("土地：本县没有登记园区", StringComparison.Ordinal));
        var small = excluded.First(e => snapshot.Find(e.Adcode)!.Parks.Count > 0);
        var reason = Assert.Single(small.Reasons, r => r.StartsWith("土地：", StringComparison.Ordinal));
        Assert.Contains("5,000 亩", reason);
        Assert.Equal(136, fits.Count + excluded.Count);
    }

    [Fact]
    public void High_energy_projects_need_energy_headroom_others_only_lose_points()
    {
        var snapshot = Samples.Snapshot(c => c.Adcode == "370481"
            ? c with { Profile = c.Profile with { EnergyQuotaTce = new Figure(200_000, FigureSource.County) } }
            : c);
        var model = Samples.Model();

        var twoHigh = model.Rank(Vehicle(landMu: 0, highEnergy: true, energy: 100_000), snapshot.All, snapshot);
        var normal = model.Assess(Vehicle(landMu: 0, energy: 100_000), snapshot.Find("370102")!, snapshot);

        Assert.Equal(["370481"], twoHigh.Fits.Select(f => f.Adcode));
        Assert.Contains(twoHigh.Excluded.Single(e => e.Adcode == "370102").Reasons, r => r.StartsWith("能耗：两高项目", StringComparison.Ordinal));
        Assert.NotNull(normal.Fit);
        Assert.Equal(-8, normal.Fit!.Factors.Single(f => f.Name == "energy").Points);
    }

    [Fact]
    public void A_service_project_ranks_counties_without_the_section_with_no_industry_points_instead_of_excluding_them()
    {
        var software = Vehicle(landMu: 0) with { IndustryCode = IndustryCode.Parse("6513") };
        var snapshot = Samples.Snapshot();

        var (fits, excluded) = Samples.Model().Rank(software, snapshot.All, snapshot);

        Assert.Empty(excluded);
        Assert.Equal(136, fits.Count);
        var without = fits.First(f => f.Factors.Single(x => x.Name == "industry").Points == 0);
        Assert.Contains("门类 I", without.Factors.Single(x => x.Name == "industry").Reason);
        Assert.Contains("契合度 0/100", without.Factors.Single(x => x.Name == "industry").Reason);
    }

    [Fact]
    public void Neighbours_crowding_and_recent_awards_cost_points()
    {
        // 滕州 (370481) featuring 3612 while its neighbour 薛城 (370403) does too.
        var crowded = Samples.Snapshot(Featuring("370481", "370403"));
        var alone = Samples.Snapshot(Featuring("370481"));
        var awarded = Samples.Snapshot(Featuring("370481"), new RecentAward("370481", IndustryCode.Parse("3670"), DateTimeOffset.UnixEpoch));
        var model = Samples.Model();

        var withCrowd = model.Assess(Vehicle(), crowded.Find("370481")!, crowded).Fit!;
        var withoutCrowd = model.Assess(Vehicle(), alone.Find("370481")!, alone).Fit!;
        var afterAward = model.Assess(Vehicle(), awarded.Find("370481")!, awarded).Fit!;

        var crowding = withCrowd.Factors.Single(f => f.Name == "crowding");
        Assert.Equal(-3, crowding.Points);
        Assert.Contains("薛城区", crowding.Reason);
        Assert.Equal(withoutCrowd.Score - 3, withCrowd.Score);
        Assert.Equal(-5, afterAward.Factors.Single(f => f.Name == "recentAwards").Points);
    }

    [Fact]
    public void First_contact_proximity_balance_and_pairing_are_explained()
    {
        var snapshot = Samples.Snapshot(c => c.Adcode switch
        {
            "371323" => c with { Profile = c.Profile with { OldRevolutionaryBase = new Flag(true, FigureSource.Coordinator), PairingPartners = ["370481"] } },
            _ => c,
        });
        var model = Samples.Model();
        var project = Vehicle(landMu: 0, firstContact: "370481");

        var first = model.Assess(project, snapshot.Find("370481")!, snapshot).Fit!;
        var paired = model.Assess(project, snapshot.Find("371323")!, snapshot).Fit!;
        var neighbour = model.Assess(project, snapshot.Find("370403")!, snapshot).Fit!;

        Assert.Equal(15, first.Factors.Single(f => f.Name == "firstContact").Points);
        Assert.DoesNotContain(first.Factors, f => f.Name == "proximity");
        var balance = paired.Factors.Single(f => f.Name == "balance");
        Assert.Contains("革命老区", balance.Reason);
        Assert.Contains("结对", balance.Reason);
        Assert.Equal(8, neighbour.Factors.Single(f => f.Name == "proximity").Points);
    }

    [Fact]
    public void Yield_is_compared_with_the_park_benchmark()
    {
        var snapshot = Samples.Snapshot();
        var rich = Vehicle(landMu: 100) with { Investment = 100_000, ExpectedTax = 10_000 };
        var poor = Vehicle(landMu: 100) with { Investment = 5_000, ExpectedTax = 100 };
        var county = snapshot.All.First(c => c.Parks.Any(p => p.Profile.AvailableLandMu.Value >= 100));

        var good = Samples.Model().Assess(rich, county, snapshot).Fit!;
        var bad = Samples.Model().Assess(poor, county, snapshot).Fit!;

        Assert.Equal(4, good.Factors.Single(f => f.Name == "investmentPerMu").Points);
        Assert.Equal(-4, bad.Factors.Single(f => f.Name == "investmentPerMu").Points);
        Assert.Contains("亩均投资", bad.Factors.Single(f => f.Name == "investmentPerMu").Reason);
    }

    [Fact]
    public void Chain_partners_in_the_county_add_points()
    {
        // Steel (31) upstream and batteries (38) upstream of automobiles (36).
        var snapshot = Samples.Snapshot(c => c.Adcode == "370481"
            ? c with { Profile = c.Profile with { FeaturedIndustries = [new FeaturedIndustry(IndustryCode.Parse("3110"), "钢铁", 5, FigureSource.County), new FeaturedIndustry(IndustryCode.Parse("3841"), "锂电池", 5, FigureSource.County)] } }
            : c);
        var county = snapshot.Find("370481")! with { Parks = [] };

        var fit = Samples.Model().Assess(Vehicle(landMu: 0), county, snapshot).Fit!;

        var chain = fit.Factors.Single(f => f.Name == "chain");
        Assert.Equal(10, chain.Points);
        Assert.Contains("上游", chain.Reason);
    }

    [Fact]
    public void Weights_come_from_configuration()
    {
        var snapshot = Samples.Snapshot(Featuring("370481"));

        var fit = Samples.Model(new MatchWeights { IndustryClass = 100 }).Assess(Vehicle(landMu: 0), snapshot.Find("370481")!, snapshot).Fit!;

        Assert.Equal(100, fit.Factors.Single(f => f.Name == "industry").Points);
    }

    [Fact]
    public void Scores_equal_the_sum_of_their_factors()
    {
        var snapshot = Samples.Snapshot(Featuring("370481"));

        var (fits, _) = Samples.Model().Rank(Vehicle(firstContact: "370402"), snapshot.All, snapshot);

        Assert.All(fits, f => Assert.Equal(Math.Round(f.Factors.Sum(x => x.Points), 1), f.Score, 6));
        Assert.Equal(fits.OrderByDescending(f => f.Score).ThenBy(f => f.Adcode, StringComparer.Ordinal).Select(f => f.Adcode), fits.Select(f => f.Adcode));
    }
}
