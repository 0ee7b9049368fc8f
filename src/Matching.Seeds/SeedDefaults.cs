namespace Matching.Seeds;

/// <summary>
/// Values the sources do not give, seeded as plainly labelled defaults (source <c>Default</c>) until a
/// county or coordinator sets the real figure. Read from <c>seeds/defaults.json</c>.
/// </summary>
public sealed record SeedDefaults
{
    /// <summary>Remaining land quota of a county, 亩.</summary>
    public decimal CountyLandQuotaMu { get; init; }

    /// <summary>Remaining energy quota of a county, 吨标准煤 per year.</summary>
    public decimal CountyEnergyQuotaTce { get; init; }

    /// <summary>
    /// Minimum industrial land price of a county, 万元/亩, until the county or a coordinator sets its grade:
    /// the national standard's lowest grade (15th, 60 元/m²), so that only offers below any Shandong floor are rejected by default.
    /// </summary>
    public decimal CountyLandPriceFloorWanPerMu { get; init; }

    /// <summary>Share of a park's approved area assumed still available for new projects.</summary>
    public decimal ParkAvailableShareOfArea { get; init; }

    /// <summary>Available land of a park whose area is unknown, 亩.</summary>
    public decimal ParkAvailableLandMuWhenAreaUnknown { get; init; }

    /// <summary>Benchmark 亩均投资 by park level (national, provincial, other), 万元/亩.</summary>
    public required Dictionary<string, decimal> InvestmentPerMu { get; init; }

    /// <summary>Benchmark 亩均税收 by park level, 万元/亩/年.</summary>
    public required Dictionary<string, decimal> TaxPerMu { get; init; }

    /// <summary>Strength given to a featured-cluster industry, to a national park's and to a provincial park's main industries.</summary>
    public required Dictionary<string, int> FeaturedStrength { get; init; }
}
