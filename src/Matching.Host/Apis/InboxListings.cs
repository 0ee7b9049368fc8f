using Matching.Contracts;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Grains.Inboxes;
using Matching.Search;

namespace Matching.Host.Apis;

/// <summary>
/// A county's inbox as table rows: the entries (score, arrival) from the inbox's rows, each project's
/// columns from its search document's listing, read for the whole window in one index call, so that no
/// project grain is called per row.
/// </summary>
internal static class InboxListings
{
    /// <summary>The best-fitting <see cref="Paging.ListWindow"/> entries of the county's inbox, as rows.</summary>
    public static async Task<IReadOnlyList<InboxItem>> ReadAsync(
        string county, CountyInbox inbox, ISearchEngine search, IGrainFactory grains, Province province, CancellationToken cancellationToken)
    {
        var entries = (await inbox.ReadAsync(county, 0, Paging.ListWindow, cancellationToken)).Entries;
        var indexed = (await search.ReadListingsAsync([.. entries.Select(e => e.ProjectId)], cancellationToken)).ToDictionary(l => l.Id);
        // An entry written within the index's refresh interval (a project just published) is not searchable
        // yet, or is still listed as it was before the change that put it in the inbox (the draft): those few
        // are read from their grains, as every row was before, so that none goes missing or shows a past state.
        // The entry's arrival is the project's UpdatedAt of that change, so a listing older than it is stale.
        var listings = entries
            .Where(e => indexed.TryGetValue(e.ProjectId, out var l) && l.UpdatedAt >= e.At)
            .ToDictionary(e => e.ProjectId, e => indexed[e.ProjectId]);
        var unlisted = entries.Where(e => !listings.ContainsKey(e.ProjectId)).Select(e => e.ProjectId).ToArray();
        var fromGrains = new Dictionary<Guid, ProjectRow>();
        foreach (var project in (await Task.WhenAll(unlisted.Select(id => grains.GetGrain<IProjectGrain>(id).Get()))).OfType<Project>())
            fromGrains[project.Id] = await ProjectRows.Of(project, grains, province);

        var rows = new List<InboxItem>(entries.Count);
        foreach (var entry in entries)
        {
            var row = listings.TryGetValue(entry.ProjectId, out var listing) ? ProjectRows.Of(listing, province) : fromGrains.GetValueOrDefault(entry.ProjectId);
            if (row is not null) rows.Add(new InboxItem(row, entry.Score, entry.At));
        }

        return rows;
    }
}
