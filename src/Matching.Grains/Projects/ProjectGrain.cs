using Matching.Contracts;
using Matching.Domain.Compliance;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Domain.Validation;
using Matching.Engine;
using Matching.Grains.Persistence;
using Matching.Search;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Projects;

/// <summary>Stored state of a project grain.</summary>
public sealed class ProjectState
{
    public Project? Project { get; set; }

    /// <summary>Standing interests: counties the published project fits above the inbox threshold, with their scores.</summary>
    public Dictionary<string, double> Interests { get; set; } = [];

    /// <summary>Live bids by county adcode.</summary>
    public Dictionary<string, PlacedBid> Bids { get; set; } = [];

    /// <summary>Idempotency keys of accepted bids, and the county each placed.</summary>
    public Dictionary<string, string> BidKeys { get; set; } = [];
}

/// <inheritdoc cref="IProjectGrain" />
public sealed partial class ProjectGrain(
    [PersistentState("project", MatchingStorage.Name)] IPersistentState<ProjectState> state,
    Province province,
    Firewall firewall,
    ProjectMatcher matcher,
    ISearchEngine search,
    TimeProvider time,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain
{
    public Task<Project?> Get() => Task.FromResult(state.State.Project);

    public Task<ProjectIndexView?> GetIndexView() => Task.FromResult(state.State.Project is { } project
        ? new ProjectIndexView(project, [.. state.State.Interests.Keys.Order(StringComparer.Ordinal)])
        : null);

    public async Task<CommandResult<Project>> Create(ProjectInput input, string actor)
    {
        if (state.State.Project is { } existing)
            return CommandResult<Project>.Conflict("该项目编号已被使用。", existing);
        ProjectDetails details;
        try
        {
            details = input.Validate(province, time.Today());
        }
        catch (DomainValidationException e)
        {
            return CommandResult<Project>.Invalid(e.Errors.ToDictionary());
        }

        var id = this.GetPrimaryKey();
        // Registered before it exists, so an index rebuild can never miss a stored project; an id whose
        // write then fails is skipped by the rebuild.
        await GrainFactory.GetGrain<IProjectRegistryGrain>(IProjectRegistryGrain.ShardOf(id)).Add(id);
        return await Save(Project.Create(id, details, actor, time.GetUtcNow()));
    }

    public Task<CommandResult<Project>> Update(ProjectInput input, string actor, long? expectedVersion) =>
        Change(expectedVersion, project => project.Edit(input.Validate(province, time.Today()), actor, time.GetUtcNow()));

    public Task<CommandResult<Project>> Publish(string actor, long? expectedVersion) =>
        Change(expectedVersion, project => project.Apply(ProjectTrigger.Publish, actor, time.GetUtcNow()));

    public Task<CommandResult<Project>> Withdraw(string actor, string? reason, long? expectedVersion) =>
        Change(expectedVersion, project => project.Apply(ProjectTrigger.Withdraw, actor, time.GetUtcNow(), reason));

    public Task<IReadOnlyList<PlacedBid>> GetBids() =>
        Task.FromResult<IReadOnlyList<PlacedBid>>([.. state.State.Bids.Values.OrderBy(b => b.Bid.County, StringComparer.Ordinal)]);

    public async Task<CommandResult<PlacedBid>> PlaceBid(BidInput input, string actor, string? idempotencyKey)
    {
        if (state.State.Project is not { } project)
            return CommandResult<PlacedBid>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        if (idempotencyKey is not null && state.State.BidKeys.TryGetValue(idempotencyKey, out var keyed) &&
            state.State.Bids.TryGetValue(keyed, out var first))
            return CommandResult<PlacedBid>.Ok(first);
        if (project.Status is not (ProjectStatus.Open or ProjectStatus.Contested))
            return CommandResult<PlacedBid>.Conflict($"项目当前状态为“{ProjectLifecycle.Label(project.Status)}”，不接受意向。", null);

        Bid bid;
        try
        {
            bid = input.Validate(province);
        }
        catch (DomainValidationException e)
        {
            return CommandResult<PlacedBid>.Invalid(e.Errors.ToDictionary());
        }

        var county = await GrainFactory.GetGrain<ICountyGrain>(bid.County).Get();
        var verdict = firewall.Evaluate(bid, new BidContext(county?.Profile.LandPriceFloor, []), time.Today());
        if (verdict.IsRejected)
        {
            return CommandResult<PlacedBid>.Rejected(
                verdict.ToFieldErrors().ToDictionary(),
                "意向不符合公平竞争审查规则：" + string.Join("；", verdict.Violations.Select(v => $"{v.RuleId} {v.RuleTitle}").Distinct()));
        }

        var now = time.GetUtcNow();
        var placed = new PlacedBid(bid, verdict.Flags, verdict.RuleBookVersion, actor, now);
        var next = project.RecordBid(placed: true, bid.County, actor, now);
        var live = state.State.Bids.Keys.Append(bid.County).Distinct().Count();
        if (next.Status == ProjectStatus.Open && live >= 2)
            next = next.Apply(ProjectTrigger.Contest, actor, now, $"{live} 个县表达意向");

        var (bids, keys) = (state.State.Bids, state.State.BidKeys);
        state.State.Bids = new Dictionary<string, PlacedBid>(bids) { [bid.County] = placed };
        state.State.BidKeys = idempotencyKey is null ? keys : new Dictionary<string, string>(keys) { [idempotencyKey] = bid.County };
        try
        {
            await Save(next, rematch: false);
        }
        catch
        {
            (state.State.Bids, state.State.BidKeys) = (bids, keys);
            throw;
        }

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
        try
        {
            return await Save(next, rematch: false);
        }
        catch
        {
            state.State.Bids = bids;
            throw;
        }
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
            next = change(project);
        }
        catch (DomainValidationException e)
        {
            return CommandResult<Project>.Invalid(e.Errors.ToDictionary());
        }
        catch (ProjectTransitionException e)
        {
            return CommandResult<Project>.Conflict(e.Message, project);
        }

        return await Save(next);
    }

    /// <param name="next">The project after the change.</param>
    /// <param name="rematch">False when the change cannot alter which counties it fits (a bid): interests are kept as they are.</param>
    private async Task<CommandResult<Project>> Save(Project next, bool rematch = true)
    {
        var (previous, previousInterests) = (state.State.Project, state.State.Interests);
        var interests = rematch ? await Interests(next, previousInterests) : previousInterests;
        (state.State.Project, state.State.Interests) = (next, interests);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Keep memory equal to storage: a failed write must not leave a change only in memory.
            (state.State.Project, state.State.Interests) = (previous, previousInterests);
            throw;
        }

        await Propagate(next, previousInterests, interests);
        return CommandResult<Project>.Ok(next);
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

    /// <summary>Brings the counties' inboxes and the search index in line with the stored project.</summary>
    private async Task Propagate(Project project, Dictionary<string, double> before, Dictionary<string, double> after)
    {
        try
        {
            var at = time.GetUtcNow();
            await Task.WhenAll(
                before.Keys.Except(after.Keys).Select(c => GrainFactory.GetGrain<ICountyInboxGrain>(c).Remove(project.Id))
                    .Concat(after.Where(a => !before.TryGetValue(a.Key, out var old) || old != a.Value)
                        .Select(a => GrainFactory.GetGrain<ICountyInboxGrain>(a.Key).Put(new InboxEntry(project.Id, a.Value, at)))));
        }
        catch (Exception e)
        {
            LogInboxFailed(e, project.Id);
        }

        try
        {
            await search.IndexProjectsAsync([ProjectDocuments.From(project, [.. after.Keys.Order(StringComparer.Ordinal)], province.Industries)]);
        }
        catch (Exception e)
        {
            // The index is rebuilt from grain state; a missed write is repaired there.
            LogIndexFailed(e, project.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Matching project {ProjectId} failed; its standing interests are unchanged")]
    private partial void LogMatchingFailed(Exception error, Guid projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating county inboxes for project {ProjectId} failed")]
    private partial void LogInboxFailed(Exception error, Guid projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing project {ProjectId} failed; a rebuild repairs it")]
    private partial void LogIndexFailed(Exception error, Guid projectId);
}
