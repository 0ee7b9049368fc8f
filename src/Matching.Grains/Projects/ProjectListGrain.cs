using Matching.Contracts;
using Matching.Grains.Persistence;

namespace Matching.Grains.Projects;

/// <summary>Stored state of a project list.</summary>
public sealed class ProjectListState
{
    public List<Guid> Projects { get; set; } = [];
}

/// <inheritdoc cref="IProjectListGrain" />
public sealed class ProjectListGrain(
    [PersistentState("project-list", MatchingStorage.Name)] IPersistentState<ProjectListState> state) : Grain, IProjectListGrain
{
    public async Task Add(Guid projectId)
    {
        if (state.State.Projects.Contains(projectId)) return;
        state.State.Projects.Add(projectId);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Projects.Remove(projectId);
            throw;
        }
    }

    public Task<IReadOnlyList<Guid>> List() => Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Projects]);
}
