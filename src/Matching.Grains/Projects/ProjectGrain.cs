using Matching.Contracts;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Domain.Validation;
using Matching.Grains.Persistence;

namespace Matching.Grains.Projects;

/// <summary>Stored state of a project grain.</summary>
public sealed class ProjectState
{
    public Project? Project { get; set; }
}

/// <inheritdoc cref="IProjectGrain" />
public sealed class ProjectGrain(
    [PersistentState("project", MatchingStorage.Name)] IPersistentState<ProjectState> state,
    Province province,
    TimeProvider time) : Grain, IProjectGrain
{
    public Task<Project?> Get() => Task.FromResult(state.State.Project);

    public async Task<CommandResult<Project>> Create(ProjectInput input, string actor)
    {
        if (state.State.Project is { } existing)
            return CommandResult<Project>.Conflict("该项目编号已被使用。", existing);
        try
        {
            var details = input.Validate(province, time.Today());
            return await Save(Project.Create(this.GetPrimaryKey(), details, actor, time.GetUtcNow()));
        }
        catch (DomainValidationException e)
        {
            return CommandResult<Project>.Invalid(e.Errors.ToDictionary());
        }
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
        var previous = state.State.Project;
        state.State.Project = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Keep memory equal to storage: a failed write must not leave a change only in memory.
            state.State.Project = previous;
            throw;
        }

        return CommandResult<Project>.Ok(next);
    }
}
