using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Domain.Compliance;
using Matching.Domain.Geography;
using Matching.Domain.JointBids;
using Matching.Domain.Projects;
using Matching.Grains.Registry;

namespace Matching.Grains.Projects;

/// <summary>The project's bids: placed through the firewall, replaced, withdrawn; idempotent per caller's key.</summary>
public sealed partial class ProjectGrain
{
    public Task<IReadOnlyList<PlacedBid>> GetBids() =>
        Task.FromResult<IReadOnlyList<PlacedBid>>([.. state.State.Bids.Values.OrderBy(b => b.Bid.County, StringComparer.Ordinal)]);

    public async Task<ProjectContestView?> GetContest() => state.State.Project is { } project
        ? new ProjectContestView(project, await GetBids(), new Dictionary<string, double>(state.State.Interests), await GetRoute(), [.. Parties(state.State.Bids).Distinct()])
        : null;

    public Task<CommandResult<PlacedBid>> PlaceBid(BidInput input, string actor, string? idempotencyKey) => PlaceBid(input, actor, idempotencyKey, null);

    /// <summary>Places a bid; with <paramref name="joint"/>, the joint bid it counts as is stored with it and its lead told.</summary>
    private async Task<CommandResult<PlacedBid>> PlaceBid(BidInput input, string actor, string? idempotencyKey, JointCount? joint)
    {
        if (state.State.Project is not { } project)
            return CommandResult<PlacedBid>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");

        BidKey? key = null;
        if (idempotencyKey is not null)
        {
            // A key is the caller's own: the same key from another caller is another key.
            var rowKey = BidKeys.KeyOf(actor, idempotencyKey);
            var digest = BidKeys.Digest(input);
            var kept = state.State.Unprojected.BidKeys.FirstOrDefault(k => k.Key == rowKey) ?? await bidKeys.FindAsync(project.Id, rowKey);
            if (kept is not null)
                return kept.Digest == digest ? CommandResult<PlacedBid>.Ok(kept.Placed) : CommandResult<PlacedBid>.KeyReused(idempotencyKey);
            key = new BidKey(rowKey, digest, null!);
        }

        if (project.Status is not (ProjectStatus.Open or ProjectStatus.Contested))
            return CommandResult<PlacedBid>.Conflict($"项目当前状态为“{ProjectLifecycle.Label(project.Status)}”，不接受意向。", null);
        var placedPark = await PlacedPark(input.ParkId);
        if (!CommandResult<PlacedBid>.TryValidate(() => input.Validate(province, placedPark), out var bid, out var invalid)) return invalid;

        // The county's floor and where the investor operates are independent reads: both at once.
        var countyRead = GrainFactory.GetGrain<ICountyGrain>(bid.County).Get();
        var operatingRead = investors.OperatingCounties(project.Details.Investor);
        var (county, operating) = (await countyRead, await operatingRead);
        var presence = operating.Where(c => c != bid.County).Select(c => new InvestorPresence(c, province.FindCounty(c)?.Name ?? c)).ToArray();
        var verdict = firewall.Evaluate(bid, new BidContext(county?.Profile.LandPriceFloor, presence), time.Today());
        if (verdict.IsRejected)
        {
            return CommandResult<PlacedBid>.Rejected(
                verdict.ToFieldErrors().ToDictionary(),
                "意向不符合公平竞争审查规则：" + string.Join("；", verdict.Violations.Select(v => $"「{v.RuleTitle}」").Distinct()));
        }

        var now = time.GetUtcNow();
        var placed = new PlacedBid(bid, verdict.Flags, verdict.RuleBookVersion, actor, now) { OnVersion = project.Version };
        var next = project.RecordBid(placed: true, bid.County, actor, now);
        var live = state.State.Bids.Keys.Append(bid.County).Distinct().Count();
        if (next.Status == ProjectStatus.Open && live >= 2)
            next = next.Apply(ProjectTrigger.Contest, actor, now, $"{live} 个县表达意向");

        var (bids, joints) = (state.State.Bids, state.State.JointBids);
        state.State.Bids = new Dictionary<string, PlacedBid>(bids) { [bid.County] = placed };
        IReadOnlyList<LiveEventDraft>? told = null;
        if (joint is not null)
        {
            var counted = joint.Confirmed with { CountedAt = placed.PlacedAt };
            state.State.JointBids = new Dictionary<string, JointBid>(joints) { [counted.Lead] = counted };
            told = JointBidLiveEvents.Answered(project, counted, joint.Partner, JointBidLiveEvents.Confirmed, null, province, now);
        }

        (next, var unroute) = await Reroute(project, next, state.State.Bids);
        await Save(next, rematch: false, bidKey: key is null ? null : key with { Placed = placed },
            lists: project.Bidders.Contains(bid.County) ? null : [ProjectLists.BidOnBy(bid.County)],
            undo: () => { (state.State.Bids, state.State.JointBids) = (bids, joints); unroute(); }, live: told);

        return CommandResult<PlacedBid>.Ok(placed);
    }

    public async Task<CommandResult<Project>> WithdrawBid(string county, string actor)
    {
        if (state.State.Project is not { } project)
            return CommandResult<Project>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        if (!state.State.Bids.ContainsKey(county))
            return CommandResult<Project>.NotFound($"{province.FindCounty(county)?.Name ?? county}对该项目没有有效意向。");

        var now = time.GetUtcNow();
        var next = project.RecordBid(placed: false, county, actor, now);
        var bids = state.State.Bids;
        var remaining = new Dictionary<string, PlacedBid>(bids);
        remaining.Remove(county);
        if (next.Status == ProjectStatus.Contested && remaining.Count < 2)
            next = next.Apply(ProjectTrigger.Uncontest, actor, now, $"剩余 {remaining.Count} 个有效意向");

        state.State.Bids = remaining;
        (next, var unroute) = await Reroute(project, next, remaining);
        return await Save(next, rematch: false, undo: () => { state.State.Bids = bids; unroute(); });
    }
}
