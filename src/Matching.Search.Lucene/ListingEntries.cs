using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Matching.Search.Lucene;

/// <summary>
/// A segment's decoded <see cref="ProjectListing"/>s. A county inbox page reads the listings of up to 2,000
/// projects, and reading each one's stored field (a compressed block per read) and its JSON again on every
/// page was most of an inbox read. A document never changes inside a segment, so a listing is cached per
/// segment core and local document when first read, released with the segment (about one listing's size
/// per project read at least once).
/// </summary>
internal static class ListingEntries
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<int, ProjectListing?>> Cache = new();

    private static readonly HashSet<string> Fields = [ProjectSchema.Listing];

    /// <summary>The listing of document <paramref name="doc"/> (local to <paramref name="reader"/>), or null for a document written without one (an earlier layout).</summary>
    public static ProjectListing? Of(AtomicReader reader, int doc) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<int, ProjectListing?>())
            .GetOrAdd(doc, d => reader.Document(d, Fields).Get(ProjectSchema.Listing) is { } json
                ? System.Text.Json.JsonSerializer.Deserialize<ProjectListing>(json, Domain.MatchingJson.Options)
                : null);
}
