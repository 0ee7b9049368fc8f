using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Projects;
using Matching.Grains.Persistence;

namespace Matching.Grains.Inboxes;

/// <summary>
/// Rewrites, once, the inbox rows a store holds from before they were ordered by arrival and tagged
/// with their project's status (<see cref="CountyInbox"/>): each such row moves to its arrival order and
/// gets the status its project's grain has now. A row is moved only from the sort it was read with and
/// keeps a status a newer write gave it meanwhile (<see cref="RowWrite.Resort"/>), so a projection racing
/// the upgrade wins; repeating an interrupted run rewrites only what is left. A finished run leaves a row
/// that makes later calls return at once.
/// </summary>
public sealed class InboxLayout(IRowStore rows, IGrainFactory grains)
{
    private const string Marker = "_layout", Version = "arrival-status-v1";

    /// <summary>Rewrites the earlier layout's rows of <paramref name="counties"/>; returns how many.</summary>
    public async Task<long> UpgradeAsync(IReadOnlyList<string> counties, int pageSize = 1_000, CancellationToken cancellationToken = default)
    {
        if (await rows.GetAsync(CountyInbox.Collection, Marker, Version, cancellationToken) is not null) return 0;
        var statuses = new Dictionary<Guid, ProjectStatus?>();
        long moved = 0;
        foreach (var county in counties)
        {
            // Read the partition whole before rewriting it: moving rows while paging by their sort would skip some.
            var earlier = new List<StoredRow>();
            RowCursor? after = null;
            while (true)
            {
                var page = await rows.PageAsync(CountyInbox.Collection, county, new RowQuery(after, 0, pageSize, Counted: false), cancellationToken);
                if (page.Rows.Count == 0) break;
                earlier.AddRange(page.Rows.Where(CountyInbox.IsEarlierLayout));
                after = new RowCursor(page.Rows[^1].Sort, page.Rows[^1].Key);
            }

            foreach (var chunk in earlier.Chunk(pageSize))
            {
                var entries = chunk.Select(r => (Row: r, Entry: RowBodies.Read<InboxEntry>(r.Body))).ToArray();
                var unknown = entries.Select(e => e.Entry.ProjectId).Where(id => !statuses.ContainsKey(id)).Distinct().ToArray();
                foreach (var batch in unknown.Chunk(100))
                {
                    var projects = await Task.WhenAll(batch.Select(id => grains.GetGrain<IProjectGrain>(id).Get()));
                    for (var i = 0; i < batch.Length; i++) statuses[batch[i]] = projects[i]?.Status;
                }

                // A row whose project is gone keeps its place (no status to give it; a status page never shows it).
                var writes = entries.Where(e => statuses[e.Entry.ProjectId] is not null)
                    .Select(e => RowWrite.Resort(county, e.Row.Key, e.Row.Sort, CountyInbox.SortOf(e.Entry.At), CountyInbox.TagOf(statuses[e.Entry.ProjectId]!.Value)))
                    .ToArray();
                await rows.WriteAsync(CountyInbox.Collection, writes, cancellationToken);
                moved += writes.Length;
            }
        }

        await rows.WriteAsync(CountyInbox.Collection, [RowWrite.Put(Marker, Version, Version, "{}")], cancellationToken);
        return moved;
    }
}
