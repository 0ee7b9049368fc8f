using Matching.Contracts;
using Matching.Engine;
using Matching.Search;
using Matching.Seeds;

namespace Matching.Host.Search;

/// <summary>Rebuilds the project index from grain state: every project in the registry, with its standing interests.</summary>
public sealed partial class ProjectIndexRebuilder(IGrainFactory grains, ISearchEngine search, ShandongSeeds seeds, ILogger<ProjectIndexRebuilder> logger)
{
    /// <summary>How many project ids the registry holds (an upper bound of the stored projects).</summary>
    public async Task<long> CountRegisteredAsync() =>
        (await Task.WhenAll(IProjectRegistryGrain.Shards.Select(s => grains.GetGrain<IProjectRegistryGrain>(s).List()))).Sum(ids => (long)ids.Count);

    /// <summary>Clears the project documents and indexes every stored project again, in batches.</summary>
    /// <returns>The number of projects indexed.</returns>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await search.ClearAsync(cancellationToken);
        var indexed = 0;
        foreach (var shard in IProjectRegistryGrain.Shards)
        {
            var ids = await grains.GetGrain<IProjectRegistryGrain>(shard).List();
            foreach (var batch in ids.Chunk(500))
            {
                var views = await Task.WhenAll(batch.Select(id => grains.GetGrain<IProjectGrain>(id).GetIndexView()));
                var documents = views.OfType<ProjectIndexView>()
                    .Select(v => ProjectDocuments.From(v.Project, v.FitCounties, seeds.Province.Industries))
                    .ToArray();
                await search.IndexProjectsAsync(documents, cancellationToken);
                indexed += documents.Length;
            }
        }

        await search.RefreshAsync(cancellationToken);
        LogRebuilt(indexed);
        return indexed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Project index rebuilt from grain state: {Count} projects")]
    private partial void LogRebuilt(int count);
}
