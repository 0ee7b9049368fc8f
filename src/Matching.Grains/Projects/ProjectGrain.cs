using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Domain.Compliance;
using Matching.Domain.Decisions;
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

    /// <summary>Every decision, oldest first.</summary>
    public List<Decision> Decisions { get; set; } = [];

    /// <summary>
    /// An award or co-build whose reservations may be under way: written before the first reservation
    /// and cleared with the decision, so that a crash in between is completed (or undone) on the next activation.
    /// </summary>
    public Decision? Pending { get; set; }

    /// <summary>What the current award or co-build holds.</summary>
    public Holding? Held { get; set; }

    /// <summary>The county holding first contact with the investor, per the investor registry.</summary>
    public string? FirstContactHolder { get; set; }

    /// <summary>Live projects of the same investor and industry class.</summary>
    public HashSet<Guid> LikelyDuplicates { get; set; } = [];

    /// <summary>
    /// Live events of the last change, written with it and sent after it (a transactional outbox):
    /// a crash in between sends them on the next activation. Sent events stay until the next write;
    /// sending them again is harmless, as the streams skip ids they hold.
    /// </summary>
    public List<LiveEventDraft> Outbox { get; set; } = [];
}

/// <summary>Land at one park and energy at one or more counties, held for the project.</summary>
public sealed record Holding(string ParkId, decimal LandMu, IReadOnlyDictionary<string, decimal> EnergyByCounty);

/// <inheritdoc cref="IProjectGrain" />
public sealed partial class ProjectGrain(
    [PersistentState("project", MatchingStorage.Name)] IPersistentState<ProjectState> state,
    Province province,
    Firewall firewall,
    ProjectMatcher matcher,
    ISearchEngine search,
    DecisionFaults faults,
    TimeProvider time,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain
{
    /// <summary>How long a change waits for its events to be stored, and how often what is left is sent again.</summary>
    private static readonly TimeSpan OutboxTimeout = TimeSpan.FromSeconds(3), OutboxRetry = TimeSpan.FromSeconds(5);

    private IGrainTimer? _outboxRetry;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A decision interrupted between reserving and recording is finished now, before any other call.
        if (state.State.Pending is { } pending && state.State.Project is not null)
            await Conclude(pending);
        if (state.State.Outbox.Count > 0) await SendOutbox();
    }

    public Task<IReadOnlyDictionary<string, double>> GetInterestScores() =>
        Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>(state.State.Interests));

    public Task<IReadOnlyList<Decision>> GetDecisions() => Task.FromResult<IReadOnlyList<Decision>>([.. state.State.Decisions]);

    public async Task<CommandResult<Project>> Decide(DecisionInput input, string actor)
    {
        if (state.State.Project is not { } project)
            return CommandResult<Project>.NotFound($"项目 {this.GetPrimaryKey()} 不存在。");
        DecisionTerms terms;
        try
        {
            terms = input.Validate(province, state.State.Bids.Keys);
        }
        catch (DomainValidationException e)
        {
            return CommandResult<Project>.Invalid(e.Errors.ToDictionary());
        }

        if (terms.ExpectedVersion != project.Version)
            return CommandResult<Project>.Conflict(
                $"决定基于项目版本 {terms.ExpectedVersion}，项目已更新为版本 {project.Version}（可能有新的意向或修改），请刷新后重新决定。", project);
        if (ProjectLifecycle.Next(project.Status, terms.Trigger) is null)
            return CommandResult<Project>.Conflict(new ProjectTransitionException(project.Status, ProjectLifecycle.Label(terms.Trigger)).Message, project);

        var saw = state.State.Bids.Values
            .Select(b => new DecisionSight(b.Bid.County, state.State.Interests.TryGetValue(b.Bid.County, out var score) ? score : null, [.. b.Flags.Select(f => f.Message)]))
            .ToArray();
        var decision = new Decision(terms, actor, time.GetUtcNow(), saw);

        if (terms.Kind is not (DecisionKind.Award or DecisionKind.CoBuild))
        {
            await Release();
            return await Record(decision);
        }

        // Intent first: from here a crash is concluded on the next activation.
        state.State.Pending = decision;
        await state.WriteStateAsync();
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
            await Release(holding);
            state.State.Pending = null;
            await state.WriteStateAsync();
            return CommandResult<Project>.Conflict("指标不足，未作出决定：" + string.Join("；", refusals), project);
        }

        await faults.AfterReservation(id);
        state.State.Held = holding;
        return await Record(decision);
    }

    private async Task<CommandResult<Project>> Record(Decision decision)
    {
        var project = state.State.Project!;
        var terms = decision.Terms;
        var next = project.Apply(terms.Trigger, decision.DecidedBy, decision.DecidedAt, terms.Reason);
        // A referral reopens the project for its target county straight away.
        if (terms.Kind == DecisionKind.Refer) next = next.Apply(ProjectTrigger.Reopen, decision.DecidedBy, decision.DecidedAt, $"转介至 {terms.County}");

        var (decisions, pending) = (state.State.Decisions, state.State.Pending);
        state.State.Decisions = [.. decisions, decision];
        state.State.Pending = null;
        try
        {
            return await Save(next, rematch: next.Status is ProjectStatus.Open, decision);
        }
        catch
        {
            (state.State.Decisions, state.State.Pending) = (decisions, pending);
            throw;
        }
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
        await GrainFactory.GetGrain<IProjectListGrain>(IProjectListGrain.PostedBy(actor)).Add(id);
        var created = await Save(Project.Create(id, details, actor, time.GetUtcNow()));
        await RegisterWithInvestor();
        return created;
    }

    public async Task LinkDuplicate(Guid other)
    {
        if (!state.State.LikelyDuplicates.Add(other)) return;
        await state.WriteStateAsync();
    }

    public Task<ProjectFlags> GetFlags() =>
        Task.FromResult(new ProjectFlags(state.State.FirstContactHolder, [.. state.State.LikelyDuplicates.Order()]));

    /// <summary>
    /// Tells the investor registry (under the credit code and the name) about the project, and keeps
    /// what it answers: who holds first contact, and which live projects look like the same one.
    /// </summary>
    private async Task RegisterWithInvestor()
    {
        var project = state.State.Project!;
        var investor = project.Details.Investor;
        var entry = new InvestorProject(project.Id, project.Details.IndustryCode.Value, project.Details.FirstContactCounty, Json(project.Status));
        string? holder = null;
        var duplicates = new HashSet<Guid>();
        foreach (var key in IInvestorGrain.KeysOf(investor.Name, investor.CreditCode))
        {
            var findings = await GrainFactory.GetGrain<IInvestorGrain>(key).Register(entry);
            holder ??= findings.FirstContactHolder;
            duplicates.UnionWith(findings.LikelyDuplicates);
        }

        var newlyLinked = duplicates.Except(state.State.LikelyDuplicates).ToArray();
        if (holder == state.State.FirstContactHolder && newlyLinked.Length == 0) return;
        state.State.FirstContactHolder = holder;
        state.State.LikelyDuplicates.UnionWith(duplicates);
        await state.WriteStateAsync();
        // Linked both ways: the earlier project learns of this one too.
        foreach (var other in newlyLinked) await GrainFactory.GetGrain<IProjectGrain>(other).LinkDuplicate(project.Id);
    }

    private static string Json(ProjectStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

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
        var investor = project.Details.Investor;
        var operating = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in IInvestorGrain.KeysOf(investor.Name, investor.CreditCode))
            operating.UnionWith(await GrainFactory.GetGrain<IInvestorGrain>(key).OperatingCounties());
        var presence = operating.Where(c => c != bid.County).Select(c => new InvestorPresence(c, province.FindCounty(c)?.Name ?? c)).ToArray();
        var verdict = firewall.Evaluate(bid, new BidContext(county?.Profile.LandPriceFloor, presence), time.Today());
        if (verdict.IsRejected)
        {
            return CommandResult<PlacedBid>.Rejected(
                verdict.ToFieldErrors().ToDictionary(),
                "意向不符合公平竞争审查规则：" + string.Join("；", verdict.Violations.Select(v => $"{v.RuleId} {v.RuleTitle}").Distinct()));
        }

        var now = time.GetUtcNow();
        var placed = new PlacedBid(bid, verdict.Flags, verdict.RuleBookVersion, actor, now) { OnVersion = project.Version };
        var next = project.RecordBid(placed: true, bid.County, actor, now);
        var live = state.State.Bids.Keys.Append(bid.County).Distinct().Count();
        if (next.Status == ProjectStatus.Open && live >= 2)
            next = next.Apply(ProjectTrigger.Contest, actor, now, $"{live} 个县表达意向");

        // Listed before it is stored, so "my bids" can never miss a stored bid (a failed write leaves a harmless entry).
        await GrainFactory.GetGrain<IProjectListGrain>(IProjectListGrain.BidOnBy(bid.County)).Add(project.Id);
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
    /// <param name="decision">The decision this change records, if it does.</param>
    private async Task<CommandResult<Project>> Save(Project next, bool rematch = true, Decision? decision = null)
    {
        var (previous, previousInterests, previousOutbox) = (state.State.Project, state.State.Interests, state.State.Outbox);
        var interests = rematch ? await Interests(next, previousInterests) : previousInterests;
        var events = ProjectLiveEvents.For(previous, next, previousInterests, interests, state.State.Bids, decision, province);
        // Unsent events of an earlier change go out with this one, in order.
        (state.State.Project, state.State.Interests, state.State.Outbox) = (next, interests, [.. previousOutbox, .. events]);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Keep memory equal to storage: a failed write must not leave a change only in memory.
            (state.State.Project, state.State.Interests, state.State.Outbox) = (previous, previousInterests, previousOutbox);
            throw;
        }

        await SendOutbox();
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

    /// <summary>
    /// Appends the outbox to its streams. Once every stream has it, it is emptied in memory (and in
    /// storage with the next write); on failure it stays, to go out with the next change or activation.
    /// </summary>
    private async Task SendOutbox()
    {
        var outbox = state.State.Outbox;
        if (outbox.Count == 0) return;
        try
        {
            // Bounded: a stream on a silo that just died must not hold the command (and every call queued
            // behind it) until the silo is declared dead. What is not confirmed is sent again.
            await Task.WhenAll(outbox.GroupBy(e => e.Stream)
                .Select(stream => GrainFactory.GetGrain<IEventStreamGrain>(stream.Key).Append([.. stream]))).WaitAsync(OutboxTimeout);
            if (ReferenceEquals(state.State.Outbox, outbox)) state.State.Outbox = [];
        }
        catch (Exception e)
        {
            LogOutboxFailed(e, this.GetPrimaryKey(), outbox.Count);
            _outboxRetry ??= this.RegisterGrainTimer(RetryOutbox, new GrainTimerCreationOptions(OutboxRetry, OutboxRetry) { Interleave = false });
        }
    }

    /// <summary>Sends what is left in the outbox until it is empty, then stops.</summary>
    private async Task RetryOutbox(CancellationToken cancellationToken)
    {
        await SendOutbox();
        if (state.State.Outbox.Count == 0 && _outboxRetry is { } timer)
        {
            _outboxRetry = null;
            timer.Dispose();
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
            var operating = project.Status is ProjectStatus.Awarded or ProjectStatus.CoBuilt or ProjectStatus.Landed && state.State.Decisions.LastOrDefault() is { } last
                ? (last.Terms.Kind == DecisionKind.CoBuild ? last.Terms.Shares.Select(s => s.County).ToArray() : [last.Terms.County!])
                : [];
            foreach (var key in IInvestorGrain.KeysOf(project.Details.Investor.Name, project.Details.Investor.CreditCode))
                await GrainFactory.GetGrain<IInvestorGrain>(key).Track(project.Id, Json(project.Status), operating);
        }
        catch (Exception e)
        {
            LogInvestorFailed(e, project.Id);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} live events of project {ProjectId} failed; they go out with its next change or activation")]
    private partial void LogOutboxFailed(Exception error, Guid projectId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating county inboxes for project {ProjectId} failed")]
    private partial void LogInboxFailed(Exception error, Guid projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the investor registry for project {ProjectId} failed")]
    private partial void LogInvestorFailed(Exception error, Guid projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing project {ProjectId} failed; a rebuild repairs it")]
    private partial void LogIndexFailed(Exception error, Guid projectId);
}
