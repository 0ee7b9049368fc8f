using System.Globalization;
using Matching.Contracts.Persistence;
using Matching.Grains.Persistence;

namespace Matching.Grains.Registry;

/// <summary>
/// Lists of project ids, a row per (list, project): the registry of every project (what derived
/// indexes are rebuilt from), the projects an account posted (an officer's desk), the projects a county
/// bid on. Newest first.
/// </summary>
public sealed class ProjectLists(IRowStore rows)
{
    internal const string Collection = "project-lists";

    /// <summary>The list of every project.</summary>
    public const string Registry = "registry";

    /// <summary>The list of the projects an account posted.</summary>
    public static string PostedBy(string userName) => "posted:" + userName;

    /// <summary>The list of the projects a county has bid on.</summary>
    public static string BidOnBy(string adcode) => "bids:" + adcode;

    /// <summary>The write that adds a project to a list (idempotent: a project is listed once, where it was first listed).</summary>
    public static RowWrite Add(string list, Guid id, DateTimeOffset at) =>
        RowWrite.Append(list, RowBodies.Id(id), $"{RowBodies.Number(at.UtcTicks)}|{RowBodies.Id(id)}", "{}");

    /// <summary>Applies list writes in one transaction.</summary>
    public Task WriteAsync(IReadOnlyList<RowWrite> writes, CancellationToken cancellationToken = default) =>
        rows.WriteAsync(Collection, writes, cancellationToken);

    /// <summary>A page of a list, newest first, and its length.</summary>
    public async Task<(IReadOnlyList<Guid> Ids, long Total)> ReadAsync(string list, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(Collection, list, new RowQuery(Skip: skip, Take: take, Descending: true), cancellationToken);
        return ([.. page.Rows.Select(r => Guid.ParseExact(r.Key, "N"))], page.Total);
    }

    /// <summary>A page of a list with when each project joined it, newest first, and its length.</summary>
    public async Task<(IReadOnlyList<(Guid Id, DateTimeOffset At)> Entries, long Total)> ReadDatedAsync(string list, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await rows.PageAsync(Collection, list, new RowQuery(Skip: skip, Take: take, Descending: true), cancellationToken);
        return ([.. page.Rows.Select(r => (Guid.ParseExact(r.Key, "N"), new DateTimeOffset(long.Parse(r.Sort.AsSpan(0, r.Sort.IndexOf('|')), CultureInfo.InvariantCulture), TimeSpan.Zero)))], page.Total);
    }

    /// <summary>Every id of a list, read page by page (oldest first).</summary>
    public async IAsyncEnumerable<IReadOnlyList<Guid>> ReadAllAsync(string list, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RowCursor? after = null;
        while (true)
        {
            var page = await rows.PageAsync(Collection, list, new RowQuery(after, 0, pageSize), cancellationToken);
            if (page.Rows.Count == 0) yield break;
            yield return [.. page.Rows.Select(r => Guid.ParseExact(r.Key, "N"))];
            after = new RowCursor(page.Rows[^1].Sort, page.Rows[^1].Key);
        }
    }
}
