using System.Globalization;
using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Grains.Persistence;

namespace Matching.Grains.Inboxes;

/// <summary>
/// The counties' standing interests: one row per (county, project) that a published project fits above
/// the inbox threshold, best fit first. Written by the project's projections, read in pages.
/// </summary>
public sealed class CountyInbox(IRowStore rows)
{
    internal const string Collection = "county-inbox";

    /// <summary>The write that puts (or updates) a project's entry in a county's inbox.</summary>
    public static RowWrite Put(string county, InboxEntry entry) =>
        RowWrite.Put(county, RowBodies.Id(entry.ProjectId), SortOf(entry), RowBodies.Write(entry));

    /// <summary>The write that takes a project out of a county's inbox.</summary>
    public static RowWrite Remove(string county, Guid project) => RowWrite.Delete(county, RowBodies.Id(project));

    /// <summary>Applies inbox writes (any counties) in one transaction.</summary>
    public Task WriteAsync(IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default) =>
        rows.WriteAsync(Collection, writes, cancellationToken);

    /// <summary>One page of a county's inbox, best fit first, then newest.</summary>
    public async Task<InboxPage> ReadAsync(string county, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(Collection, county, new RowQuery(Skip: skip, Take: take), cancellationToken);
        return new InboxPage([.. page.Rows.Select(r => RowBodies.Read<InboxEntry>(r.Body))], page.Total);
    }

    // Ascending order of the key is descending score (to 1e-4), then newest first.
    private static string SortOf(InboxEntry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Round((100_000 - Math.Clamp(entry.Score, 0, 100_000)) * 10_000):D12}|{long.MaxValue - entry.At.UtcTicks:D19}");
}
