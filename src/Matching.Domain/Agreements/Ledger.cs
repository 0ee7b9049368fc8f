namespace Matching.Domain.Agreements;

/// <summary>Amounts of the three indicators, 万元 (10k CNY).</summary>
public sealed record IndicatorAmounts(decimal FixedAssetInvestment, decimal OutputValue, decimal RetainedTax)
{
    /// <summary>Nothing.</summary>
    public static IndicatorAmounts Zero { get; } = new(0, 0, 0);

    /// <summary>One indicator's amount.</summary>
    public decimal Of(SharedIndicator indicator) => indicator switch
    {
        SharedIndicator.FixedAssetInvestment => FixedAssetInvestment,
        SharedIndicator.OutputValue => OutputValue,
        _ => RetainedTax,
    };

    /// <summary>These amounts with one indicator's replaced.</summary>
    public IndicatorAmounts With(SharedIndicator indicator, decimal amount) => indicator switch
    {
        SharedIndicator.FixedAssetInvestment => this with { FixedAssetInvestment = amount },
        SharedIndicator.OutputValue => this with { OutputValue = amount },
        _ => this with { RetainedTax = amount },
    };
}

/// <summary>Which ledger.</summary>
public enum LedgerKind
{
    /// <summary>The official statistics (统计口径): everything counted where the firm is. Public.</summary>
    Official,
    /// <summary>The assessment-only ledger (考核口径): shared indicators split by the agreement. Parties and coordinators only; never published.</summary>
    Assessment,
}

/// <summary>What one county is credited with in a ledger.</summary>
public sealed record LedgerLine(string County, IndicatorAmounts Amounts);

/// <summary>One ledger of one agreement year: the realised amounts, where they came from, and each party's credit.</summary>
/// <param name="Kind">Official or assessment.</param>
/// <param name="Year">The calendar year.</param>
/// <param name="Realised">What the project realised in the year.</param>
/// <param name="Sources">Where each realised amount comes from.</param>
/// <param name="Lines">Each party's credit, the host first; per indicator they sum to <paramref name="Realised"/>.</param>
public sealed record Ledger(LedgerKind Kind, int Year, IndicatorAmounts Realised, IReadOnlyList<RealisedAmount> Sources, IReadOnlyList<LedgerLine> Lines);

/// <summary>
/// The two ledgers of an agreement year. The official ledger credits the host county (where the firm
/// is) with everything, the partners with nothing: that is how the statistics count. The assessment
/// ledger splits each shared indicator by the shares, rounded to 0.01 万元 with the remainder to the
/// host so that every column still sums to what was realised; an indicator the agreement does not
/// share stays with the host there too.
/// </summary>
public static class AgreementLedgers
{
    /// <summary>The official ledger of a year.</summary>
    public static Ledger Official(Agreement agreement, int year, IReadOnlyList<RealisedAmount> amounts)
    {
        var realised = RealisedAmounts.Sum(amounts);
        return new Ledger(LedgerKind.Official, year, realised, amounts,
            [.. agreement.Shares.Select(s => new LedgerLine(s.County, s.County == agreement.HostCounty ? realised : IndicatorAmounts.Zero))]);
    }

    /// <summary>The assessment-only ledger of a year.</summary>
    public static Ledger Assessment(Agreement agreement, int year, IReadOnlyList<RealisedAmount> amounts)
    {
        var realised = RealisedAmounts.Sum(amounts);
        var credits = agreement.Shares.ToDictionary(s => s.County, _ => IndicatorAmounts.Zero);
        foreach (var indicator in SharedIndicators.All)
        {
            var total = realised.Of(indicator);
            var given = 0m;
            if (agreement.Splits(indicator))
            {
                foreach (var partner in agreement.Shares.Where(s => s.County != agreement.HostCounty))
                {
                    var part = decimal.Round(total * partner.Percent / 100, 2, MidpointRounding.AwayFromZero);
                    credits[partner.County] = credits[partner.County].With(indicator, part);
                    given += part;
                }
            }

            credits[agreement.HostCounty] = credits[agreement.HostCounty].With(indicator, total - given);
        }

        return new Ledger(LedgerKind.Assessment, year, realised, amounts, [.. agreement.Shares.Select(s => new LedgerLine(s.County, credits[s.County]))]);
    }
}
