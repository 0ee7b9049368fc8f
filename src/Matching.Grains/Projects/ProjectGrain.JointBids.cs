using Matching.Contracts;
using Matching.Domain.Compliance;
using Matching.Domain.Geography;
using Matching.Domain.JointBids;
using Matching.Domain.Projects;
using Matching.Grains.Persistence;

namespace Matching.Grains.Projects;

/// <summary>
/// Joint bids (联合招商): a lead county's offer with partner counties and shares. Pending until every partner
/// confirms; the last confirmation places the offer as the lead's bid (through <see cref="PlaceBid(BidInput, string, string?)"/>, so it
/// contests and routes like any bid). The firewall screens the lead's texts and every partner's.
/// </summary>
public sealed partial class ProjectGrain : IProjectJointBids
{
    public Task<IReadOnlyList<JointBid>> GetJointBids() =>
        Task.FromResult<IReadOnlyList<JointBid>>([.. state.State.JointBids.Values.OrderBy(j => j.Lead, StringComparer.Ordinal)]);

    public async Task<CommandResult<JointBid>> ProposeJointBid(JointBidInput input, string lead, IReadOnlyList<string> eligible, string actor)
    {
        if (state.State.Project is not { } project)
            return CommandResult<JointBid>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        if (project.Status is not (ProjectStatus.Open or ProjectStatus.Contested))
            return CommandResult<JointBid>.Conflict($"项目当前状态为“{ProjectLifecycle.Label(project.Status)}”，不接受意向。", null);
        if (!CommandResult<JointBid>.TryValidate(() => input.Validate(province, lead, eligible.ToHashSet(StringComparer.Ordinal)), out var shares, out var invalid)) return invalid;
        var offer = input.Bid! with { County = lead };
        var placedPark = await PlacedPark(offer.ParkId);
        if (!CommandResult<JointBid>.TryValidate(() => offer.Validate(province, placedPark), out var bid, out invalid)) return invalid;
        if (await Screen(bid, project) is { } refused) return refused;

        var now = time.GetUtcNow();
        var joint = new JointBid(lead, offer, shares, [], actor, now);
        await SaveJointBid(joint, JointBidLiveEvents.Invited(project, joint, province, now));
        return CommandResult<JointBid>.Ok(joint);
    }

    public async Task<CommandResult<JointBid>> ConfirmJointBid(string lead, string partner, PartnerConfirmationInput input, string actor)
    {
        if (state.State.Project is not { } project)
            return CommandResult<JointBid>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        var leadName = province.FindCounty(lead)?.Name ?? lead;
        if (!state.State.JointBids.TryGetValue(lead, out var joint) || !joint.Partners.Contains(partner))
            return CommandResult<JointBid>.NotFound($"{leadName}没有邀请{province.FindCounty(partner)?.Name ?? partner}联合招商该项目。");
        if (joint.CountedAt is not null || joint.Confirmations.Any(c => c.County == partner))
            return CommandResult<JointBid>.Ok(joint);
        if (joint.Declined is { } declined)
            return CommandResult<JointBid>.Conflict($"{province.FindCounty(declined.County)?.Name ?? declined.County}已谢绝该联合招商，请牵头县重新发起。", joint);

        var texts = JointBid.PartnerTexts(partner, input, joint.Bid.DeliveryMonths ?? 1);
        if (!CommandResult<JointBid>.TryValidate(() => texts.Validate(province), out var screened, out var invalid)) return invalid;
        // The partner's words are its own offer too: a forbidden one refuses the joint bid, named by rule.
        if (await Screen(screened, project) is { } refused) return refused;

        var now = time.GetUtcNow();
        var confirmed = joint with { Confirmations = [.. joint.Confirmations, new PartnerConfirmation(partner, screened.Commitments, screened.Note, actor, now)] };
        if (confirmed.IsConfirmed)
        {
            // Counted with the bid in one write: routing then sees the partners among the bidders.
            var placed = await PlaceBid(joint.Bid, joint.ProposedBy, null, new JointCount(confirmed, partner));
            if (!placed.IsOk)
                return new CommandResult<JointBid> { Status = placed.Status, Errors = placed.Errors, Detail = placed.Detail };
            return CommandResult<JointBid>.Ok(state.State.JointBids[lead]);
        }

        await SaveJointBid(confirmed, JointBidLiveEvents.Answered(project, confirmed, partner, JointBidLiveEvents.Confirmed, null, province, now));
        return CommandResult<JointBid>.Ok(confirmed);
    }

    public async Task<CommandResult<JointBid>> DeclineJointBid(string lead, string partner, PartnerDeclineInput input, string actor)
    {
        if (state.State.Project is not { } project)
            return CommandResult<JointBid>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        var leadName = province.FindCounty(lead)?.Name ?? lead;
        if (!state.State.JointBids.TryGetValue(lead, out var joint) || !joint.Partners.Contains(partner))
            return CommandResult<JointBid>.NotFound($"{leadName}没有邀请{province.FindCounty(partner)?.Name ?? partner}联合招商该项目。");
        if (joint.Declined?.County == partner) return CommandResult<JointBid>.Ok(joint);
        if (joint.Declined is not null) return CommandResult<JointBid>.Conflict("该联合招商已被其他合作县谢绝。", joint);
        if (joint.CountedAt is not null || joint.Confirmations.Any(c => c.County == partner))
            return CommandResult<JointBid>.Conflict("已确认的联合招商不能再谢绝；如需退出，请牵头县撤回意向。", joint);
        if (!CommandResult<JointBid>.TryValidate(input.Validate, out var reason, out var invalid)) return invalid;

        var now = time.GetUtcNow();
        var declined = joint with { Declined = new PartnerDecline(partner, reason, actor, now) };
        await SaveJointBid(declined, JointBidLiveEvents.Answered(project, declined, partner, JointBidLiveEvents.Declined, reason, province, now));
        return CommandResult<JointBid>.Ok(declined);
    }

    /// <summary>The partners of every joint bid that is its lead's live bid now, with the lead: every county a contest's bids are from.</summary>
    private IEnumerable<string> Parties(IReadOnlyDictionary<string, PlacedBid> bids) =>
        bids.Keys.Concat(bids.SelectMany(b => state.State.JointBids.TryGetValue(b.Key, out var joint) && joint.Counts(b.Value) ? joint.Partners : []))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Stores a joint bid that does not change the bids, with its live events (one write), and sends them.</summary>
    private async Task SaveJointBid(JointBid joint, IReadOnlyList<Contracts.Live.LiveEventDraft> events)
    {
        var (before, outbox) = (state.State.JointBids, state.State.Outbox);
        state.State.JointBids = new Dictionary<string, JointBid>(before) { [joint.Lead] = joint };
        state.State.Outbox = [.. outbox, .. events];
        await state.WriteOrUndo(() => (state.State.JointBids, state.State.Outbox) = (before, outbox));
        await ApplyOwed();
    }

    /// <summary>The firewall's refusal of a party's offer, or null when it passes.</summary>
    private async Task<CommandResult<JointBid>?> Screen(Bid bid, Project project)
    {
        var county = await GrainFactory.GetGrain<ICountyGrain>(bid.County).Get();
        var operating = await investors.OperatingCounties(project.Details.Investor);
        var presence = operating.Where(c => c != bid.County).Select(c => new InvestorPresence(c, province.FindCounty(c)?.Name ?? c)).ToArray();
        var verdict = firewall.Evaluate(bid, new BidContext(county?.Profile.LandPriceFloor, presence), time.Today());
        if (!verdict.IsRejected) return null;
        var who = province.FindCounty(bid.County)?.Name ?? bid.County;
        return CommandResult<JointBid>.Rejected(verdict.ToFieldErrors().ToDictionary(),
            $"{who}的内容不符合公平竞争审查规则：" + string.Join("；", verdict.Violations.Select(v => $"{v.RuleId} {v.RuleTitle}").Distinct()));
    }
}

/// <summary>A joint bid whose last confirmation is placing it: counted with the bid, in the bid's write.</summary>
/// <param name="Confirmed">The joint bid with every confirmation.</param>
/// <param name="Partner">The partner whose confirmation was the last.</param>
internal sealed record JointCount(JointBid Confirmed, string Partner);
