using System.Text.Json;
using Matching.Contracts;
using Matching.Contracts.Landing;
using Matching.Contracts.Live;
using Matching.Domain;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Landing;
using Matching.Domain.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Grains.Projects;

/// <summary>
/// The stages after a decision: the landing county reports, a coordinator confirms or returns; each step
/// is a history entry and live events to the landing counties, the officer and coordinators. The first
/// confirmed 签约 lands the project. Stage clocks and the bidding deadline are durable reminders.
/// </summary>
public sealed partial class ProjectGrain
{
    /// <summary>Reminder names (stored in the reminder table: never rename).</summary>
    internal const string ClockReminder = "landing-clock", DeadlineReminder = "deadline";

    /// <summary>Longest first wait of a reminder; a longer clock is re-registered with what is left when it fires.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    /// <summary>How often a reminder fires again if handling it failed (Orleans' minimum period).</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private LandingRules Rules => ServiceProvider.GetService<IOptions<LandingRules>>()?.Value ?? new LandingRules();

    public Task<LandingView?> GetLanding() => Task.FromResult(state.State.Project is { } project ? View(project) : null);

    public async Task<CommandResult<LandingView>> ReportLanding(LandingReportInput input, string county, string actor)
    {
        if (state.State.Project is not { } project) return CommandResult<LandingView>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        if (LandingDecision() is not { } decision)
            return CommandResult<LandingView>.Conflict($"项目当前状态为“{ProjectLifecycle.Label(project.Status)}”，尚未统筹落地，不能报告落地进度。", View(project));
        var lead = decision.Terms.County!;
        if (county != lead)
            return CommandResult<LandingView>.Invalid(new Dictionary<string, string[]>
            {
                ["county"] = [$"{CountyName(county)}不是该项目的落地县（落地县为{CountyName(lead)}），不能报告落地进度。"],
            });

        var progress = Progress();
        if (!CommandResult<LandingView>.TryValidate(() => input.Validate(progress, time.Today()), out var valid, out var invalid)) return invalid;
        var now = time.GetUtcNow();
        var next = progress.Report(valid.Figures, valid.Attachments, county, actor, now, valid.Note);
        var report = next.Of(valid.Figures.Stage)!.Latest;
        var changed = project.RecordLanding(ProjectEventKind.LandingReported, report, actor, now, valid.Note);
        return await SaveLanding(changed, decision, next, LandingEventTypes.LandingReported, report, null);
    }

    public async Task<CommandResult<LandingView>> ReviewLanding(int? number, bool confirm, string? reason, string actor)
    {
        if (state.State.Project is not { } project) return CommandResult<LandingView>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        if (LandingDecision() is not { } decision)
            return CommandResult<LandingView>.Conflict($"项目当前状态为“{ProjectLifecycle.Label(project.Status)}”，没有待确认的落地进度。", View(project));
        var now = time.GetUtcNow();
        if (!CommandResult<LandingView>.TryValidate(() => Progress().Review(number, confirm, reason, actor, now), out var reviewed, out var invalid)) return invalid;

        var (next, report) = reviewed;
        var changed = project.RecordLanding(confirm ? ProjectEventKind.LandingConfirmed : ProjectEventKind.LandingReturned, report, actor, now, report.Reason);
        // The first confirmed signing is when the project has landed.
        if (confirm && report.Stage == LandingStage.Signed && ProjectLifecycle.Next(changed.Status, ProjectTrigger.Land) is not null)
            changed = changed.Apply(ProjectTrigger.Land, actor, now, $"签约已确认（合同号 {report.Figures.ContractNumber}）");
        return await SaveWithLandingEvidence(changed, decision, report, () => SaveLanding(changed, decision, next, LandingEventTypes.LandingReviewed, report, null));
    }

    /// <summary>A landing reminder's tick: the bidding deadline, or a stage clock.</summary>
    private async Task LandingReminder(string reminderName)
    {
        if (state.State.Project is not { } project)
        {
            await Unregister(reminderName);
            return;
        }

        if (reminderName == DeadlineReminder) await DeadlineReached(project);
        else if (reminderName == ClockReminder) await ClockReached(project);
        else await Unregister(reminderName);
    }

    /// <summary>The bidding deadline's end passed without a decision: the project expires.</summary>
    private async Task DeadlineReached(Project project)
    {
        if (project.Status is not (ProjectStatus.Open or ProjectStatus.Contested) || project.Details.Deadline is not { } deadline)
        {
            await Unregister(DeadlineReminder);
            return;
        }

        var now = time.GetUtcNow();
        if (now < DeadlineEnd(deadline))
        {
            await SyncReminders(); // fired early (a long wait is split): wait for what is left
            return;
        }

        // Saving the transition unregisters the reminder (the status changed).
        await Change(null, p => p.Apply(ProjectTrigger.Expire, SystemActor, now, $"截止日期 {deadline:yyyy-MM-dd} 已过，未作出统筹决定。"));
    }

    /// <summary>A stage clock may have run out: flag the project and warn the county, the officer and coordinators.</summary>
    private async Task ClockReached(Project project)
    {
        var clock = RunningClock();
        var now = time.GetUtcNow();
        if (clock is null || Progress().Overdue?.Stage == clock.Stage)
        {
            await Unregister(ClockReminder);
            return;
        }

        if (!clock.IsOverdue(now))
        {
            await SyncReminders();
            return;
        }

        var decision = LandingDecision()!;
        var next = Progress().Flag(new LandingOverdue(clock.Stage, clock.Due, now));
        var changed = project.RecordLanding(ProjectEventKind.LandingOverdue, null, SystemActor, now,
            $"“{clock.Stage.Label()}”已超期：应于 {clock.Due.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} 前报告。");
        var overdue = new LandingOverduePayload(project.Id, project.Details.Title, Json(clock.Stage), clock.Stage.Label(), clock.Due, decision.Terms.County!);
        await SaveLanding(changed, decision, next, LandingEventTypes.LandingOverdue, null, overdue);
    }

    /// <summary>Who the platform's own steps (expiry, overdue flags) are recorded as.</summary>
    internal const string SystemActor = "system";

    private async Task<CommandResult<LandingView>> SaveLanding(
        Project changed, Decision decision, LandingProgress next, string type, LandingReport? report, LandingOverduePayload? overdue)
    {
        var s = state.State;
        var before = s.Landing;
        s.Landing = new LandingRow(decision.DecidedAt, next);
        var live = LandingEvents(changed, decision, type, report, overdue);
        var saved = await Save(changed, rematch: false, lists: [LandingList.Name], undo: () => s.Landing = before, live: live);
        await SyncReminders();
        return saved.IsOk ? CommandResult<LandingView>.Ok(View(saved.Value!)) : new CommandResult<LandingView> { Status = saved.Status, Detail = saved.Detail, Errors = saved.Errors };
    }

    /// <summary>The live events of a landing step: the landing county and partners, the officer, coordinators.</summary>
    private IReadOnlyList<LiveEventDraft> LandingEvents(Project changed, Decision decision, string type, LandingReport? report, LandingOverduePayload? overdue)
    {
        object payload = overdue ?? (object)new LandingPayload(changed.Id, changed.Details.Title, Json(report!.Stage), report.Stage.Label(), report.Number,
            Json(report.Status), report.County, report.Reason, report.ReviewedBy ?? report.ReportedBy, Json(changed.Status));
        var json = JsonSerializer.Serialize(payload, payload.GetType(), MatchingJson.Options);
        var streams = Parties(decision).Select(LiveStreams.County).Append(LiveStreams.Officer(changed.CreatedBy)).Append(LiveStreams.Coordinators).Distinct();
        var at = changed.UpdatedAt;
        return [.. streams.Select(stream => new LiveEventDraft(stream, $"{changed.Id:N}/{changed.Version}/{type}", type, 1, at, changed.Id, json))];
    }

    /// <summary>
    /// Registers (or removes) the durable reminders the stored state calls for: the bidding deadline while
    /// the project is open, the running stage clock while one runs unflagged. Failures are logged, not thrown:
    /// the command is stored; the next change registers them again.
    /// </summary>
    private async Task SyncReminders()
    {
        try
        {
            var project = state.State.Project;
            var now = time.GetUtcNow();
            if (project is { Status: ProjectStatus.Open or ProjectStatus.Contested, Details.Deadline: { } deadline })
                await this.RegisterOrUpdateReminder(DeadlineReminder, Wait(DeadlineEnd(deadline) - now), ReminderPeriod);
            else await Unregister(DeadlineReminder);

            if (RunningClock() is { } clock && Progress().Overdue?.Stage != clock.Stage)
                await this.RegisterOrUpdateReminder(ClockReminder, Wait(clock.Due - now), ReminderPeriod);
            else await Unregister(ClockReminder);
        }
        catch (Exception e)
        {
            LogRemindersFailed(e, this.GetPrimaryKey());
        }
    }

    private async Task Unregister(string name)
    {
        if (await this.GetReminder(name) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private static TimeSpan Wait(TimeSpan left) => left < TimeSpan.Zero ? TimeSpan.Zero : left > LongestWait ? LongestWait : left;

    /// <summary>The end of the deadline day in China: bids are taken through the whole day.</summary>
    internal static DateTimeOffset DeadlineEnd(DateOnly deadline) =>
        new(deadline.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    /// <summary>The award or co-build the project lands under, while it is awarded, co-built or landed.</summary>
    private Decision? LandingDecision() =>
        state.State.Project?.Status is ProjectStatus.Awarded or ProjectStatus.CoBuilt or ProjectStatus.Landed &&
        state.State.LastDecision is { Terms.Kind: DecisionKind.Award or DecisionKind.CoBuild } decision
            ? decision
            : null;

    /// <summary>The progress under the current decision (none when the row's belongs to an earlier one).</summary>
    private LandingProgress Progress() =>
        LandingDecision() is { } decision && state.State.Landing is { } row && row.DecidedAt == decision.DecidedAt ? row.Progress : LandingProgress.None;

    private LandingClock? RunningClock() => LandingDecision() is { } decision ? Rules.Running(Progress(), decision.DecidedAt) : null;

    private LandingView View(Project project)
    {
        var decision = LandingDecision();
        return new LandingView(project.Id, project.Status, project.Version, decision?.Terms.County,
            decision is null ? [] : [.. Parties(decision).Where(c => c != decision.Terms.County)], decision?.DecidedAt, Progress(), RunningClock());
    }

    private static IEnumerable<string> Parties(Decision decision) =>
        decision.Terms.Kind == DecisionKind.CoBuild ? [decision.Terms.County!, .. decision.Terms.Shares.Select(s => s.County)] : [decision.Terms.County!];

    private string CountyName(string adcode) => province.FindCounty(adcode)?.Name ?? adcode;

    private static string Json<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, MatchingJson.Options).Trim('"');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the reminders of project {ProjectId} failed; the next change registers them again")]
    private partial void LogRemindersFailed(Exception error, Guid projectId);
}
