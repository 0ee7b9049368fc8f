using Matching.Contracts;
using Matching.Grains.Persistence;

namespace Matching.Grains.Registry;

/// <summary>Stored state of a project-registry shard.</summary>
public sealed class ProjectRegistryState
{
    public HashSet<Guid> Ids { get; set; } = [];
}

/// <inheritdoc cref="IProjectRegistryGrain" />
public sealed class ProjectRegistryGrain(
    [PersistentState("project-registry", MatchingStorage.Name)] IPersistentState<ProjectRegistryState> state) : Grain, IProjectRegistryGrain
{
    public async Task Add(Guid id)
    {
        if (!state.State.Ids.Add(id)) return;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Ids.Remove(id);
            throw;
        }
    }

    public Task<IReadOnlyList<Guid>> List() => Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Ids]);
}
