
namespace Matching.Search.Lucene;

public sealed partial class LuceneSearchEngine
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ProjectListing>> ReadListingsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ids.Count, ProjectListing.MaxIds, nameof(ids));
        return ids.Count == 0 ? Task.FromResult<IReadOnlyList<ProjectListing>>([]) : Run(() => ReadListings(ids), cancellationToken);
    }

    /// <summary>
    /// Each id looked up in every segment's id-to-document map (<see cref="ProjectColumns.Docs"/>, cached per
    /// segment like the other columns), then the listing, decoded once per segment (<see cref="ListingEntries"/>):
    /// two dictionary hits per id, whatever the index holds.
    /// </summary>
    private IReadOnlyList<ProjectListing> ReadListings(IReadOnlyCollection<Guid> ids) => _projects.Search(searcher =>
    {
        var listings = new List<ProjectListing>(ids.Count);
        var leaves = searcher.IndexReader.Leaves;
        foreach (var id in ids.Distinct())
        {
            foreach (var leaf in leaves)
            {
                var reader = leaf.AtomicReader;
                if (!ProjectColumns.Of(reader).Docs.TryGetValue(id, out var doc) || reader.LiveDocs is { } live && !live.Get(doc)) continue;
                // Documents written by an earlier layout carry no listing (the index is reconciled whole at start when the layout changes).
                if (ListingEntries.Of(reader, doc) is { } listing) listings.Add(listing);
                break;
            }
        }

        return (IReadOnlyList<ProjectListing>)listings;
    });
}
