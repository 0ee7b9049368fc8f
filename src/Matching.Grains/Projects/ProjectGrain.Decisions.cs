using Matching.Contracts;
using Matching.Domain.Decisions;
using Matching.Domain.Projects;
using Matching.Grains.Persistence;

namespace Matching.Grains.Projects;

/// <summary>
/// The decision saga: a coordinator's decision on the version they saw; an award or co-build reserves
/// park land and county energy first (idempotently, keyed by this project), with the intent stored
/// before the first reservation so that a crash in between is concluded on the next activation.
/// </summary>
public sealed partial class ProjectGrain
{
    /// <summary>Most decisions one read returns.</summary>
    private const int MostDecisionsRead = 500;

    public async Task<IReadOnlyList<Decision>> GetDecisions() =>
        state.State.Project is null ? [] : await history.DecisionsAsync(this.GetPrimaryKey(), MostDecisionsRead);

    public Task<Decision?> GetLastDecision() => Task.FromResult(state.State.LastDecision);

    public Task<CommandResult<Project>> Decide(DecisionInput input, string actor) => Decide(input, actor, revise: false);

    /// <summary>
    /// The one decision saga. A revision (<paramref name="revise"/>) decides again on a standing award or
    /// co-build, only as an award or co-build, with the old holding in place until the new one holds.
    /// </summary>
    private async Task<CommandResult<Project>> Decide(DecisionInput input, string actor, bool revise)
    {
        if (state.State.Project is not { } project)
            return CommandResult<Project>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        if (revise && !IsPlaced(project.Status))
            return CommandResult<Project>.Conflict($"项目当前状态为“{ProjectLifecycle.Label(project.Status)}”，没有可修改的落地或共建决定；请直接作出决定。", project);
        var placedPark = await PlacedPark(input.ParkId);
        if (!CommandResult<Project>.TryValidate(() => revise ? ValidateRevision(input, placedPark) : input.Validate(province, state.State.Bids.Keys, placedPark), out var terms, out var invalid))
            return invalid;

        if (terms.ExpectedVersion != project.Version)
            return CommandResult<Project>.Conflict(revise
                ? "你修改决定时看到的项目内容已有变化，请刷新后重新修改。"
                : "你作决定时看到的项目内容已有变化（可能有新的意向或修改），请刷新后重新决定。", project);
        // A revision reopens the standing decision as it records the new one (Record), so only a first decision is checked here.
        if (!revise && ProjectLifecycle.Next(project.Status, terms.Trigger) is null)
            return CommandResult<Project>.Conflict(new ProjectTransitionException(project.Status, ProjectLifecycle.Label(terms.Trigger)).Message, project);

        var decision = new Decision(terms, actor, time.GetUtcNow(), Sights()) { IsRevision = revise };
        if (terms.Kind is not (DecisionKind.Award or DecisionKind.CoBuild))
        {
            await Release();
            return await Record(decision);
        }

        // Intent first: from here a crash is concluded on the next activation.
        state.State.Pending = decision;
        await state.WriteOrUndo(() => state.State.Pending = null);
        try
        {
            return await Conclude(decision);
        }
        catch
        {
            // Let the next call reactivate the grain, which concludes the pending decision from storage.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Reserves what the award or co-build needs, then records it; undoes the reservations if any cannot be made.</summary>
    private async Task<CommandResult<Project>> Conclude(Decision decision)
    {
        var project = state.State.Project!;
        var id = project.Id;
        var terms = decision.Terms;
        var holding = new Holding(terms.ParkId!, project.Details.LandMu,
            terms.EnergySplit(project.Details.EnergyTce).Where(e => e.EnergyTce > 0).ToDictionary(e => e.County, e => e.EnergyTce));

        var refusals = new List<string>();
        if (holding.LandMu > 0)
        {
            var land = await GrainFactory.GetGrain<IParkGrain>(holding.ParkId).ReserveLand(id, holding.LandMu);
            if (!land.IsOk) refusals.Add(land.Detail!);
        }

        foreach (var (county, tce) in holding.EnergyByCounty)
        {
            var energy = await GrainFactory.GetGrain<ICountyGrain>(county).ReserveEnergy(id, tce);
            if (!energy.IsOk) refusals.Add(energy.Detail!);
        }

        if (refusals.Count > 0)
        {
            // A refused revision leaves the standing decision holding what it held.
            await Undo(holding, state.State.Held);
            var pending = state.State.Pending;
            state.State.Pending = null;
            await state.WriteOrUndo(() => state.State.Pending = pending);
            return CommandResult<Project>.Conflict("指标不足，未作出决定：" + string.Join("；", refusals), project);
        }

        await faults.AfterReservation(id);
        await ReleaseSuperseded(state.State.Held, holding);
        state.State.Held = holding;
        return await Record(decision);
    }

    private async Task<CommandResult<Project>> Record(Decision decision)
    {
        var project = state.State.Project!;
        var terms = decision.Terms;
        // A revision reopens the standing award or co-build and decides again, both in the history.
        var from = decision.IsRevision && IsPlaced(project.Status)
            ? project.Apply(ProjectTrigger.Reopen, decision.DecidedBy, decision.DecidedAt, "修改决定：" + terms.Reason)
            : project;
        var next = from.Apply(terms.Trigger, decision.DecidedBy, decision.DecidedAt, terms.Reason, decision);
        // A referral reopens the project for its target county straight away.
        if (terms.Kind == DecisionKind.Refer) next = next.Apply(ProjectTrigger.Reopen, decision.DecidedBy, decision.DecidedAt, $"转介至{province.FindCounty(terms.County)?.Name ?? terms.County}");

        var (pending, previous) = (state.State.Pending, state.State.LastDecision);
        state.State.Pending = null;
        var saved = await Save(next, rematch: next.Status is ProjectStatus.Open, decision, undo: () => state.State.Pending = pending);
        if (saved.IsOk) await FollowAgreement(decision, previous);
        return saved;
    }

    /// <summary>Gives back what an award or co-build holds (idempotent: releasing twice is harmless).</summary>
    private async Task Release(Holding? holding = null)
    {
        holding ??= state.State.Held;
        if (holding is null) return;
        var id = this.GetPrimaryKey();
        await GrainFactory.GetGrain<IParkGrain>(holding.ParkId).ReleaseLand(id);
        foreach (var county in holding.EnergyByCounty.Keys)
            await GrainFactory.GetGrain<ICountyGrain>(county).ReleaseEnergy(id);
        if (ReferenceEquals(holding, state.State.Held)) state.State.Held = null;
    }
}
