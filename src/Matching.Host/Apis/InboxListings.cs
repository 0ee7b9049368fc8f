using Matching.Contracts;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Grains.Inboxes;
using Matching.Host.Lists;
using Matching.Search;

namespace Matching.Host.Apis;

/// <summary>
/// A county's inbox as table rows: the entries (score, arrival) from the inbox's rows, each project's
/// columns from its search document's listing, read for the entries in one index call, so that no
/// project grain is called per row.
/// </summary>
internal static class InboxListings
{
    /// <summary>
    /// True when the list query is answered by one keyset page of the inbox's rows (by arrival, filtered by
    /// the status kept on each row): the screen's own order, any statuses, no text filter, not the spreadsheet.
    /// Other orders and the text filter are applied on the host to the newest <see cref="Paging.ListWindow"/> entries.
    /// </summary>
    public static bool IsKeyset(ListQuery list) => list.Sort is null or "at" && string.IsNullOrWhiteSpace(list.Q) && !list.WantsXlsx;

    /// <summary>The page the keyset query asks for, and the number of entries of its statuses.</summary>
    public static async Task<(IReadOnlyList<InboxItem> Rows, long Total)> PageAsync(
        string county, ListQuery list, CountyInbox inbox, ISearchEngine search, IGrainFactory grains, Province province, CancellationToken cancellationToken)
    {
        // The list's default order (no sort and no order given) is newest first, as ListResults reads it.
        var newestFirst = list.Sort is null && list.Order is null || list.Descending;
        var page = await inbox.ReadAsync(county, list.Statuses, list.Skip ?? 0, list.Take ?? ListQuery.DefaultTake, oldestFirst: !newestFirst, cancellationToken);
        return (await RowsAsync(page.Entries, search, grains, province, cancellationToken), page.Total);
    }

    /// <summary>The newest <see cref="Paging.ListWindow"/> entries of the statuses asked for, as rows (sorted and filtered on the host).</summary>
    public static async Task<IReadOnlyList<InboxItem>> WindowAsync(
        string county, ListQuery list, CountyInbox inbox, ISearchEngine search, IGrainFactory grains, Province province, CancellationToken cancellationToken)
    {
        var entries = (await inbox.ReadAsync(county, list.Statuses, 0, Paging.ListWindow, cancellationToken: cancellationToken)).Entries;
        return await RowsAsync(entries, search, grains, province, cancellationToken);
    }

    private static async Task<IReadOnlyList<InboxItem>> RowsAsync(
        IReadOnlyList<InboxEntry> entries, ISearchEngine search, IGrainFactory grains, Province province, CancellationToken cancellationToken)
    {
        var indexed = (await search.ReadListingsAsync([.. entries.Select(e => e.ProjectId).Distinct()], cancellationToken)).ToDictionary(l => l.Id);
        // An entry written within the index's refresh interval (a project just published) is not searchable
        // yet, or is still listed as it was before the change that put it in the inbox (the draft): those few
        // are read from their grains, as every row was before, so that none goes missing or shows a past state.
        // The entry's arrival is the project's UpdatedAt of that change, so a listing older than it is stale.
        var listings = entries.DistinctBy(e => e.ProjectId)
            .Where(e => indexed.TryGetValue(e.ProjectId, out var l) && l.UpdatedAt >= e.At)
            .ToDictionary(e => e.ProjectId, e => indexed[e.ProjectId]);
        var unlisted = entries.Where(e => !listings.ContainsKey(e.ProjectId)).Select(e => e.ProjectId).Distinct().ToArray();
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
