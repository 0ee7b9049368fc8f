using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Contracts.Persistence;
using Matching.Domain.Compliance;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Engine;
using Matching.Grains.Investors;
using Matching.Grains.Persistence;
using Matching.Grains.Registry;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Projects;

/// <summary>
/// The project's commands and its stored state. The bids (<c>ProjectGrain.Bids.cs</c>), the decision
/// saga (<c>ProjectGrain.Decisions.cs</c>) and the projections a change owes (<c>ProjectGrain.Projections.cs</c>)
/// are the other parts of this grain.
/// </summary>
public sealed partial class ProjectGrain(
    [PersistentState("project", MatchingStorage.Name)] IPersistentState<ProjectState> state,
    Province province,
    Firewall firewall,
    ProjectMatcher matcher,
    ProjectProjections projections,
    ProjectHistory history,
    ProjectLists lists,
    InvestorIndex investors,
    BidKeys bidKeys,
    DecisionFaults faults,
    TimeProvider time,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain
{
    /// <summary>How long a create's idempotency key answers a retry.</summary>
    private static readonly TimeSpan CreateKeyLifetime = TimeSpan.FromHours(24);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A decision interrupted between reserving and recording is finished now, before any other call.
        if (state.State.Pending is { } pending && state.State.Project is not null)
            await Conclude(pending);
        if (state.State.Project is not null) await ApplyOwed();
        await SendLandingEvidence();
    }

    public Task<Project?> Get() => Task.FromResult(state.State.Project);

    public Task<ProjectIndexView?> GetIndexView() => Task.FromResult(state.State.Project is { } project
        ? new ProjectIndexView(project, [.. state.State.Interests.Keys.Order(StringComparer.Ordinal)], ProjectProjections.HostCounties(state.State)) { Settlement = ProjectSettlements.Of(state.State), Contest = ProjectContests.Of(state.State), ListedHost = ProjectListings.HostOf(state.State) }
        : null);

    public Task<IReadOnlyDictionary<string, double>> GetInterestScores() =>
        Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>(state.State.Interests));

    public async Task<HistoryPage> GetHistory(HistoryQuery query) =>
        state.State.Project is null ? new HistoryPage([], 0) : await history.ReadAsync(this.GetPrimaryKey(), query);

    public async Task<ProjectFlags> GetFlags() =>
        state.State.Project is { } project ? await investors.FlagsOf(project) : new ProjectFlags(null, []);

    /// <summary>A digest of a create request, to tell its retry from another request under the same key.</summary>
    public static string Digest(ProjectInput input) => RowBodies.Digest(input);

    public async Task<CommandResult<Project>> Create(ProjectInput input, string actor, string? requestDigest)
    {
        if (state.State.Project is { } existing)
        {
            if (requestDigest is null) return CommandResult<Project>.Conflict("该项目编号已被使用。", existing);
            // The same caller retrying the same request (its answer was lost): the project it made.
            var retry = existing.CreatedBy == actor && state.State.CreatedWith == requestDigest && time.GetUtcNow() - existing.CreatedAt < CreateKeyLifetime;
            return retry ? CommandResult<Project>.Ok(existing) : CommandResult<Project>.KeyReused("Idempotency-Key");
        }

        if (!CommandResult<Project>.TryValidate(() => input.Validate(province, time.Today()), out var details, out var invalid)) return invalid;
        var id = this.GetPrimaryKey();
        var now = time.GetUtcNow();
        // Registered before it exists, so an index rebuild can never miss a stored project; an id whose
        // write then fails is skipped by the rebuild.
        await lists.WriteAsync([ProjectLists.Add(ProjectLists.Registry, id, now)]);
        state.State.CreatedWith = requestDigest;
        return await Save(Project.Create(id, details, actor, now), lists: [ProjectLists.PostedBy(actor)]);
    }

    public Task<CommandResult<Project>> Update(ProjectInput input, string actor, long? expectedVersion) =>
        Change(expectedVersion, project => project.Edit(input.Validate(province, time.Today()), actor, time.GetUtcNow()));

    public Task<CommandResult<Project>> Publish(string actor, long? expectedVersion) =>
        Change(expectedVersion, project => project.Apply(ProjectTrigger.Publish, actor, time.GetUtcNow()));

    public async Task<CommandResult<Project>> Withdraw(string actor, string? reason, long? expectedVersion)
    {
        // Release only when the withdrawal is allowed; the release is idempotent if the save then fails.
        if (state.State.Project is { } project && (expectedVersion is null || expectedVersion == project.Version) &&
            ProjectLifecycle.Next(project.Status, ProjectTrigger.Withdraw) is not null)
            await Release();
        return await Change(expectedVersion, p => p.Apply(ProjectTrigger.Withdraw, actor, time.GetUtcNow(), reason));
    }

    /// <summary>Checks existence and version, applies a domain change, stores it; rejections change nothing.</summary>
    private async Task<CommandResult<Project>> Change(long? expectedVersion, Func<Project, Project> change)
    {
        if (state.State.Project is not { } project)
            return CommandResult<Project>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        if (expectedVersion is { } expected && expected != project.Version)
            return CommandResult<Project>.VersionMismatch(expected, project.Version, project);

        Project next;
        try
        {
            if (!CommandResult<Project>.TryValidate(() => change(project), out next, out var invalid)) return invalid;
        }
        catch (ProjectTransitionException e)
        {
            return CommandResult<Project>.Conflict(e.Message, project);
        }

        return await Save(next);
    }

    /// <summary>
    /// Stores a change with what it owes its projections and live streams (one grain write), then applies them.
    /// </summary>
    /// <param name="next">The project after the change, with the history entries it appended.</param>
    /// <param name="rematch">False when the change cannot alter which counties it fits (a bid): interests are kept as they are.</param>
    /// <param name="decision">The decision this change records, if it does.</param>
    /// <param name="bidKey">An idempotency key to keep with the change.</param>
    /// <param name="lists">Lists the project joins with the change.</param>
    /// <param name="undo">Puts back what the caller changed in memory with it, should the write fail.</param>
    /// <param name="live">Live events of the change beyond those derived from the project (landing steps).</param>
    private async Task<CommandResult<Project>> Save(
        Project next, bool rematch = true, Decision? decision = null, BidKey? bidKey = null, IReadOnlyList<string>? lists = null, Action? undo = null,
        IReadOnlyList<LiveEventDraft>? live = null)
    {
        var s = state.State;
        var (previous, before, outbox, owed, lastDecision) = (s.Project, s.Interests, s.Outbox, s.Unprojected, s.LastDecision);
        var interests = rematch ? await Interests(next, before) : before;
        IReadOnlyList<LiveEventDraft> events = [.. ProjectLiveEvents.For(previous, next, before, interests, s.Bids, decision, province), .. RoutingLiveEvents.For(next, s.Route, Parties(s.Bids)), .. live ?? []];
        var inbox = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var gone in before.Keys.Except(interests.Keys)) inbox[gone] = null;
        foreach (var (county, score) in interests.Where(i => !before.TryGetValue(i.Key, out var old) || old != i.Value)) inbox[county] = score;
        var change = new Unprojected
        {
            History = next.Changes,
            Inbox = inbox,
            Lists = lists ?? [],
            BidKeys = bidKey is null ? [] : [bidKey],
            Investor = previous is null || previous.Status != next.Status,
            InboxStatus = previous is not null && previous.Status != next.Status,
            Index = ProjectIndexing.Owed(previous, next),
        };

        // Unsent events and unapplied projections of an earlier change go out with this one, in order.
        (s.Project, s.Interests, s.Outbox, s.Unprojected) = (next.Settled(), interests, [.. outbox, .. events], owed.And(change));
        if (decision is not null) s.LastDecision = decision;
        // The rows and live events it owes go in the state write's own transaction where storage allows (one commit, not three).
        var (stored, sending) = (s.Unprojected, s.Outbox);
        var committed = await OwedWithState.WriteAsync(ProjectProjections.RowWrites(s, stored), sending, () => state.WriteOrUndo(() =>
        {
            (s.Project, s.Interests, s.Outbox, s.Unprojected, s.LastDecision) = (previous, before, outbox, owed, lastDecision);
            undo?.Invoke();
        }));
        if (committed.RowsCommitted) _rowsStoredWith = stored;
        if (committed.EventsCommitted is { } appended) _eventsStoredWith = (sending, appended);
        _unsent = events;
        await ApplyOwed();
        if (previous is not null && (previous.Status != next.Status || previous.Details.Deadline != next.Details.Deadline)) await SyncReminders();
        return CommandResult<Project>.Ok(s.Project);
    }

    /// <summary>
    /// The counties a live project fits above the inbox threshold. Matching is derived data: if the
    /// engine fails, the command still succeeds with the interests it had.
    /// </summary>
    private async Task<Dictionary<string, double>> Interests(Project project, Dictionary<string, double> current)
    {
        if (project.Status is not (ProjectStatus.Open or ProjectStatus.Contested)) return [];
        try
        {
            var result = await matcher.MatchAsync(project.Details, int.MaxValue, explain: false);
            return result.Matches
                .Where(m => m.Score >= matcher.Model.Weights.InboxThreshold)
                .ToDictionary(m => m.Adcode, m => m.Score, StringComparer.Ordinal);
        }
        catch (Exception e)
        {
            LogMatchingFailed(e, project.Id);
            return current;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Matching project {ProjectId} failed; its standing interests are unchanged")]
    private partial void LogMatchingFailed(Exception error, Guid projectId);
}
