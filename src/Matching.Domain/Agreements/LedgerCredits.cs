namespace Matching.Domain.Agreements;

/// <summary>
/// What one agreement credits each county with, per ledger, year and indicator: the lines of its
/// official and assessment ledgers (<see cref="AgreementLedgers"/>) for every year it shares, as the
/// yearly county report sums them. Only a current (confirmed) agreement credits anything: a draft is not
/// yet agreed, and a superseded one was replaced or ended by a later decision, so its years are no longer anyone's. Stored as the agreement's current parts of
/// the per-(county, year) sums, so that a changed agreement or amount replaces its parts and the
/// sums move by the difference, instead of a report re-reading every agreement.
/// </summary>
public static class LedgerCredits
{
    /// <summary>The name of one sum: a county's credit in a ledger, for one year and indicator.</summary>
    public static string SumOf(LedgerKind ledger, int year, string county, SharedIndicator indicator) =>
        $"{(ledger == LedgerKind.Official ? "official" : "assessment")}|{year:D4}|{county}|{indicator}";

    /// <summary>The names of a county's sums of a year, for <see cref="Read"/>.</summary>
    public static IEnumerable<string> SumsOf(string county, int year) =>
        from ledger in new[] { LedgerKind.Official, LedgerKind.Assessment }
        from indicator in SharedIndicators.All
        select SumOf(ledger, year, county, indicator);

    /// <summary>
    /// The agreement's credits, non-zero only: sum name → 万元.
    /// </summary>
    /// <param name="agreement">The project's agreement.</param>
    /// <param name="fromStages">What its confirmed stage reports realised (<see cref="RealisedAmounts.FromStages"/>).</param>
    /// <param name="recorded">The figures a coordinator recorded for a year (none when nothing was recorded).</param>
    public static IReadOnlyDictionary<string, decimal> Of(Agreement agreement, IReadOnlyList<RealisedAmount> fromStages, Func<int, IReadOnlyList<RealisedAmount>> recorded)
    {
        var parts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (agreement.Status != AgreementStatus.Confirmed) return parts;
        for (var year = agreement.FirstYear; year <= agreement.LastYear; year++)
        {
            var amounts = RealisedAmounts.ForYear(fromStages, recorded(year), year);
            foreach (var ledger in new[] { AgreementLedgers.Official(agreement, year, amounts), AgreementLedgers.Assessment(agreement, year, amounts) })
                foreach (var line in ledger.Lines)
                    foreach (var indicator in SharedIndicators.All)
                    {
                        var amount = line.Amounts.Of(indicator);
                        if (amount == 0) continue;
                        var name = SumOf(ledger.Kind, year, line.County, indicator);
                        parts[name] = parts.GetValueOrDefault(name) + amount;
                    }
        }

        return parts;
    }

    /// <summary>A county's two ledgers of a year from its sums (see <see cref="SumsOf"/>).</summary>
    public static (IndicatorAmounts Official, IndicatorAmounts Assessment) Read(IReadOnlyDictionary<string, decimal> sums, string county, int year)
    {
        IndicatorAmounts Of(LedgerKind ledger) => new(
            sums.GetValueOrDefault(SumOf(ledger, year, county, SharedIndicator.FixedAssetInvestment)),
            sums.GetValueOrDefault(SumOf(ledger, year, county, SharedIndicator.OutputValue)),
            sums.GetValueOrDefault(SumOf(ledger, year, county, SharedIndicator.RetainedTax)));
        return (Of(LedgerKind.Official), Of(LedgerKind.Assessment));
    }
}
