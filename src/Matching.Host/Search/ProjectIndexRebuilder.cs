using Matching.Contracts;
using Matching.Engine;
using Matching.Grains.Projects;
using Matching.Grains.Registry;
using Matching.Search;
using Matching.Seeds;

namespace Matching.Host.Search;

/// <summary>Rebuilds the project index from grain state: every project in the registry, with its standing interests.</summary>
public sealed partial class ProjectIndexRebuilder(IGrainFactory grains, ISearchEngine search, ProjectLists lists, ProjectHistory history, ShandongSeeds seeds, ILogger<ProjectIndexRebuilder> logger)
{
    /// <summary>How many project ids the registry holds (an upper bound of the stored projects).</summary>
    public async Task<long> CountRegisteredAsync() => (await lists.ReadAsync(ProjectLists.Registry, 0, 1)).Total;

    /// <summary>
    /// Indexes again the projects whose history grew since <paramref name="since"/> (the index's last durable
    /// commit): what an unclean stop may have cost the index, without reading every project.
    /// </summary>
    /// <returns>The number of projects indexed.</returns>
    public async Task<int> ReconcileAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var changed = await history.ChangedSinceAsync(since, cancellationToken);
        var indexed = 0;
        foreach (var batch in changed.Chunk(500)) indexed += await IndexAsync(batch, cancellationToken);
        await search.RefreshAsync(cancellationToken);
        LogReconciled(indexed, since);
        return indexed;
    }

    /// <summary>Clears the project documents and indexes every stored project again, in batches.</summary>
    /// <returns>The number of projects indexed.</returns>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await search.ClearAsync(cancellationToken);
        var indexed = 0;
        await foreach (var batch in lists.ReadAllAsync(ProjectLists.Registry, 500, cancellationToken))
            indexed += await IndexAsync(batch, cancellationToken);
        await search.RefreshAsync(cancellationToken);
        LogRebuilt(indexed);
        return indexed;
    }

    /// <summary>Indexes the projects as stored (activating a project also applies what its last change still owed).</summary>
    private async Task<int> IndexAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProjectGrain>(id).GetIndexView()));
        var documents = views.OfType<ProjectIndexView>()
            .Select(v => ProjectDocuments.From(v.Project, v.FitCounties, seeds.Province.Industries, v.HostCounties, v.Settlement, v.Contest, v.ListedHost))
            .ToArray();
        await search.IndexProjectsAsync(documents, cancellationToken);
        return documents.Length;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Project index reconciled with grain state: {Count} projects changed since {Since} indexed again")]
    private partial void LogReconciled(int count, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Information, Message = "Project index rebuilt from grain state: {Count} projects")]
    private partial void LogRebuilt(int count);
}
