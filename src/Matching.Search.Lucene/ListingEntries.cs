using Lucene.Net.Index;

namespace Matching.Search.Lucene;

/// <summary>
/// A segment's decoded <see cref="ProjectListing"/>s. A county inbox page reads the listings of up to 2,000
/// projects, and reading each one's stored field (a compressed block per read) and its JSON again on every
/// page was most of an inbox read, so a listing is decoded once per segment (<see cref="SegmentEntries{T}"/>)
/// when first read (about one listing's size per project read at least once).
/// </summary>
internal static class ListingEntries
{
    private static readonly SegmentEntries<ProjectListing?> Entries = new([ProjectSchema.Listing], document =>
        document.Get(ProjectSchema.Listing) is { } json ? System.Text.Json.JsonSerializer.Deserialize<ProjectListing>(json, Domain.MatchingJson.Options) : null);

    /// <summary>The listing of document <paramref name="doc"/> (local to <paramref name="reader"/>), or null for a document written without one (an earlier layout).</summary>
    public static ProjectListing? Of(AtomicReader reader, int doc) => Entries.Of(reader, doc);
}
