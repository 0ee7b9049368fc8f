using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Validation;

namespace Matching.Domain.Projects;

/// <summary>An investor as submitted.</summary>
public sealed record InvestorInput(string? Name, string? CreditCode, InvestorKind? Kind, string? ContactPerson = null, string? ContactPhone = null);

/// <summary>
/// A project as submitted, before validation. Every member is optional at this stage so that a
/// missing field is reported by name, together with every other problem, instead of failing the parse.
/// </summary>
public sealed record ProjectInput
{
    /// <summary>Limits that catch unit mistakes (元 typed for 万元, m² for 亩) rather than economic ceilings.</summary>
    public static class Limits
    {
        public const int TitleLength = 200;
        public const int DescriptionLength = 5000;
        public const int IndustryTextLength = 200;
        public const int InvestorNameLength = 200;
        public const decimal Investment = 100_000_000m; // 1 万亿元
        public const decimal LandMu = 100_000m;
        public const decimal EnergyTce = 50_000_000m;
        public const int Jobs = 1_000_000;
        public const decimal ExpectedTax = 10_000_000m;
    }

    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? IndustryCode { get; init; }
    public string? IndustryText { get; init; }
    public ChainPosition? ChainPosition { get; init; }
    public decimal? Investment { get; init; }
    public decimal? LandMu { get; init; }
    public decimal? EnergyTce { get; init; }
    public int? Jobs { get; init; }
    public decimal? ExpectedTax { get; init; }
    public bool? HighEnergy { get; init; }
    public bool? FirstLandingInShandong { get; init; }
    public InvestorInput? Investor { get; init; }
    public string? FirstContactCounty { get; init; }
    public DateOnly? Deadline { get; init; }
    /// <summary>Expected yearly output value, 万元 (optional).</summary>
    public decimal? OutputValue { get; init; }
    /// <summary>Construction period, months (optional).</summary>
    public int? ConstructionMonths { get; init; }

    /// <summary>Validates against the province's reference data.</summary>
    /// <param name="province">Counties and the GB/T table.</param>
    /// <param name="today">The current date (deadlines must not lie in the past).</param>
    /// <exception cref="DomainValidationException">With every failing field.</exception>
    public ProjectDetails Validate(Province province, DateOnly today)
    {
        var errors = new FieldErrors();

        var title = TextInput.Check(Title, "title", Limits.TitleLength, errors, required: true);
        var description = TextInput.Check(Description, "description", Limits.DescriptionLength, errors, multiline: true);
        var industryText = TextInput.Check(IndustryText, "industryText", Limits.IndustryTextLength, errors);

        IndustryCode code = default;
        if (string.IsNullOrWhiteSpace(IndustryCode))
            errors.Add("industryCode", "必填：GB/T 4754-2017 行业小类代码（4 位数字）。");
        else if (!Industries.IndustryCode.TryParse(IndustryCode, out code) || code.Level != IndustryLevel.Class)
            errors.Add("industryCode", $"“{Shown(IndustryCode)}”不是 4 位的 GB/T 4754-2017 行业小类代码。");
        else if (!province.Industries.Contains(code))
            errors.Add("industryCode", $"GB/T 4754-2017 中没有行业代码 {code}。");

        var investment = Amount(Investment, "investment", Limits.Investment, "万元", errors, required: true, positive: true);
        var land = Amount(LandMu, "landMu", Limits.LandMu, "亩", errors, required: true);
        var energy = Amount(EnergyTce, "energyTce", Limits.EnergyTce, "吨标准煤", errors, required: true);
        var tax = Amount(ExpectedTax, "expectedTax", Limits.ExpectedTax, "万元", errors, required: true);

        if (Jobs is null) errors.Add("jobs", "必填：新增就业人数。");
        else if (Jobs < 0 || Jobs > Limits.Jobs) errors.Add("jobs", $"就业人数须在 0 到 {Limits.Jobs:N0} 之间。");

        Investor? investor = null;
        if (Investor is null)
        {
            errors.Add("investor", "必填：投资方信息。");
        }
        else
        {
            var name = TextInput.Check(Investor.Name, "investor.name", Limits.InvestorNameLength, errors, required: true);
            var credit = string.IsNullOrWhiteSpace(Investor.CreditCode) ? null : Investor.CreditCode.Trim().ToUpperInvariant();
            if (credit is not null && !CreditCode.IsValid(credit))
                errors.Add("investor.creditCode", $"“{Shown(Investor.CreditCode)}”不是有效的统一社会信用代码（18 位，末位校验码不符）。");
            if (Investor.Kind is null) errors.Add("investor.kind", "必填：企业类型（soe、private、foreign、fortune500）。");
            var contact = TextInput.Check(Investor.ContactPerson, "investor.contactPerson", Limits.InvestorNameLength, errors);
            var phone = TextInput.Check(Investor.ContactPhone, "investor.contactPhone", 40, errors);
            investor = new Investor(name, credit, Investor.Kind ?? InvestorKind.Private, contact.Length == 0 ? null : contact, phone.Length == 0 ? null : phone);
        }

        if (FirstContactCounty is not null && !province.HasCounty(FirstContactCounty))
            errors.Add("firstContactCounty", $"“{Shown(FirstContactCounty)}”不是山东省现行的县级行政区代码。");

        if (Deadline is { } deadline && deadline < today)
            errors.Add("deadline", $"截止日期 {deadline:yyyy-MM-dd} 已经过去。");

        decimal? output = OutputValue is null ? null : Amount(OutputValue, "outputValue", Limits.Investment, "万元", errors, required: false);
        if (ConstructionMonths is < 1 or > 240) errors.Add("constructionMonths", "建设周期须在 1 到 240 个月之间。");

        if (!errors.IsEmpty) throw new DomainValidationException(errors);

        return new ProjectDetails(
            title, description, code, industryText, ChainPosition,
            investment, land, energy, Jobs!.Value, tax,
            HighEnergy ?? false, FirstLandingInShandong ?? false,
            investor!, FirstContactCounty, Deadline, output, ConstructionMonths);
    }

    /// <summary>A submitted value as quoted back in a message: short, and without control characters.</summary>
    private static string Shown(string? value) => FieldErrors.Quote(value);

    private static decimal Amount(decimal? value, string field, decimal max, string unit, FieldErrors errors, bool required, bool positive = false)
    {
        if (value is null)
        {
            if (required) errors.Add(field, $"必填（单位：{unit}）。");
            return 0;
        }

        if (positive ? value <= 0 : value < 0)
            errors.Add(field, positive ? $"须大于 0（单位：{unit}）。" : $"不能为负数（单位：{unit}）。");
        else if (value > max)
            errors.Add(field, $"不能超过 {max:N0} {unit}，请检查单位。");
        return value.Value;
    }
}
