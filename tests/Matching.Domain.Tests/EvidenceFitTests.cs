using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Parks;
using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

/// <summary>The model on the real seeds' evidence: graded industry, agglomeration, strength, the chemical-park rule.</summary>
public sealed class EvidenceFitTests
{
    private static ProjectDetails Project(string code, decimal landMu = 100, decimal investment = 200_000) => new(
        "测试项目", "", IndustryCode.Parse(code), null, null, investment, landMu, 2000, 300, 5000, false, false,
        new Investor("某企业", null, InvestorKind.Private), null, null);

    [Theory]
    [InlineData("5920")] // 通用仓储: no zone lists logistics as 主导产业 in G-section terms for most counties
    [InlineData("4411")] // 火力发电
    public void Logistics_and_power_projects_rank_over_100_counties_and_exclude_none_for_industry(string code)
    {
        var snapshot = Samples.Snapshot();

        var (fits, excluded) = Samples.Model().Rank(Project(code, landMu: 0), snapshot.All, snapshot);

        Assert.True(fits.Count >= 100, $"{fits.Count} counties ranked");
        Assert.DoesNotContain(excluded, e => e.Reasons.Any(r => r.StartsWith("行业", StringComparison.Ordinal)));
        Assert.All(fits, f => Assert.Single(f.Factors, x => x.Name == "industry"));
    }

    [Fact]
    public void A_logistics_project_credits_the_national_hub_cities_with_their_evidence()
    {
        var snapshot = Samples.Snapshot();

        var linyi = Samples.Model().Assess(Project("5920", landMu: 0), snapshot.Find("371302")!, snapshot).Fit!; // 兰山区, 临沂

        var agglomeration = linyi.Factors.Single(f => f.Name == "agglomeration");
        Assert.True(agglomeration.Points > 0);
        Assert.Contains("国家物流枢纽", agglomeration.Reason);
    }

    [Fact]
    public void A_2614_project_excludes_counties_without_a_recognised_chemical_park_naming_the_rule()
    {
        var snapshot = Samples.Snapshot();
        var project = Project("2614", landMu: 0);

        // Likely chemical parks (化工园区待认定) off: the rule on recognised parks alone (ChemicalParkCandidateTests has them on).
        var (fits, excluded) = Samples.Model(new MatchWeights { ChemicalParkCandidates = 0 }).Rank(project, snapshot.All, snapshot);

        Assert.Equal(30, fits.Count); // the counties of the seeded (partial) chemical-park list, 2 of them placed through the zone catalogue
        Assert.All(fits, f => Assert.Contains(snapshot.Find(f.Adcode)!.Evidence, e => e.Kind == EvidenceKind.ChemicalPark));
        Assert.Equal(136 - 30, excluded.Count);
        Assert.All(excluded, e => Assert.Contains(e.Reasons, r => r.StartsWith("化工园区：", StringComparison.Ordinal) && r.Contains("认定的化工园区") && r.Contains("规则")));
        // Pharmaceutical formulations are not chemical projects: nobody is excluded for them.
        Assert.Empty(Samples.Model().Rank(Project("2720", landMu: 0), snapshot.All, snapshot).Excluded);
    }

    [Fact]
    public void A_park_a_coordinator_marks_as_chemical_park_qualifies_its_county()
    {
        // 历下区 (370102) hosts 济南高新技术产业开发区 and is on no chemical-park list.
        var snapshot = Samples.Snapshot();
        var lixia = snapshot.Find("370102")!;
        Assert.NotNull(Samples.Model().Exclude(Project("2614", landMu: 0), lixia, snapshot));

        var park = lixia.Parks[0];
        var marked = lixia with { Parks = [park with { Profile = park.Profile with { ChemicalPark = new Flag(true, FigureSource.Coordinator) } }, .. lixia.Parks.Skip(1)] };
        var edited = snapshot.With(marked);

        Assert.Null(Samples.Model().Exclude(Project("2614", landMu: 0), marked, edited));
        Assert.NotNull(Samples.Model().Assess(Project("2614", landMu: 0), marked, edited).Fit);
    }

    [Fact]
    public void A_county_with_listed_companies_in_the_division_shows_them_in_its_reasons()
    {
        // 潍柴动力 (C36) is registered in 潍坊高新区, placed in 奎文区 through the zone table.
        var snapshot = Samples.Snapshot();
        var kuiwen = snapshot.Find("370705")!;
        Assert.Contains(kuiwen.Evidence, e => e.Kind == EvidenceKind.ListedCompany && e.Subject == "潍柴动力");

        var fit = Samples.Model().Assess(Project("3670"), kuiwen, snapshot).Fit!;

        var agglomeration = fit.Factors.Single(f => f.Name == "agglomeration");
        Assert.Contains("上市公司", agglomeration.Reason);
        Assert.Contains("潍柴动力", agglomeration.Reason);
        Assert.Contains("满分 30", agglomeration.Reason);
        Assert.True(agglomeration.Points > 0);

        // Hidden, the company no longer counts.
        var hidden = kuiwen with { Hidden = "潍柴动力" };
        var without = Samples.Model().Assess(Project("3670"), hidden, snapshot.With(hidden)).Fit!;
        Assert.True(without.Score < fit.Score);
        Assert.DoesNotContain(without.Factors, f => f.Reason.Contains("潍柴动力"));
    }

    [Fact]
    public void Evidence_ages_and_counts_by_kind_with_weights_from_configuration()
    {
        var model = Samples.Model();
        var listed = new EvidenceItem(EvidenceKind.ListedCompany, "x", 2025, [IndustryCode.Parse("36")], "s");
        var old = listed with { Year = 2013 };

        Assert.Equal(1, model.Weigh(listed, IndustryLevel.Class, 2025), 6);
        Assert.Equal(0.25, model.Weigh(old, IndustryLevel.Class, 2025), 6); // two half-lives of 6 years
        Assert.Equal(0.6, model.Weigh(listed, IndustryLevel.Division, 2025), 6);
        Assert.Equal(0, model.Weigh(listed, null, 2025));
        Assert.Equal(3, Samples.Model(new MatchWeights { EvidenceListedCompany = 3 }).Weigh(listed, IndustryLevel.Class, 2025), 6);
    }

    [Fact]
    public void A_top_100_county_gets_economic_strength_full_for_large_projects_half_for_small()
    {
        var snapshot = Samples.Snapshot();
        var longkou = snapshot.Find("370681")!; // 龙口市, 2023 CCID rank 8

        var large = Samples.Model().Assess(Project("3670", investment: 500_000), longkou, snapshot).Fit!.Factors.Single(f => f.Name == "strength");
        var small = Samples.Model().Assess(Project("3670", investment: 5_000), longkou, snapshot).Fit!.Factors.Single(f => f.Name == "strength");

        Assert.Contains("第 8 位", large.Reason);
        Assert.Equal(2 * small.Points, large.Points, 1);
        Assert.InRange(large.Points, 7, 10); // a 2023 list aged to the 2025 evidence
    }

    [Fact]
    public void Industry_reasons_give_the_score_scale()
    {
        var snapshot = Samples.Snapshot();

        var (fits, _) = Samples.Model().Rank(Project("3670"), snapshot.All, snapshot);

        Assert.All(fits, f => Assert.Matches(@"契合度 \d+/100", f.Factors.Single(x => x.Name == "industry").Reason));
    }

    [Theory]
    [InlineData("3670", false)]
    [InlineData("2614", false)]
    [InlineData("2511", true)]
    public void The_fast_score_equals_the_explained_score_and_excludes_alike(string code, bool highEnergy)
    {
        var snapshot = Samples.Snapshot(awards: new RecentAward("370705", IndustryCode.Parse("3670"), DateTimeOffset.UnixEpoch));
        var project = Project(code) with { HighEnergy = highEnergy, EnergyTce = 60_000, FirstContactCounty = "370705" };
        var model = Samples.Model();

        Assert.All(snapshot.All, candidate =>
        {
            var assessed = model.Assess(project, candidate, snapshot);
            Assert.Equal(assessed.Fit?.Score, model.Score(project, candidate, snapshot));
        });
    }
}

public sealed class WeightCalibrationTests
{
    [Fact]
    public void Calibration_on_a_small_labelled_set_changes_the_weights_and_raises_mrr()
    {
        // Projects that went to top-100 counties without their industry in the profile: economic strength
        // should gain weight, industry fit lose it.
        var snapshot = Samples.Snapshot();
        var cases = new[] { ("3670", "370681"), ("3670", "370281"), ("3841", "370481"), ("2720", "371082"), ("3670", "370783"), ("3811", "370883") }
            .Select(x => new LabelledCase(new Matching.Domain.Projects.ProjectDetails(
                "标注", "", IndustryCode.Parse(x.Item1), null, null, 500_000, 0, 0, 0, 0, false, false,
                new Matching.Domain.Projects.Investor("x", null, Matching.Domain.Projects.InvestorKind.Private), null, null), x.Item2))
            .ToArray();

        var result = WeightCalibration.Fit(cases, snapshot, new MatchWeights(), w => Samples.Model(w), rounds: 2);

        Assert.NotEmpty(result.Changed);
        Assert.True(result.After.Mrr > result.Before.Mrr, $"{result.Before.Mrr} → {result.After.Mrr}");
        Assert.All(result.Changed, c => Assert.Equal(c.Value, WeightCalibration.Get(result.Weights, c.Key)));
        Assert.Equal(result.After, WeightCalibration.Measure(cases, snapshot, Samples.Model(result.Weights)));
    }
}

public sealed class AwardEvidenceTests
{
    [Fact]
    public void An_award_on_the_platform_becomes_dated_evidence_for_the_county_beside_the_differentiation_penalty()
    {
        var project = new Matching.Domain.Projects.ProjectDetails(
            "测试", "", IndustryCode.Parse("3841"), null, null, 200_000, 0, 0, 0, 0, false, false,
            new Matching.Domain.Projects.Investor("x", null, Matching.Domain.Projects.InvestorKind.Private), null, null);
        var before = Samples.Snapshot();
        var after = Samples.Snapshot(awards: new RecentAward("371321", IndustryCode.Parse("3841"), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));

        var award = Assert.Single(after.TraitsOf(after.Find("371321")!).IndustryEvidence, e => e.Kind == Matching.Domain.Evidence.EvidenceKind.Award);
        Assert.Equal(2026, award.Year);
        var fit = Samples.Model().Assess(project, after.Find("371321")!, after).Fit!;
        Assert.Contains("平台", fit.Factors.Single(f => f.Name == "agglomeration").Reason);
        Assert.Contains(fit.Factors, f => f.Name == "recentAwards" && f.Points < 0);
        Assert.DoesNotContain(Samples.Model().Assess(project, before.Find("371321")!, before).Fit!.Factors, f => f.Reason.Contains("平台统筹决定"));
    }
}
