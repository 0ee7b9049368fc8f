using Matching.Contracts;
using Matching.Grains.Persistence;

namespace Matching.Grains.Registry;

/// <summary>Stored state of a project list.</summary>
public sealed class ProjectListState
{
    public HashSet<Guid> Ids { get; set; } = [];
}

/// <summary>
/// Every project list: the registry's shards and the per-account and per-county lists. The grain type
/// and state name are those the registry was first stored under; they must not change.
/// </summary>
[GrainType("projectregistry")]
public sealed class ProjectListGrain(
    [PersistentState("project-registry", MatchingStorage.Name)] IPersistentState<ProjectListState> state) : Grain, IProjectRegistryGrain
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
