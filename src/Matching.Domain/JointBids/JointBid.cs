using Matching.Domain.Compliance;
using Matching.Domain.Geography;
using Matching.Domain.Validation;

namespace Matching.Domain.JointBids;

/// <summary>A partner county and its proposed share, as submitted.</summary>
public sealed record PartnerShareInput(string? County, decimal? Percent);

/// <summary>
/// A joint bid (联合招商) as the lead county submits it: its own offer, its share, and its partners with theirs.
/// The partners must be the lead's neighbours or pairing partners, and every one must confirm before the bid counts.
/// </summary>
/// <param name="Bid">The lead county's offer (screened like any bid).</param>
/// <param name="LeadPercent">The lead county's share, percent.</param>
/// <param name="Partners">One to <see cref="MostPartners"/> partner counties and their shares; all shares sum to 100.</param>
public sealed record JointBidInput(BidInput? Bid, decimal? LeadPercent, IReadOnlyList<PartnerShareInput>? Partners)
{
    /// <summary>Most partners of one joint bid.</summary>
    public const int MostPartners = 5;

    /// <summary>Validates the shares and partners; the offer itself is validated as a bid.</summary>
    /// <param name="province">Counties.</param>
    /// <param name="lead">The lead county (the caller).</param>
    /// <param name="eligible">Counties the lead may bid with: its neighbours and pairing partners.</param>
    /// <exception cref="DomainValidationException">With every failing field.</exception>
    public IReadOnlyList<JointShare> Validate(Province province, string lead, IReadOnlySet<string> eligible)
    {
        var errors = new FieldErrors();
        if (Bid is null) errors.Add("bid", "必填：牵头县的意向内容。");
        if (LeadPercent is not { } leadPercent || leadPercent <= 0 || leadPercent >= 100) errors.Add("leadPercent", "牵头县份额须大于 0、小于 100。");
        var given = Partners ?? [];
        if (given.Count is 0 or > MostPartners) errors.Add("partners", $"联合招商须有 1 到 {MostPartners} 个合作县。");
        var shares = new List<JointShare>();
        for (var i = 0; i < given.Count; i++)
        {
            var partner = given[i]?.County?.Trim();
            if (!province.HasCounty(partner)) errors.Add($"partners[{i}].county", $"“{FieldErrors.Quote(partner)}”不是山东省县级行政区代码。");
            else if (partner == lead) errors.Add($"partners[{i}].county", "合作县不能是牵头县本身。");
            else if (!eligible.Contains(partner!)) errors.Add($"partners[{i}].county", $"{province.FindCounty(partner)!.Name}不是牵头县的相邻县或结对县。");
            else if (given[i]!.Percent is not { } percent || percent <= 0 || percent >= 100) errors.Add($"partners[{i}].percent", "份额须大于 0、小于 100。");
            else shares.Add(new JointShare(partner!, percent));
        }

        if (shares.Select(s => s.County).Distinct().Count() != shares.Count) errors.Add("partners", "同一合作县不能出现两次。");
        if (errors.IsEmpty && LeadPercent + shares.Sum(s => s.Percent) != 100)
            errors.Add("partners", $"牵头县与合作县份额之和须为 100%（现为 {LeadPercent + shares.Sum(s => s.Percent)}%）。");
        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        return [new JointShare(lead, LeadPercent!.Value), .. shares];
    }
}

/// <summary>A county's share of a joint bid, percent.</summary>
public sealed record JointShare(string County, decimal Percent);

/// <summary>What a partner county says when it confirms: its own commitments, screened by the firewall.</summary>
public sealed record PartnerConfirmationInput(string? Commitments, string? Note);

/// <summary>What a partner county says when it declines: why (required, shown to the lead).</summary>
public sealed record PartnerDeclineInput(string? Reason)
{
    /// <summary>Longest reason, characters.</summary>
    public const int MostReasonLength = 500;

    /// <summary>The trimmed reason.</summary>
    /// <exception cref="DomainValidationException">When it is empty or too long.</exception>
    public string Validate()
    {
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw new DomainValidationException(new FieldErrors().Add("reason", "请说明谢绝联合招商的理由。"));
        if (reason.Length > MostReasonLength) throw new DomainValidationException(new FieldErrors().Add("reason", $"理由不超过 {MostReasonLength} 个字符。"));
        return reason;
    }
}

/// <summary>A partner's refusal: the joint bid then never counts (the lead may propose another).</summary>
/// <param name="County">The partner.</param>
/// <param name="Reason">Why.</param>
/// <param name="DeclinedBy">The account that declined.</param>
/// <param name="At">When.</param>
public sealed record PartnerDecline(string County, string Reason, string DeclinedBy, DateTimeOffset At);

/// <summary>A partner's confirmation.</summary>
/// <param name="County">The partner.</param>
/// <param name="Commitments">Its commitments.</param>
/// <param name="Note">Its note.</param>
/// <param name="ConfirmedBy">The account that confirmed.</param>
/// <param name="At">When.</param>
public sealed record PartnerConfirmation(string County, string Commitments, string Note, string ConfirmedBy, DateTimeOffset At);

/// <summary>
/// A joint bid: the lead's offer, the shares (lead first), and the partners' confirmations. It counts (is a
/// live bid of the lead county) only once every partner has confirmed.
/// </summary>
/// <param name="Lead">The lead county.</param>
/// <param name="Bid">The lead's offer, as submitted (placed as the lead's bid once every partner confirmed).</param>
/// <param name="Shares">Every county's share, the lead first; they sum to 100.</param>
/// <param name="Confirmations">The partners who confirmed.</param>
/// <param name="ProposedBy">The lead's account.</param>
/// <param name="ProposedAt">When it was proposed.</param>
/// <param name="CountedAt">When the last confirmation placed it as the lead's bid (that bid's <see cref="PlacedBid.PlacedAt"/>); null while pending.</param>
/// <param name="Declined">The partner's refusal, when one declined: the joint bid is closed and never counts.</param>
public sealed record JointBid(
    string Lead,
    BidInput Bid,
    IReadOnlyList<JointShare> Shares,
    IReadOnlyList<PartnerConfirmation> Confirmations,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    DateTimeOffset? CountedAt = null,
    PartnerDecline? Declined = null)
{
    /// <summary>The partner counties (every share but the lead's).</summary>
    public IEnumerable<string> Partners => Shares.Skip(1).Select(s => s.County);

    /// <summary>Partners that have not answered yet (none once one declined: nobody is awaited on a closed joint bid).</summary>
    public IEnumerable<string> Awaiting => Declined is not null ? [] : Partners.Where(p => Confirmations.All(c => c.County != p));

    /// <summary>Every partner has confirmed.</summary>
    public bool IsConfirmed => Declined is null && !Awaiting.Any();

    /// <summary>Whether this joint bid is the lead's live bid now (and not a solo bid placed since).</summary>
    public bool Counts(PlacedBid? live) => CountedAt is { } at && live is not null && live.PlacedAt == at;

    /// <summary>The partner's own texts as a bid the firewall can screen (no land, no energy: the lead's offer carries those).</summary>
    public static BidInput PartnerTexts(string partner, PartnerConfirmationInput input, int deliveryMonths) => new()
    {
        County = partner, LandMu = 0, EnergyTce = 0, DeliveryMonths = deliveryMonths, Commitments = input.Commitments ?? "", Note = input.Note ?? "",
    };
}
