using Lucene.Net.Index;
using Matching.Domain.Projects;

namespace Matching.Search.Lucene;

/// <summary>
/// A segment's decoded search hits (a <see cref="ProjectHit"/> without its score). The province overview
/// takes up to 200 hits of each status on every read, and reading each hit's stored fields (a compressed
/// block per read) again every time was most of an overview read. A document never changes inside a segment,
/// so a hit is decoded once per segment (<see cref="SegmentEntries{T}"/>) when first read.
/// </summary>
internal static class HitEntries
{
    private static readonly SegmentEntries<ProjectHit> Entries = new(
        [ProjectSchema.Id, ProjectSchema.Title, ProjectSchema.IndustryCode, ProjectSchema.Status, ProjectSchema.FirstContact, ProjectSchema.Host], Decode);

    /// <summary>The hit of document <paramref name="doc"/> (local to <paramref name="reader"/>), with the given relevance.</summary>
    public static ProjectHit Of(AtomicReader reader, int doc, double score)
    {
        var hit = Entries.Of(reader, doc);
        // 0 without text: every match is equally relevant, and the order is by recency.
        return score == 0 ? hit : hit with { Score = score };
    }

    private static ProjectHit Decode(global::Lucene.Net.Documents.Document document) =>
        new(Guid.Parse(document.Get(ProjectSchema.Id)), document.Get(ProjectSchema.Title), document.Get(ProjectSchema.IndustryCode),
            Enum.Parse<ProjectStatus>(document.Get(ProjectSchema.Status)), 0)
        {
            FirstContactCounty = document.Get(ProjectSchema.FirstContact),
            HostCounties = document.GetValues(ProjectSchema.Host),
        };
}
