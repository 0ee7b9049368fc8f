using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Validation;

namespace Matching.Domain.Counties;

/// <summary>A featured industry as submitted.</summary>
public sealed record FeaturedIndustryInput(string? Code, int? Strength, string? Label);

/// <summary>
/// An edit of a county's profile as submitted. A field left out (null) keeps its current value, so a
/// county can correct one quota without restating its whole profile.
/// </summary>
public sealed record CountyProfileInput(
    IReadOnlyList<FeaturedIndustryInput>? FeaturedIndustries = null,
    decimal? LandQuotaMu = null,
    decimal? EnergyQuotaTce = null,
    bool? FiscallyDirect = null,
    bool? OldRevolutionaryBase = null,
    IReadOnlyList<string>? PairingPartners = null,
    decimal? LandPriceFloor = null)
{
    /// <summary>Upper bounds that catch unit mistakes (元 for 万元, m² for 亩) rather than real limits.</summary>
    public const decimal MaxLandQuotaMu = 1_000_000m;

    /// <summary>See <see cref="MaxLandQuotaMu"/>.</summary>
    public const decimal MaxEnergyQuotaTce = 100_000_000m;

    /// <summary>Longest label of a featured industry (the county's own name for it, e.g. 新能源汽车及零部件).</summary>
    public const int MaxLabelLength = 100;

    /// <summary>Validates the edit and applies it to <paramref name="current"/>.</summary>
    /// <exception cref="DomainValidationException">The edit is invalid; nothing is applied.</exception>
    public CountyProfile ApplyTo(CountyProfile current, string countyAdcode, FigureSource editor, Province province)
    {
        var errors = new FieldErrors();
        List<FeaturedIndustry>? industries = null;
        if (FeaturedIndustries is not null)
        {
            industries = [];
            for (var i = 0; i < FeaturedIndustries.Count; i++)
            {
                var item = FeaturedIndustries[i];
                var path = $"featuredIndustries[{i}]";
                if (item is null) { errors.Add(path, "不能为空。"); continue; }
                var industry = province.Industries.Find(item.Code);
                if (industry is null)
                    errors.Add($"{path}.code", $"“{FieldErrors.Quote(item.Code)}”不是 GB/T 4754-2017 中的行业代码。");
                var strength = item.Strength ?? 3;
                if (strength is < 1 or > 5)
                    errors.Add($"{path}.strength", "强度须在 1 到 5 之间。");
                if (industry is not null && industries.Any(f => f.Code == industry.Code))
                    errors.Add($"{path}.code", $"行业 {industry.Code} 重复。");
                var label = TextInput.Check(item.Label, $"{path}.label", MaxLabelLength, errors);
                if (industry is not null)
                    industries.Add(new FeaturedIndustry(industry.Code, label.Length == 0 ? industry.Name : label, strength, editor));
            }

            if (FeaturedIndustries.Count > 50) errors.Add("featuredIndustries", "特色产业最多 50 项。");
        }

        if (LandQuotaMu is { } land && (land < 0 || land > MaxLandQuotaMu))
            errors.Add("landQuotaMu", $"土地指标须在 0 到 {MaxLandQuotaMu:N0} 亩之间。");
        if (EnergyQuotaTce is { } energy && (energy < 0 || energy > MaxEnergyQuotaTce))
            errors.Add("energyQuotaTce", $"能耗指标须在 0 到 {MaxEnergyQuotaTce:N0} 吨标准煤之间。");

        // The national standard's grades run from 840 元/m² (56 万元/亩) down to 60 元/m² (4 万元/亩).
        if (LandPriceFloor is { } floor && (floor < 4m || floor > 56m))
            errors.Add("landPriceFloor", "工业用地出让最低价须在 4 到 56 万元/亩之间（全国工业用地出让最低价标准 15 个等别）。");

        if (PairingPartners is not null)
        {
            for (var i = 0; i < PairingPartners.Count; i++)
            {
                var partner = PairingPartners[i];
                if (!province.HasCounty(partner))
                    errors.Add($"pairingPartners[{i}]", $"“{partner}”不是山东省的县级行政区代码。");
                else if (partner == countyAdcode)
                    errors.Add($"pairingPartners[{i}]", "不能与本县结对。");
            }
        }

        if (!errors.IsEmpty) throw new DomainValidationException(errors);

        return current with
        {
            FeaturedIndustries = industries ?? current.FeaturedIndustries,
            // A county's figures and flags are self-declared until a coordinator verifies them; a coordinator's are in force at once.
            LandQuotaMu = LandQuotaMu is { } l ? Set(l, current.LandQuotaMu, editor) : current.LandQuotaMu,
            EnergyQuotaTce = EnergyQuotaTce is { } e ? Set(e, current.EnergyQuotaTce, editor) : current.EnergyQuotaTce,
            FiscallyDirect = FiscallyDirect is { } f ? Set(f, current.FiscallyDirect, editor) : current.FiscallyDirect,
            OldRevolutionaryBase = OldRevolutionaryBase is { } o ? Set(o, current.OldRevolutionaryBase, editor) : current.OldRevolutionaryBase,
            PairingPartners = PairingPartners?.Distinct().ToArray() ?? current.PairingPartners,
            LandPriceFloor = LandPriceFloor is { } p ? Set(p, current.LandPriceFloor, editor) : current.LandPriceFloor,
        };
    }

    private static Figure Set(decimal value, Figure? current, FigureSource editor) =>
        editor == FigureSource.County ? Figure.Declare(value, current) : new Figure(value, editor);

    private static Flag Set(bool value, Flag current, FigureSource editor) =>
        editor == FigureSource.County ? Flag.Declare(value, current) : new Flag(value, editor);
}
