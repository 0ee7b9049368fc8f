using Matching.Domain.Agreements;

namespace Matching.Domain.Tests;

public sealed class AgreementLedgerTests
{
    private static Agreement ThreeParties(params SharedIndicator[] shared) => new(
        Guid.NewGuid(), "三方共建项目", AgreementKind.CoBuild, "370102",
        [new("370102", 50), new("370105", 33.33m), new("370112", 16.67m)], AgreementInput.Custom, 2026, 5, shared, 3, "coordinator", DateTimeOffset.UnixEpoch);

    private static RealisedAmount Amount(SharedIndicator indicator, decimal amount, int year = 2026) =>
        new(indicator, new DateOnly(year, 6, 30), amount, "资金到位报告", "coordinator");

    [Fact]
    public void Every_assessment_column_sums_to_what_was_realised_the_rounding_remainder_going_to_the_host()
    {
        var agreement = ThreeParties(SharedIndicator.RetainedTax, SharedIndicator.OutputValue);
        IReadOnlyList<RealisedAmount> amounts = [Amount(SharedIndicator.RetainedTax, 100.01m), Amount(SharedIndicator.OutputValue, 777.77m), Amount(SharedIndicator.FixedAssetInvestment, 1234m)];

        var assessment = AgreementLedgers.Assessment(agreement, 2026, amounts);

        foreach (var indicator in SharedIndicators.All)
            Assert.Equal(RealisedAmounts.Sum(amounts).Of(indicator), assessment.Lines.Sum(l => l.Amounts.Of(indicator)));
        Assert.Equal(33.33m, assessment.Lines.Single(l => l.County == "370105").Amounts.RetainedTax);
        Assert.Equal(16.67m, assessment.Lines.Single(l => l.County == "370112").Amounts.RetainedTax);
        Assert.Equal(50.01m, assessment.Lines.Single(l => l.County == "370102").Amounts.RetainedTax);
        // Not shared: all at the host.
        Assert.Equal(1234m, assessment.Lines.Single(l => l.County == "370102").Amounts.FixedAssetInvestment);
    }

    [Fact]
    public void The_official_ledger_credits_the_host_with_everything_and_the_partners_with_nothing()
    {
        var agreement = ThreeParties(SharedIndicator.RetainedTax);
        var official = AgreementLedgers.Official(agreement, 2026, [Amount(SharedIndicator.RetainedTax, 90m), Amount(SharedIndicator.RetainedTax, 10m)]);

        Assert.Equal(100m, official.Lines.Single(l => l.County == "370102").Amounts.RetainedTax);
        Assert.All(official.Lines.Where(l => l.County != "370102"), l => Assert.Equal(IndicatorAmounts.Zero, l.Amounts));
    }

    [Fact]
    public void Funds_arrivals_count_the_increase_of_each_cumulative_report_in_its_own_year()
    {
        var amounts = RealisedAmounts.FromFundsArrivals(
        [
            (new DateOnly(2027, 3, 1), 5000m, "第二次到位", "coordinator"),
            (new DateOnly(2026, 5, 1), 2000m, "首次到位", "coordinator"),
            (new DateOnly(2026, 11, 1), 3000m, "追加到位", "coordinator"),
        ]);

        Assert.Equal(3000m, RealisedAmounts.Sum(RealisedAmounts.In(amounts, 2026)).FixedAssetInvestment);
        Assert.Equal(2000m, RealisedAmounts.Sum(RealisedAmounts.In(amounts, 2027)).FixedAssetInvestment);
    }
}
