using Matching.Contracts.Persistence;

namespace Matching.Grains.Parks;

/// <summary>
/// The projects that asked a placed holding-list park to offer or award it, a row each (collection <c>park-offers</c>,
/// partition = park id, key = project id): what a move or undo of the placement must ask whether they still hold on to the
/// park. Kept out of the park's grain row, which would otherwise grow with every project that ever bid with the park.
/// </summary>
public sealed class ParkOffers(IRowStore rows)
{
    internal const string Collection = "park-offers";

    /// <summary>How many projects a move asks at once.</summary>
    internal const int PageSize = 200;

    /// <summary>Records that <paramref name="projectId"/> offers the park (idempotent: a project recorded before stays as it is).</summary>
    public Task RecordAsync(string parkId, Guid projectId, CancellationToken cancellationToken = default)
    {
        var key = projectId.ToString("N");
        return rows.WriteAsync(Collection, [RowWrite.Append(parkId, key, key, "{}")], cancellationToken);
    }

    /// <summary>
    /// The projects recorded for the park, a page at a time in key order, each page handed to <paramref name="ask"/>, which
    /// answers the ones that still hold on to the park; the others' rows are deleted. Stops at the first page with a holder.
    /// </summary>
    /// <returns>The first holder's answer, or default when no project holds on to the park.</returns>
    public async Task<T?> FirstHolderAsync<T>(string parkId, Func<IReadOnlyList<Guid>, Task<IReadOnlyList<T?>>> ask, CancellationToken cancellationToken = default)
        where T : class
    {
        RowCursor? after = null;
        while (true)
        {
            var page = await rows.PageAsync(Collection, parkId, new RowQuery(after, 0, PageSize, Counted: false), cancellationToken);
            if (page.Rows.Count == 0) return null;
            var projects = page.Rows.Select(r => Guid.ParseExact(r.Key, "N")).ToList();
            var answers = await ask(projects);
            var gone = page.Rows.Where((_, i) => answers[i] is null).Select(r => RowWrite.Delete(parkId, r.Key)).ToList();
            if (gone.Count > 0) await rows.WriteAsync(Collection, gone, cancellationToken);
            if (answers.FirstOrDefault(a => a is not null) is { } holder) return holder;
            if (page.Rows.Count < PageSize) return null;
            after = new RowCursor(page.Rows[^1].Sort, page.Rows[^1].Key);
        }
    }
}
