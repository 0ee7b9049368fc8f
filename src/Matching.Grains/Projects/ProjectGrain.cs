using Matching.Contracts;
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
}

/// <inheritdoc cref="IProjectGrain" />
public sealed partial class ProjectGrain(
    [PersistentState("project", MatchingStorage.Name)] IPersistentState<ProjectState> state,
    Province province,
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

    private async Task<CommandResult<Project>> Save(Project next)
    {
        var (previous, previousInterests) = (state.State.Project, state.State.Interests);
        var interests = await Interests(next, previousInterests);
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
