using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

/// <summary>Industry nearby: the listed companies and clusters of the project's industry in neighbouring counties and the rest of the prefecture, on the real seeds.</summary>
public sealed class SpilloverFitTests
{
    private const string Weicheng = "370702"; // 潍城区: neighbours 寒亭区, 坊子区, 奎文区 (潍柴动力, C36), 昌乐县, 寿光市
    private const string Hanting = "370703";  // 寒亭区, a neighbour of 潍城区
    private const string Zhucheng = "370782"; // 诸城市, same prefecture (潍坊), not a neighbour of 潍城区
    private const string Lixia = "370102";    // 历下区, 济南: another prefecture

    private static ProjectDetails Project(string code) => new(
        "测试项目", "", IndustryCode.Parse(code), null, null, 200_000, 0, 2000, 300, 5000, false, false,
        new Investor("某企业", null, InvestorKind.Private), null, null);

    private static double Spillover(FitModel model, MatchingSnapshot snapshot, string adcode, string code) =>
        model.Assess(Project(code), snapshot.Find(adcode)!, snapshot).Fit!.Factors.Where(f => f.Name == "spillover").Sum(f => f.Points);

    [Fact]
    public void A_county_next_to_listed_companies_of_the_industry_shows_them_with_their_county_units_and_scale()
    {
        var snapshot = Samples.Snapshot();

        var fit = Samples.Model().Assess(Project("3670"), snapshot.Find(Weicheng)!, snapshot).Fit!;

        var nearby = fit.Factors.Single(f => f.Name == "spillover");
        Assert.True(nearby.Points > 0);
        Assert.StartsWith("周边集聚：相邻县区 ", nearby.Reason, StringComparison.Ordinal);
        Assert.Contains("奎文区 有 ", nearby.Reason);
        Assert.Contains("家上市公司", nearby.Reason);
        Assert.Contains("（按 50% 计）", nearby.Reason);
        Assert.Contains("大类 36（汽车制造业）", nearby.Reason);
        Assert.Contains("满分 20 分", nearby.Reason);
        Assert.Contains($"+{nearby.Points:0.#} 分", nearby.Reason);
    }

    [Fact]
    public void A_county_own_evidence_counts_for_its_neighbours_not_as_its_own_industry_nearby()
    {
        var snapshot = Samples.Snapshot();
        var kuiwen = snapshot.Find("370705")!;
        var hidden = kuiwen with { Hidden = "潍柴动力" };
        var without = snapshot.With(hidden);
        var model = Samples.Model();

        // Hiding 潍柴动力 (奎文区) leaves 奎文区's own industry nearby as it was, and lowers its neighbour 潍城区's.
        Assert.Equal(Spillover(model, snapshot, "370705", "3670"), Spillover(model, without, "370705", "3670"));
        Assert.True(Spillover(model, without, Weicheng, "3670") < Spillover(model, snapshot, Weicheng, "3670"));
    }

    [Fact]
    public void A_neighbour_counts_more_than_the_rest_of_the_prefecture_and_another_prefecture_not_at_all()
    {
        var snapshot = Samples.Snapshot();
        var model = Samples.Model();
        var listed = new EvidenceItem(EvidenceKind.ListedCompany, "测试上市公司（C40）", 2025, [IndustryCode.Parse("40")], "测试", Subject: "测试仪表");
        MatchingSnapshot WithCompanyIn(string adcode)
        {
            var county = snapshot.Find(adcode)!;
            return snapshot.With(county with { ExtraEvidence = [.. county.ExtraEvidence ?? [], listed, listed with { Subject = "测试仪表二" }] });
        }

        var before = Spillover(model, snapshot, Weicheng, "4011");
        var neighbour = Spillover(model, WithCompanyIn(Hanting), Weicheng, "4011");
        var prefecture = Spillover(model, WithCompanyIn(Zhucheng), Weicheng, "4011");
        var elsewhere = Spillover(model, WithCompanyIn(Lixia), Weicheng, "4011");

        Assert.True(neighbour > prefecture, $"neighbour {neighbour}, prefecture {prefecture}");
        Assert.True(prefecture > before, $"prefecture {prefecture}, before {before}");
        Assert.Equal(before, elsewhere);
        var reason = model.Assess(Project("4011"), WithCompanyIn(Zhucheng).Find(Weicheng)!, WithCompanyIn(Zhucheng)).Fit!.Factors.Single(f => f.Name == "spillover").Reason;
        Assert.Contains("潍坊市其他县区 ", reason);
        Assert.Contains("（按 20% 计）", reason);
    }

    [Fact]
    public void Zone_main_industries_do_not_spill_and_the_factor_is_off_at_zero()
    {
        var snapshot = Samples.Snapshot();
        var zone = new EvidenceItem(EvidenceKind.ZoneMainIndustry, "测试开发区主导产业", 2025, [IndustryCode.Parse("40")], "测试", Subject: "测试开发区");
        var hanting = snapshot.Find(Hanting)!;
        var withZone = snapshot.With(hanting with { ExtraEvidence = [zone] });
        var model = Samples.Model();

        Assert.Equal(Spillover(model, snapshot, Weicheng, "4011"), Spillover(model, withZone, Weicheng, "4011"));
        var off = Samples.Model(new MatchWeights { SpilloverMax = 0 });
        Assert.Equal(0, Spillover(off, snapshot, Weicheng, "3670"));
        Assert.True(Spillover(model, snapshot, Weicheng, "3670") > 0);
    }

    [Fact]
    public void The_indexed_ranking_gives_the_same_totals_with_industry_nearby()
    {
        var snapshot = Samples.Snapshot();
        var model = Samples.Model();
        foreach (var code in new[] { "3670", "3612", "4011", "2614", "3841", "1713" })
        {
            var project = Project(code);
            var totals = model.ScoreAll(project, snapshot);
            for (var i = 0; i < snapshot.All.Count; i++)
                Assert.Equal(model.Score(project, snapshot.All[i], snapshot), totals[i]);
        }
    }
}
