namespace Matching.Domain.Compliance;

/// <summary>
/// Units of industrial land prices. The national minimum standard (全国工业用地出让最低价标准) is in
/// 元 per m² of land; offers on the platform are in 万元 per 亩.
/// </summary>
public static class IndustrialLandPrice
{
    /// <summary>1 亩 = 10,000/15 m² (≈ 666.7 m²), its legal definition.</summary>
    public const decimal SquareMetresPerMu = 10_000m / 15m;

    /// <summary>Converts 元/m² to 万元/亩; 840 元/m² is 56 万元/亩.</summary>
    // 元/m² × (10,000/15) m²/亩 ÷ 10,000 元/万元 = 元/m² ÷ 15: dividing by 15 stays exact, whereas
    // multiplying by the rounded 666.7 would put floors a few 元 off the standard.
    public static decimal WanYuanPerMu(decimal yuanPerSquareMetre) => yuanPerSquareMetre / 15m;

    /// <summary>Converts 万元/亩 back to 元/m².</summary>
    public static decimal YuanPerSquareMetre(decimal wanYuanPerMu) => wanYuanPerMu * 15m;
}
