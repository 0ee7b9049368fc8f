using Matching.Domain.Agreements;
using Matching.Domain.Cockpit;
using Matching.Domain.Landing;

namespace Matching.Domain.Reports;

/// <summary>One figure of the yearly county report, with the rule that produced it written out.</summary>
/// <param name="Key">Stable name (the Excel column, the tests).</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Value">The figure.</param>
/// <param name="Unit">个, 万元, %.</param>
/// <param name="Rule">How it is counted, in words an evaluator can check.</param>
public sealed record ReportIndicator(string Key, string Name, decimal Value, string Unit, string Rule);

/// <summary>What the platform saw of one county in one year (县域经济发展评价报告 input).</summary>
public sealed record CountyYearReport(string County, string CountyName, string PrefectureName, int Year, IReadOnlyList<ReportIndicator> Indicators)
{
    /// <summary>An indicator by key.</summary>
    public decimal this[string key] => Indicators.Single(i => i.Key == key).Value;
}

/// <summary>The stored facts a county's year is computed from.</summary>
/// <param name="FitProjects">Projects pushed to the county's inbox in the year (still there: a withdrawn project leaves it).</param>
/// <param name="Bids">Projects the county first bid on in the year.</param>
/// <param name="Settled">The county's projects settled by an award or co-build decision made in the year (<see cref="CountyYearSettled"/>).</param>
/// <param name="Official">The county's lines of its agreements' official ledgers for the year, summed.</param>
/// <param name="Assessment">The same for the assessment-only ledgers.</param>
public sealed record CountyYearFacts(int FitProjects, int Bids, CountyYearSettled Settled, IndicatorAmounts Official, IndicatorAmounts Assessment);

/// <summary>The yearly county report's rules, in one place.</summary>
public static class CountyYearReports
{
    /// <summary>The report of <paramref name="county"/> for <paramref name="year"/>.</summary>
    public static CountyYearReport Compute(string county, string countyName, string prefectureName, int year, CountyYearFacts facts)
    {
        var settled = facts.Settled;
        var investment = settled.Investment;
        var led = settled.Led;
        var divisions = settled.Divisions.Values.OrderDescending().ToList();
        var topShare = settled.Hosted == 0 || divisions.Count == 0 ? 0 : Math.Round(100m * divisions[0] / settled.Hosted, 1);
        int Stage(LandingStage stage) => settled.Stage(stage);
        // As the landing funnel rounds it (签约→开工: started over signed, one decimal).
        decimal Conversion(LandingStage stage) => settled.Stage(stage - 1) is var before and > 0 ? (decimal)Math.Round(100.0 * settled.Stage(stage) / before, 1) : 0;

        ReportIndicator[] indicators =
        [
            new("fitProjects", "契合推送项目", facts.FitProjects, "个", "本年首次推送至本县收件箱的项目数（契合度达到推送阈值；其后撤回、作出决定而移出收件箱的也计入）。"),
            new("bids", "表达意向项目", facts.Bids, "个", "本县本年首次表达意向的项目数（其后撤回的也计入）。"),
            new("hosted", "统筹落地项目", settled.Hosted, "个", "本年作出的统筹决定中，落地本县或本县参与共建的项目数（转介、重新开放、驳回不计）。"),
            new("led", "其中牵头落地", led, "个", "上项中本县为落地县或共建牵头县的项目数。"),
            new("hostedInvestment", "落地投资额", investment, "万元", "独立落地的项目计全额；共建项目按决定中的本县份额计（份额 × 计划总投资）。"),
            new("signed", "已签约", Stage(LandingStage.Signed), "个", "本县独立或牵头落地的上述项目中，签约已经统筹协调员确认的项目数（落地进度由落地县报告）。"),
            new("started", "已开工", Stage(LandingStage.Started), "个", "其中开工已经确认的项目数。"),
            new("funds", "资金到位", Stage(LandingStage.FundsArrived), "个", "其中至少一次资金到位报告已经确认的项目数。"),
            new("producing", "已投产", Stage(LandingStage.Producing), "个", "其中投产已经确认的项目数。"),
            new("atCapacity", "已达产", Stage(LandingStage.AtCapacity), "个", "其中达产已经确认的项目数。"),
            new("signedToStarted", "签约开工转化率", Conversion(LandingStage.Started), "%", "已开工项目数 ÷ 已签约项目数 × 100（无签约为 0）。"),
            new("overdue", "逾期项目", settled.Overdue, "个", "本县独立或牵头落地的项目中，某一阶段超过时限仍未完成的项目数（时限见落地规则）。"),
            new("officialInvestment", "统计口径固定资产投资", facts.Official.FixedAssetInvestment, "万元", "本县参与的利益分享协议，本年正式台账中计入本县的固定资产投资之和（统计口径：全部计入项目所在县）。"),
            new("officialOutput", "统计口径产值", facts.Official.OutputValue, "万元", "同上，产值。"),
            new("officialTax", "统计口径地方留成税收", facts.Official.RetainedTax, "万元", "同上，地方留成税收。"),
            new("assessmentInvestment", "考核口径固定资产投资", facts.Assessment.FixedAssetInvestment, "万元", "同一协议的考核台账中计入本县的数额：共享指标按协议份额分劈（仅供考核，不对外公布）。"),
            new("assessmentOutput", "考核口径产值", facts.Assessment.OutputValue, "万元", "同上，产值。"),
            new("assessmentTax", "考核口径地方留成税收", facts.Assessment.RetainedTax, "万元", "同上，地方留成税收。"),
            new("divisions", "落地行业大类数", divisions.Count, "个", "落地项目分属的国民经济行业（GB/T 4754-2017）大类数。"),
            new("topDivisionShare", "最大行业大类占比", topShare, "%", "落地项目最多的一个行业大类所占项目数比重；越高越集中，用于观察差异化发展（无落地为 0）。"),
        ];
        return new CountyYearReport(county, countyName, prefectureName, year, indicators);
    }

    /// <summary>The investment credited to a county: all of an award, its share of a co-build.</summary>
    public static decimal Credited(SettledProject project, string county) =>
        project.Shares.Count == 0
            ? project.Lead == county ? project.Investment : 0
            : Math.Round(project.Investment * (project.Shares.FirstOrDefault(s => s.County == county)?.Percent ?? 0) / 100, 2);
}
