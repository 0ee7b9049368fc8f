using Matching.Contracts;
using Matching.Domain.Compliance;
using Matching.Domain.Geography;
using Matching.Domain.JointBids;
using Matching.Domain.Projects;
using Matching.Grains.Persistence;

namespace Matching.Grains.Projects;

/// <summary>
/// Joint bids (联合招商): a lead county's offer with partner counties and shares. Pending until every partner
/// confirms; the last confirmation places the offer as the lead's bid (through <see cref="PlaceBid"/>, so it
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
        if (!CommandResult<JointBid>.TryValidate(() => offer.Validate(province), out var bid, out invalid)) return invalid;
        if (await Screen(bid, project) is { } refused) return refused;

        var joint = new JointBid(lead, offer, shares, [], actor, time.GetUtcNow());
        var before = state.State.JointBids;
        state.State.JointBids = new Dictionary<string, JointBid>(before) { [lead] = joint };
        await state.WriteOrUndo(() => state.State.JointBids = before);
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

        var texts = JointBid.PartnerTexts(partner, input, joint.Bid.DeliveryMonths ?? 1);
        if (!CommandResult<JointBid>.TryValidate(() => texts.Validate(province), out var screened, out var invalid)) return invalid;
        // The partner's words are its own offer too: a forbidden one refuses the joint bid, named by rule.
        if (await Screen(screened, project) is { } refused) return refused;

        var now = time.GetUtcNow();
        var confirmed = joint with { Confirmations = [.. joint.Confirmations, new PartnerConfirmation(partner, screened.Commitments, screened.Note, actor, now)] };
        if (confirmed.IsConfirmed)
        {
            var placed = await PlaceBid(joint.Bid, joint.ProposedBy, null);
            if (!placed.IsOk)
                return new CommandResult<JointBid> { Status = placed.Status, Errors = placed.Errors, Detail = placed.Detail };
            confirmed = confirmed with { CountedAt = placed.Value!.PlacedAt };
        }

        var before = state.State.JointBids;
        state.State.JointBids = new Dictionary<string, JointBid>(before) { [lead] = confirmed };
        await state.WriteOrUndo(() => state.State.JointBids = before);
        return CommandResult<JointBid>.Ok(confirmed);
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
