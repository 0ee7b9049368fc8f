using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Parks;
using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

/// <summary>
/// Graded closeness along the GB/T hierarchy and the chain (class &gt; group &gt; division &gt; a division along the
/// chain &gt; section), evidence along the chain at a share, and economic strength from the zones a county hosts.
/// </summary>
public sealed class ChainAndZoneFitTests
{
    private static ProjectDetails Project(string code, decimal investment = 200_000) => new(
        "测试项目", "", IndustryCode.Parse(code), null, null, investment, 0, 2000, 300, 5000, false, false,
        new Investor("某企业", null, InvestorKind.Private), null, null);

    /// <summary>A seeded county stripped to one featured industry (strength 5), no parks and no evidence.</summary>
    private static Candidate Featuring(string code)
    {
        var seeded = Samples.Snapshot().Find("371427")!; // 夏津县
        var county = seeded.County with
        {
            Reference = seeded.County.Reference with { Evidence = [] },
            Profile = seeded.County.Profile with { FeaturedIndustries = [new FeaturedIndustry(IndustryCode.Parse(code), "测试产业", 5, FigureSource.County)] },
        };
        return new Candidate(county, []);
    }

    private static FitFactor Industry(FitModel model, string project, string featured)
    {
        var candidate = Featuring(featured);
        return model.Assess(Project(project), candidate, Samples.Snapshot().With(candidate)).Fit!.Factors.Single(f => f.Name == "industry");
    }

    [Fact]
    public void Industry_fit_grades_class_group_division_chain_and_section_in_that_order()
    {
        var model = Samples.Model();

        // Project 3612 新能源车整车制造; 31 (iron and steel) supplies 36 (automobiles) in industry-chains.csv.
        var points = new[] { "3612", "3611", "3670", "3110", "1311", "5920" }.Select(code => Industry(model, "3612", code).Points).ToArray();

        Assert.Equal([40, 28, 16, 8, 4, 0], points);
        var chain = Industry(model, "3612", "3110");
        Assert.Contains("产业链上下游", chain.Reason);
        Assert.Contains("契合度 20/100", chain.Reason);
        Assert.Contains("+8 分", chain.Reason);
        // Off by configuration: the steel county falls back to the shared section.
        Assert.Equal(4, Industry(Samples.Model(new MatchWeights { IndustryChain = 0 }), "3612", "3110").Points);
    }

    [Fact]
    public void Evidence_for_a_division_along_the_chain_counts_at_its_share_and_is_named()
    {
        var seeded = Samples.Snapshot().Find("371427")!;
        var battery = new EvidenceItem(EvidenceKind.ListedCompany, "上市公司 某电池（000000），证监会行业 38", 2025, [IndustryCode.Parse("38")], "测试", Subject: "某电池");
        var with = seeded with { ExtraEvidence = [battery] };
        var snapshot = Samples.Snapshot().With(with);
        var model = Samples.Model();

        Assert.Equal(0.25, model.WeighAlongChain(battery, 2025), 6);
        Assert.Equal(0.5, Samples.Model(new MatchWeights { EvidenceChainShare = 0.5 }).WeighAlongChain(battery, 2025), 6);

        var fit = model.Assess(Project("3612"), with, snapshot).Fit!;
        var agglomeration = fit.Factors.Single(f => f.Name == "agglomeration");
        Assert.Contains("产业链上下游大类 38", agglomeration.Reason);
        Assert.Contains("某电池", agglomeration.Reason);
        Assert.Contains("按 25% 计", agglomeration.Reason);
        Assert.Contains("满分 30 分", agglomeration.Reason);

        // Without the chain share the same company says nothing about a vehicle project.
        var off = Samples.Model(new MatchWeights { EvidenceChainShare = 0 }).Assess(Project("3612"), with, snapshot).Fit!;
        Assert.True(off.Score < fit.Score);
        Assert.DoesNotContain(off.Factors, f => f.Reason.Contains("某电池"));
        // For a battery project it is evidence of its own division, at the division share, not along the chain.
        var own = model.Assess(Project("3841"), with, snapshot).Fit!.Factors.Single(f => f.Name == "agglomeration");
        Assert.Contains("本行业上市公司", own.Reason);
        Assert.DoesNotContain("产业链上下游", own.Reason);
    }

    [Fact]
    public void A_county_hosting_a_national_zone_gets_part_of_economic_strength_scaled_by_project_size()
    {
        var snapshot = Samples.Snapshot();
        var model = Samples.Model();
        var county = snapshot.All.First(c => snapshot.TraitsOf(c) is { Zone.Level: ParkLevel.National, Strength: null, ListedCompanies: 0 });
        var zone = snapshot.TraitsOf(county).Zone!;

        var large = model.Assess(Project("3612", investment: 500_000), county, snapshot).Fit!.Factors.Single(f => f.Name == "strength");
        var small = model.Assess(Project("3612", investment: 5_000), county, snapshot).Fit!.Factors.Single(f => f.Name == "strength");

        Assert.Equal(5, large.Points); // 10 × 0.5
        Assert.Equal(2.5, small.Points);
        Assert.Contains($"国家级开发区 {zone.Name}", large.Reason);
        Assert.Contains("满分 10 分", large.Reason);
    }

    [Fact]
    public void Provincial_zones_give_strength_only_when_configured()
    {
        var snapshot = Samples.Snapshot();
        var county = snapshot.All.First(c => snapshot.TraitsOf(c) is { Zone.Level: ParkLevel.Provincial, Strength: null, ListedCompanies: 0 });

        Assert.DoesNotContain(Samples.Model().Assess(Project("3612"), county, snapshot).Fit!.Factors, f => f.Name == "strength");
        var configured = Samples.Model(new MatchWeights { StrengthProvincialZone = 0.3 }).Assess(Project("3612"), county, snapshot).Fit!.Factors.Single(f => f.Name == "strength");
        Assert.Equal(3, configured.Points);
        Assert.Contains("省级开发区", configured.Reason);
    }

    [Fact]
    public void Calibration_ranks_each_case_in_its_own_snapshot_when_it_has_one()
    {
        var snapshot = Samples.Snapshot();
        var kuiwen = snapshot.Find("370705")!; // 潍柴动力 (C36) is placed here
        var hidden = snapshot.With(kuiwen with { Hidden = "潍柴动力" });
        var project = Project("3611");
        var model = Samples.Model();

        var own = WeightCalibration.Ranks([new LabelledCase(project, "370705", hidden)], snapshot, model);
        var shared = WeightCalibration.Ranks([new LabelledCase(project, "370705")], hidden, model);
        var visible = WeightCalibration.Ranks([new LabelledCase(project, "370705")], snapshot, model);

        Assert.Equal(shared, own);
        Assert.True(visible[0] < own[0], $"visible {visible[0]}, hidden {own[0]}");
    }
}
