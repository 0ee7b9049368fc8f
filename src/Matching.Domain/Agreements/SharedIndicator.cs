namespace Matching.Domain.Agreements;

/// <summary>An indicator a benefit-sharing agreement may split between its parties (amounts in 万元, 10k CNY).</summary>
public enum SharedIndicator
{
    /// <summary>Retained tax (地方留成税收): the local share of the taxes the project pays in a year.</summary>
    RetainedTax,
    /// <summary>Output value (产值) in a year.</summary>
    OutputValue,
    /// <summary>Fixed-asset investment (固定资产投资) made in a year.</summary>
    FixedAssetInvestment,
}

/// <summary>Chinese labels of the indicators.</summary>
public static class SharedIndicators
{
    /// <summary>Every indicator, in the order ledgers show them.</summary>
    public static IReadOnlyList<SharedIndicator> All { get; } = [SharedIndicator.FixedAssetInvestment, SharedIndicator.OutputValue, SharedIndicator.RetainedTax];

    /// <summary>The label shown to officials.</summary>
    public static string Label(SharedIndicator indicator) => indicator switch
    {
        SharedIndicator.RetainedTax => "地方留成税收",
        SharedIndicator.OutputValue => "产值",
        SharedIndicator.FixedAssetInvestment => "固定资产投资",
        _ => indicator.ToString(),
    };
}
