using Matching.Domain.Landing;

namespace Matching.Domain.Agreements;

/// <summary>
/// An amount a project realised, with its evidence: the ledgers are computed from these and show them.
/// </summary>
/// <param name="Indicator">Which indicator.</param>
/// <param name="On">The day it counts on (its calendar year is the ledger year).</param>
/// <param name="Amount">万元; never negative.</param>
/// <param name="Source">Where it comes from (a confirmed stage report, the year's statistics), in words.</param>
/// <param name="VerifiedBy">The coordinator who confirmed it.</param>
public sealed record RealisedAmount(SharedIndicator Indicator, DateOnly On, decimal Amount, string Source, string VerifiedBy);

/// <summary>Turning reported figures into the realised amounts of a year.</summary>
public static class RealisedAmounts
{
    /// <summary>The sum of each indicator.</summary>
    public static IndicatorAmounts Sum(IEnumerable<RealisedAmount> amounts) =>
        amounts.Aggregate(IndicatorAmounts.Zero, (sum, a) => sum.With(a.Indicator, sum.Of(a.Indicator) + a.Amount));

    /// <summary>The amounts that count in a calendar year.</summary>
    public static IReadOnlyList<RealisedAmount> In(IEnumerable<RealisedAmount> amounts, int year) => [.. amounts.Where(a => a.On.Year == year)];

    /// <summary>
    /// Fixed-asset investment from funds-arrival (资金到位) reports, which state a cumulative total: each
    /// confirmed report adds its increase over the previous one, on its own day, so a year's investment is
    /// what arrived in that year and a corrected (lower) cumulative figure takes nothing back twice.
    /// </summary>
    /// <param name="reports">Confirmed reports: day, cumulative 万元, what they are, who confirmed them.</param>
    public static IReadOnlyList<RealisedAmount> FromFundsArrivals(IEnumerable<(DateOnly On, decimal Cumulative, string Source, string VerifiedBy)> reports)
    {
        var result = new List<RealisedAmount>();
        var before = 0m;
        foreach (var report in reports.OrderBy(r => r.On))
        {
            var increase = report.Cumulative - before;
            if (increase > 0) result.Add(new RealisedAmount(SharedIndicator.FixedAssetInvestment, report.On, increase, report.Source, report.VerifiedBy));
            before = Math.Max(before, report.Cumulative);
        }

        return result;
    }

    /// <summary>
    /// The amounts confirmed stage reports realise: fixed-asset investment from 资金到位 (the increase of
    /// each confirmed cumulative report, on its date), output value and retained tax from 达产 (the
    /// yearly figures the report states, counted in the year capacity was reached; its tax is taken as
    /// the county's retained share). Reports that were returned or still await review count nothing.
    /// </summary>
    public static IReadOnlyList<RealisedAmount> FromStages(IEnumerable<LandingReport> confirmed)
    {
        var reports = confirmed.Where(r => r.Status == LandingReportStatus.Confirmed).ToArray();
        var amounts = FromFundsArrivals(reports
            .Where(r => r.Stage == LandingStage.FundsArrived && r.Figures.CumulativeFunds is not null)
            .Select(r => (r.Figures.Date, r.Figures.CumulativeFunds!.Value, $"资金到位报告第 {r.Number} 号", r.ReviewedBy ?? ""))).ToList();
        foreach (var r in reports.Where(r => r.Stage == LandingStage.AtCapacity))
        {
            if (r.Figures.OutputValue is { } output)
                amounts.Add(new RealisedAmount(SharedIndicator.OutputValue, r.Figures.Date, output, $"达产报告第 {r.Number} 号", r.ReviewedBy ?? ""));
            if (r.Figures.Tax is { } tax)
                amounts.Add(new RealisedAmount(SharedIndicator.RetainedTax, r.Figures.Date, tax, $"达产报告第 {r.Number} 号", r.ReviewedBy ?? ""));
        }

        return amounts;
    }

    /// <summary>
    /// A year's realised amounts: what confirmed stage reports realised in it, except that an indicator
    /// a coordinator recorded for the year (the year's statistics) is taken from that record instead.
    /// </summary>
    public static IReadOnlyList<RealisedAmount> ForYear(IEnumerable<RealisedAmount> fromStages, IReadOnlyList<RealisedAmount> recorded, int year)
    {
        var overridden = recorded.Select(r => r.Indicator).ToHashSet();
        return [.. In(fromStages, year).Where(a => !overridden.Contains(a.Indicator)), .. In(recorded, year)];
    }
}
