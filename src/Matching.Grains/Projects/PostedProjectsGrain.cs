using Matching.Contracts;
using Matching.Grains.Persistence;

namespace Matching.Grains.Projects;

/// <summary>Stored state of an account's posted projects.</summary>
public sealed class PostedProjectsState
{
    public List<Guid> Projects { get; set; } = [];
}

/// <inheritdoc cref="IPostedProjectsGrain" />
public sealed class PostedProjectsGrain(
    [PersistentState("posted", MatchingStorage.Name)] IPersistentState<PostedProjectsState> state) : Grain, IPostedProjectsGrain
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
