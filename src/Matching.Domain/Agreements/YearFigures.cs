using Matching.Domain.Validation;

namespace Matching.Domain.Agreements;

/// <summary>
/// A year's figures for an agreement's project as a coordinator records them from the year's statistics
/// (产值 and 地方留成税收 after 达产; investment where no stage report carries it), with their source.
/// </summary>
/// <param name="FixedAssetInvestment">万元, not below zero; null for none recorded.</param>
/// <param name="OutputValue">万元, not below zero; null for none recorded.</param>
/// <param name="RetainedTax">万元, not below zero; null for none recorded.</param>
/// <param name="Source">Where the figures come from (e.g. 县统计局年报).</param>
public sealed record YearFiguresInput(decimal? FixedAssetInvestment, decimal? OutputValue, decimal? RetainedTax, string? Source)
{
    /// <summary>The figures as realised amounts counted on the last day of the year.</summary>
    /// <exception cref="DomainValidationException">A negative amount, no amount, or no source.</exception>
    public IReadOnlyList<RealisedAmount> Validate(int year, string verifiedBy)
    {
        var errors = new FieldErrors();
        var source = TextInput.Check(Source, "source", 200, errors);
        if (source.Length == 0) errors.Add("source", "必填：数据来源（如县统计局年报、达产报告）。");
        var given = new[] { (SharedIndicator.FixedAssetInvestment, FixedAssetInvestment, "fixedAssetInvestment"), (SharedIndicator.OutputValue, OutputValue, "outputValue"), (SharedIndicator.RetainedTax, RetainedTax, "retainedTax") };
        foreach (var (_, amount, field) in given)
            MoneyInput.Check(amount, field, errors, required: false);
        if (given.All(g => g.Item2 is null)) errors.Add("outputValue", "至少填写一项：fixedAssetInvestment、outputValue 或 retainedTax。");
        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        var on = new DateOnly(year, 12, 31);
        return [.. given.Where(g => g.Item2 is not null).Select(g => new RealisedAmount(g.Item1, on, g.Item2!.Value, source, verifiedBy))];
    }
}
