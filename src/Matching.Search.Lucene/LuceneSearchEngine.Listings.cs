using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Matching.Search.Lucene;

public sealed partial class LuceneSearchEngine
{
    private static readonly HashSet<string> ListingFields = [ProjectSchema.Listing];

    /// <inheritdoc />
    public Task<IReadOnlyList<ProjectListing>> ReadListingsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ids.Count, ProjectListing.MaxIds, nameof(ids));
        return ids.Count == 0 ? Task.FromResult<IReadOnlyList<ProjectListing>>([]) : Run(() => ReadListings(ids), cancellationToken);
    }

    /// <summary>
    /// Each id looked up in the id keyword's terms of every segment (a seek, not a query per id), then the
    /// listing's stored field read: the cost is one seek and one stored document per id, whatever the index holds.
    /// </summary>
    private IReadOnlyList<ProjectListing> ReadListings(IReadOnlyCollection<Guid> ids) => _projects.Search(searcher =>
    {
        var listings = new List<ProjectListing>(ids.Count);
        var leaves = searcher.IndexReader.Leaves;
        var enums = new TermsEnum?[leaves.Count];
        for (var i = 0; i < leaves.Count; i++) enums[i] = leaves[i].AtomicReader.GetTerms(ProjectSchema.Id)?.GetEnumerator();
        DocsEnum? docs = null;
        foreach (var id in ids.Distinct())
        {
            var term = new BytesRef(ProjectSchema.IdOf(id));
            for (var i = 0; i < leaves.Count; i++)
            {
                if (enums[i] is not { } terms || !terms.SeekExact(term)) continue;
                docs = terms.Docs(leaves[i].AtomicReader.LiveDocs, docs, DocsFlags.NONE);
                var doc = docs.NextDoc();
                if (doc == DocIdSetIterator.NO_MORE_DOCS) continue;
                // Documents written by an earlier layout carry no listing (the index is reconciled whole at start when the layout changes).
                if (searcher.Doc(leaves[i].DocBase + doc, ListingFields).Get(ProjectSchema.Listing) is { } json)
                    listings.Add(System.Text.Json.JsonSerializer.Deserialize<ProjectListing>(json, Domain.MatchingJson.Options)!);
                break;
            }
        }

        return (IReadOnlyList<ProjectListing>)listings;
    });
}
