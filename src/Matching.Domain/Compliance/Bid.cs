using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Domain.Validation;

namespace Matching.Domain.Compliance;

/// <summary>
/// A county's interest in a project (意向) as submitted, before validation. Every member is optional so
/// that a missing field is reported by name together with every other problem. The offer is
/// non-monetary by design: there is no member for tax rebates, awards or any money flowing back to the
/// firm, and what free text remains is scanned by the <see cref="Firewall"/>.
/// </summary>
public sealed record BidInput
{
    /// <summary>Limits that catch unit mistakes (元 typed for 万元, m² for 亩) rather than economic ceilings.</summary>
    public static class Limits
    {
        public const decimal LandMu = 100_000m;
        public const decimal EnergyTce = 50_000_000m;
        public const int DeliveryMonthsMin = 1;
        public const int DeliveryMonthsMax = 120;
        /// <summary>15,000 元/m²: far above any industrial land price, so a larger figure is a unit mistake.</summary>
        public const decimal LandPriceWanYuanPerMu = 1_000m;
        public const int CommitmentsLength = 2000;
        public const int NoteLength = 2000;
        public const int ChainPartners = 50;
        public const int ChainPartnerLength = 200;
    }

    /// <summary>Adcode of the bidding county.</summary>
    public string? County { get; init; }

    /// <summary>The park offered; required when land is offered.</summary>
    public string? ParkId { get; init; }

    /// <summary>Land offered, 亩.</summary>
    public decimal? LandMu { get; init; }

    /// <summary>Energy reserved, 吨标准煤 per year.</summary>
    public decimal? EnergyTce { get; init; }

    /// <summary>Months from award to land delivery.</summary>
    public int? DeliveryMonths { get; init; }

    /// <summary>Land transfer price offered, 万元 per 亩; required when land is offered.</summary>
    public decimal? LandPrice { get; init; }

    /// <summary>Service commitments (free text).</summary>
    public string? Commitments { get; init; }

    /// <summary>Free-text note.</summary>
    public string? Note { get; init; }

    /// <summary>Local firms up or down the chain that the project could work with.</summary>
    public IReadOnlyList<string>? LocalChainPartners { get; init; }

    /// <summary>Validates the bid's own figures against the province's reference data.</summary>
    /// <param name="province">Counties and parks.</param>
    /// <param name="placedPark">
    /// The offered park as a coordinator placed it from the holding list (the catalogue in <paramref name="province"/> names
    /// no county for it); null when the catalogue's county stands.
    /// </param>
    /// <exception cref="DomainValidationException">With every failing field.</exception>
    public Bid Validate(Province province, ParkReference? placedPark = null)
    {
        var errors = new FieldErrors();

        var county = County?.Trim();
        if (string.IsNullOrEmpty(county)) errors.Add("county", "必填：出价县的县级行政区代码（6 位）。");
        else if (!province.HasCounty(county)) errors.Add("county", $"“{FieldErrors.Quote(County)}”不是山东省现行的县级行政区代码。");

        var land = Amount(LandMu, "landMu", Limits.LandMu, "亩", errors);
        var energy = Amount(EnergyTce, "energyTce", Limits.EnergyTce, "吨标准煤", errors);

        if (DeliveryMonths is null)
            errors.Add("deliveryMonths", "必填：自确定落地起的交地月数。");
        else if (DeliveryMonths < Limits.DeliveryMonthsMin || DeliveryMonths > Limits.DeliveryMonthsMax)
            errors.Add("deliveryMonths", $"交地月数须在 {Limits.DeliveryMonthsMin} 到 {Limits.DeliveryMonthsMax} 之间。");

        var parkId = string.IsNullOrWhiteSpace(ParkId) ? null : ParkId.Trim();
        if (parkId is null)
        {
            if (land > 0) errors.Add("parkId", "提供土地时必填：供地所在园区。");
        }
        else if ((placedPark?.Id == parkId ? placedPark : province.FindPark(parkId)) is not { } park)
        {
            errors.Add("parkId", $"没有编号为“{FieldErrors.Quote(ParkId)}”的园区。");
        }
        else if (park.CountyAdcode is null)
        {
            errors.Add("parkId", $"园区“{park.Name}”尚未确定所属县（待定位的开发区），不能作为供地园区；请省级协调员先将其落位到县区。");
        }
        else if (province.HasCounty(county) && park.CountyAdcode != county)
        {
            errors.Add("parkId", $"园区“{park.Name}”不在{province.FindCounty(county)?.Name ?? county}县域内。");
        }

        decimal? price = null;
        if (LandPrice is null)
        {
            if (land > 0) errors.Add("landPrice", "提供土地时必填：土地出让价格（万元/亩）。");
        }
        else
        {
            price = Amount(LandPrice, "landPrice", Limits.LandPriceWanYuanPerMu, "万元/亩", errors);
        }

        var commitments = TextInput.Check(Commitments, "commitments", Limits.CommitmentsLength, errors, multiline: true);
        var note = TextInput.Check(Note, "note", Limits.NoteLength, errors, multiline: true);

        var partners = new List<string>();
        var given = LocalChainPartners ?? [];
        if (given.Count > Limits.ChainPartners)
            errors.Add("localChainPartners", $"本地配套企业最多 {Limits.ChainPartners} 家。");
        for (var i = 0; i < given.Count; i++)
        {
            var field = $"localChainPartners[{i}]";
            var partner = TextInput.Check(given[i], field, Limits.ChainPartnerLength, errors, required: true);
            partners.Add(partner);
        }

        if (!errors.IsEmpty) throw new DomainValidationException(errors);

        return new Bid(county!, parkId, land, energy, DeliveryMonths!.Value, price, commitments, note, partners);
    }

    private static decimal Amount(decimal? value, string field, decimal max, string unit, FieldErrors errors)
    {
        if (value is null)
        {
            errors.Add(field, $"必填（单位：{unit}）。");
            return 0;
        }

        if (value < 0) errors.Add(field, $"不能为负数（单位：{unit}）。");
        else if (value > max) errors.Add(field, $"不能超过 {max:N0} {unit}，请检查单位。");
        return value.Value;
    }
}

/// <summary>A validated interest bid: the offer the firewall evaluates and the coordinator compares.</summary>
/// <param name="County">Adcode of the bidding county.</param>
/// <param name="ParkId">The park offered, or null when no land is offered.</param>
/// <param name="LandMu">Land offered, 亩 (0 when none).</param>
/// <param name="EnergyTce">Energy reserved, 吨标准煤 per year.</param>
/// <param name="DeliveryMonths">Months from award to land delivery (1–120).</param>
/// <param name="LandPrice">Land transfer price, 万元 per 亩; null when no land is offered.</param>
/// <param name="Commitments">Service commitments.</param>
/// <param name="Note">Free-text note.</param>
/// <param name="LocalChainPartners">Local chain partners.</param>
public sealed record Bid(
    string County,
    string? ParkId,
    decimal LandMu,
    decimal EnergyTce,
    int DeliveryMonths,
    decimal? LandPrice,
    string Commitments,
    string Note,
    IReadOnlyList<string> LocalChainPartners)
{
    /// <summary>Every free-text member, named by its JSON field, for the firewall's phrase rules.</summary>
    public IEnumerable<FreeText> FreeTexts()
    {
        yield return new FreeText("commitments", "服务承诺", Commitments);
        yield return new FreeText("note", "备注", Note);
        for (var i = 0; i < LocalChainPartners.Count; i++)
            yield return new FreeText($"localChainPartners[{i}]", $"本地配套企业第 {i + 1} 项", LocalChainPartners[i]);
    }
}

/// <summary>A piece of free text to scan, with the JSON field it came from and how to name it to officials.</summary>
/// <param name="Field">JSON path of the field (where the UI shows the message).</param>
/// <param name="Label">The field's name in Chinese, used in messages.</param>
/// <param name="Text">The text as written.</param>
public sealed record FreeText(string Field, string Label, string? Text);
