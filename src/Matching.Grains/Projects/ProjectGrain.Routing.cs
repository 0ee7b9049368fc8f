using Matching.Contracts;
using Matching.Domain.Compliance;
using Matching.Domain.Escalation;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Grains.Projects;

/// <summary>
/// Contest routing: which level decides a contest under the escalation rules, recorded in the history with
/// the rule that caused it; the timeout escalation fired by a durable reminder; the province's takeover.
/// </summary>
public sealed partial class ProjectGrain : IProjectRouting
{
    /// <summary>The reminder that escalates a contest a prefecture has held past the timeout.</summary>
    internal const string TimeoutReminder = "escalation-timeout";

    private EscalationRuleBook Escalation => ServiceProvider.GetRequiredService<EscalationRuleBook>();

    public Task<ContestRoute?> GetRoute() =>
        Task.FromResult(state.State.Project is { Status: ProjectStatus.Contested } ? state.State.Route : null);

    public async Task<CommandResult<ContestRoute>> TakeOver(string coordinator, string reason)
    {
        if (state.State.Project is not { } project)
            return CommandResult<ContestRoute>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        if (project.Status != ProjectStatus.Contested)
            return CommandResult<ContestRoute>.Conflict($"项目当前状态为“{ProjectLifecycle.Label(project.Status)}”，没有待决的竞争。", null);
        if (string.IsNullOrWhiteSpace(reason))
            return CommandResult<ContestRoute>.Invalid(new Dictionary<string, string[]> { ["reason"] = ["请说明接管理由。"] });
        var current = state.State.Route;
        if (current is { Level: DecidingLevel.Province } && current.By == coordinator) return CommandResult<ContestRoute>.Ok(current);

        var now = time.GetUtcNow();
        var route = Escalation.TakeOver(current, coordinator, reason.Trim(), time.Today(), now);
        state.State.Route = route;
        await Save(project.Routed(route, now), rematch: false, undo: () => state.State.Route = current);
        return CommandResult<ContestRoute>.Ok(route);
    }

    /// <summary>
    /// Routes the contest a change of bids leaves (or clears the route when it leaves none), appending the
    /// routing to the change. The timeout reminder is registered before the change is stored: should the
    /// write fail, the reminder finds no prefecture holding the contest and ends itself.
    /// </summary>
    /// <returns>The change with its routing entry, and what puts the route back should the write fail.</returns>
    private async Task<(Project Next, Action Undo)> Reroute(Project previous, Project next, IReadOnlyDictionary<string, PlacedBid> bids)
    {
        var before = state.State.Route;
        void Undo() => state.State.Route = before;
        if (next.Status != ProjectStatus.Contested)
        {
            state.State.Route = null;
            return (next, Undo);
        }

        // A new round (the project was not contested before) is routed afresh.
        var current = previous.Status == ProjectStatus.Contested ? before : null;
        var now = time.GetUtcNow();
        var facts = new ContestFacts(next.Details.Investment, next.Details.LandMu, next.Details.EnergyTce, next.Details.HighEnergy,
            [.. Parties(bids).Select(PrefectureCodes.Of)]);
        var route = Escalation.Reroute(current, facts, time.Today(), now, PrefectureName);
        if (route is null)
        {
            state.State.Route = current;
            return (next, Undo);
        }

        if (route.Level == DecidingLevel.Prefecture && Escalation.TimeoutOn(time.Today()) is { } timeout)
            await this.RegisterOrUpdateReminder(TimeoutReminder, timeout, TimeoutPeriod(timeout));
        state.State.Route = route;
        return (next.Routed(route, now), Undo);
    }

    /// <summary>The timeout: escalates the contest if the prefecture still holds it past the time the rules give it.</summary>
    private async Task RoutingTimeout()
    {
        var project = state.State.Project;
        var route = state.State.Route;
        if (project is not { Status: ProjectStatus.Contested } || route is not { Level: DecidingLevel.Prefecture })
        {
            await Unregister();
            return;
        }

        var now = time.GetUtcNow();
        // Rules of the day the contest was routed: a new rule version does not shorten a running clock.
        var since = ChinaTime.DateOf(route.Since);
        if (Escalation.TimeoutOn(since) is not { } timeout || now < route.Since + timeout) return;
        if (Escalation.Timeout(route, since, now) is not { } escalated) return;

        state.State.Route = escalated;
        await Save(project.Routed(escalated, now), rematch: false, undo: () => state.State.Route = route);
        await Unregister();
    }

    private async Task Unregister()
    {
        if (await this.GetReminder(TimeoutReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    /// <summary>After the first tick the reminder repeats until the escalation is stored (a failed write is retried).</summary>
    private static TimeSpan TimeoutPeriod(TimeSpan timeout) => timeout < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(Math.Min(timeout.TotalMinutes, 60));

    private string PrefectureName(string adcode) => province.Prefectures.FirstOrDefault(p => p.Adcode == adcode)?.Name ?? adcode;
}
