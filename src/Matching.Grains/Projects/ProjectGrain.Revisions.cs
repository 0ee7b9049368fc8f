using Matching.Contracts;
using Matching.Domain.Decisions;
using Matching.Domain.Parks;
using Matching.Domain.Projects;
using Matching.Domain.Validation;
using Matching.Grains.Persistence;

namespace Matching.Grains.Projects;

/// <summary>
/// Revising a standing award or co-build, and previewing any decision. A revision runs the decision
/// saga (<c>ProjectGrain.Decisions.cs</c>) in its revision mode, with the old holding in place: it reserves the new park's land and the new counties' energy
/// first, then releases what only the old decision held, then records; if a reservation is refused, what
/// it reserved is undone and the old decision stands, holding exactly what it held.
/// </summary>
public sealed partial class ProjectGrain
{
    public Task<CommandResult<Project>> Revise(DecisionInput input, string actor) => Decide(input, actor, revise: true);

    public async Task<CommandResult<DecisionEffects>> Preview(DecisionInput input, bool revise)
    {
        if (state.State.Project is not { } project)
            return CommandResult<DecisionEffects>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        if (revise && !IsPlaced(project.Status))
            return CommandResult<DecisionEffects>.Conflict($"项目当前状态为“{ProjectLifecycle.Label(project.Status)}”，没有可修改的落地或共建决定。", null);
        var placedPark = await PlacedPark(input.ParkId);
        if (!CommandResult<DecisionEffects>.TryValidate(() => revise ? ValidateRevision(input, placedPark) : input.Validate(province, state.State.Bids.Keys, placedPark), out var terms, out var invalid))
            return invalid;
        if (terms.ExpectedVersion != project.Version)
            return CommandResult<DecisionEffects>.Conflict(
                "你作决定时看到的项目内容已有变化（可能有新的意向或修改），请刷新后重新决定。", null);
        var statusAfter = revise ? ProjectLifecycle.Next(ProjectStatus.Open, terms.Trigger) : ProjectLifecycle.Next(project.Status, terms.Trigger);
        if (statusAfter is not { } after)
            return CommandResult<DecisionEffects>.Conflict(new ProjectTransitionException(project.Status, ProjectLifecycle.Label(terms.Trigger)).Message, null);
        // A referral reopens the project for its target county straight away.
        if (terms.Kind == DecisionKind.Refer) after = ProjectStatus.Open;

        var id = project.Id;
        var held = state.State.Held;
        var places = terms.Kind is DecisionKind.Award or DecisionKind.CoBuild;
        var parks = new[] { places ? terms.ParkId : null, held?.ParkId }.OfType<string>().Distinct();
        var counties = (places ? terms.EnergySplit(project.Details.EnergyTce).Select(e => e.County) : []).Concat(held?.EnergyByCounty.Keys ?? []).Distinct();
        var land = new Dictionary<string, QuotaFigure>();
        foreach (var park in parks) land[park] = Figure(await GrainFactory.GetGrain<IParkGrain>(park).GetLandQuota(), id);
        var energy = new Dictionary<string, QuotaFigure>();
        foreach (var county in counties) energy[county] = Figure(await GrainFactory.GetGrain<ICountyGrain>(county).GetEnergyQuota(), id);

        return CommandResult<DecisionEffects>.Ok(DecisionEffects.Of(terms, after, revise, project.Details,
            held is null ? null : (held.ParkId, held.LandMu, held.EnergyByCounty), state.State.Bids.Keys.ToArray(), land, energy,
            c => c.Quota == QuotaKind.Land ? province.FindPark(c.Holder)?.Name ?? c.Holder : province.FindCounty(c.Holder)?.Name ?? c.Holder));
    }

    private static bool IsPlaced(ProjectStatus status) => status is ProjectStatus.Awarded or ProjectStatus.CoBuilt;

    private DecisionTerms ValidateRevision(DecisionInput input, ParkReference? placedPark)
    {
        if (input.Kind is not (DecisionKind.Award or DecisionKind.CoBuild))
            throw new DomainValidationException(new FieldErrors().Add("kind", "修改决定须为 award 或 cobuild；要重新开放征集，请作出 reopen 决定。"));
        return input.Validate(province, state.State.Bids.Keys, placedPark);
    }

    private DecisionSight[] Sights() => [.. state.State.Bids.Values
        .Select(b => new DecisionSight(b.Bid.County, state.State.Interests.TryGetValue(b.Bid.County, out var score) ? score : null, [.. b.Flags.Select(f => f.Message)]))];

    private static QuotaFigure Figure(QuotaView view, Guid project) =>
        new(view.Capacity, view.Reserved, view.ByProject.TryGetValue(project, out var held) ? held : 0);

    /// <summary>
    /// Undoes the reservations of a refused decision. Where the standing decision holds the same park or
    /// county, its own amount is put back rather than released (reservations are keyed by project, so
    /// a release would take the standing decision's share too).
    /// </summary>
    private async Task Undo(Holding attempted, Holding? standing)
    {
        var id = this.GetPrimaryKey();
        if (standing is null)
        {
            await Release(attempted);
            return;
        }

        if (attempted.ParkId != standing.ParkId) await GrainFactory.GetGrain<IParkGrain>(attempted.ParkId).ReleaseLand(id);
        foreach (var county in attempted.EnergyByCounty.Keys)
        {
            var grain = GrainFactory.GetGrain<ICountyGrain>(county);
            if (standing.EnergyByCounty.TryGetValue(county, out var before)) await grain.ReserveEnergy(id, before);
            else await grain.ReleaseEnergy(id);
        }
    }

    /// <summary>Gives back what only the standing decision held, once the new one holds what it needs.</summary>
    private async Task ReleaseSuperseded(Holding? standing, Holding next)
    {
        if (standing is null) return;
        var id = this.GetPrimaryKey();
        if (standing.ParkId != next.ParkId) await GrainFactory.GetGrain<IParkGrain>(standing.ParkId).ReleaseLand(id);
        foreach (var county in standing.EnergyByCounty.Keys.Where(c => !next.EnergyByCounty.ContainsKey(c)))
            await GrainFactory.GetGrain<ICountyGrain>(county).ReleaseEnergy(id);
    }
}
