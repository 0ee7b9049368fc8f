using Lucene.Net.Index;
using Matching.Domain.Projects;

namespace Matching.Search.Lucene;

/// <summary>
/// A segment's contest board entries, decoded once. Every board read takes the most recently changed contests
/// (up to 2,000), and each carries its whole standing (every bid with its commitments, the bidders' scores):
/// decoding those stored JSON fields again on every read made one board read cost most of a core once many
/// contests had many bids. A document never changes inside a segment (a change is a new document in a new
/// segment), so an entry is cached per segment core and local document, released with the segment. The entries
/// are decoded when the segment is warmed (a new searcher, a merged segment: <see cref="ProjectColumns"/>), on
/// the refresh or merge thread, so that no board read pays for the decoding of a new segment.
/// </summary>
internal static class ContestHits
{
    private static readonly SegmentEntries<ContestHit?> Entries = new(
        [ProjectSchema.Id, ProjectSchema.Title, ProjectSchema.IndustryCode, ProjectSchema.Status, ProjectSchema.Contest], Decode);

    private static readonly byte Contested = ProjectColumns.StatusByte(ProjectStatus.Contested);

    /// <summary>The board entry of document <paramref name="doc"/> (local to <paramref name="reader"/>), or null for a contested document written without its standing.</summary>
    public static ContestHit? Of(AtomicReader reader, int doc) => Entries.Of(reader, doc);

    /// <summary>Decodes the entries of the segment's live contested documents not decoded yet.</summary>
    public static void Warm(AtomicReader reader, ProjectColumns columns)
    {
        var status = columns.Status;
        var live = reader.LiveDocs;
        for (var doc = 0; doc < status.Length; doc++)
        {
            if (status[doc] != Contested || live is not null && !live.Get(doc)) continue;
            Entries.Warm(reader, doc);
        }
    }

    private static ContestHit? Decode(global::Lucene.Net.Documents.Document document) =>
        // A contested document written without its standing (by an earlier layout) is no board entry.
        document.Get(ProjectSchema.Contest) is not { } contest
            ? null
            : new ContestHit(
                Guid.Parse(document.Get(ProjectSchema.Id)),
                document.Get(ProjectSchema.Title),
                document.Get(ProjectSchema.IndustryCode),
                Enum.Parse<ProjectStatus>(document.Get(ProjectSchema.Status)),
                System.Text.Json.JsonSerializer.Deserialize<Domain.Decisions.ContestStanding>(contest, Domain.MatchingJson.Options)!);
}
