namespace Matching.Contracts.Persistence;

/// <summary>
/// A page of rows of several tags (<see cref="RowQuery.Tags"/>) from one keyset read per tag: each tag's
/// rows come in (sort, key) order already, so the page is their merge. Shared by the row stores.
/// </summary>
public static class RowPages
{
    /// <summary>The rows of every tag in the query's order, <paramref name="skip"/> passed over, at most <paramref name="take"/>.</summary>
    public static IReadOnlyList<StoredRow> Merge(IEnumerable<IReadOnlyList<StoredRow>> tags, bool descending, int skip, int take)
    {
        var order = Comparer<StoredRow>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Sort, b.Sort);
            if (c == 0) c = string.CompareOrdinal(a.Key, b.Key);
            return descending ? -c : c;
        });
        // The ranges are read one after another: a row re-tagged in between can be in two of them, once each.
        return [.. tags.SelectMany(t => t).Order(order).DistinctBy(r => r.Key, StringComparer.Ordinal).Skip(Math.Max(0, skip)).Take(Math.Max(0, take))];
    }

    /// <summary>The tags of a query, each once (the stores read one keyset range per tag).</summary>
    public static string[] Distinct(IReadOnlyList<string> tags) => [.. tags.Distinct(StringComparer.Ordinal)];
}
