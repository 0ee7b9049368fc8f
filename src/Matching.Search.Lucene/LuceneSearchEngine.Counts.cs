using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Matching.Search.Lucene;

public sealed partial class LuceneSearchEngine
{
    /// <inheritdoc />
    public Task<CountyCounts> CountByCountyAsync(CountyCountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Statuses);
        ArgumentOutOfRangeException.ThrowIfZero(query.Statuses.Count, nameof(query.Statuses));
        return Run(() => CountByCounty(query), cancellationToken);
    }

    /// <summary>
    /// One pass over each segment's status column (<see cref="ProjectColumns"/>); a match adds one to the
    /// ordinal of its county in the segment's doc values (first contact: sorted, read as a one-value set; hosts: sorted set), and the
    /// ordinals are named once per segment at the end. No stored document is read, and the cost is a few
    /// array reads per project of the index, whatever the statuses' share of it.
    /// </summary>
    private CountyCounts CountByCounty(CountyCountQuery query)
    {
        var wanted = new bool[256];
        foreach (var status in query.Statuses) wanted[ProjectColumns.StatusByte(status)] = true;
        var field = query.By == CountyPlacement.FirstContact ? ProjectSchema.FirstContact : ProjectSchema.Host;
        return _projects.Search(searcher =>
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            long projects = 0;
            var scratch = new BytesRef();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var status = ProjectColumns.Of(reader).Status;
                var live = reader.LiveDocs;
                // A first contact is one county per project (sorted doc values), hosts are several (a sorted set):
                // read both as a set, so that one loop counts either.
                var values = query.By == CountyPlacement.FirstContact
                    ? reader.GetSortedDocValues(field) is { } single ? DocValues.Singleton(single) : null
                    : reader.GetSortedSetDocValues(field);
                var perOrd = new long[values?.ValueCount ?? 0];
                for (var doc = 0; doc < status.Length; doc++)
                {
                    if (!wanted[status[doc]] || live is not null && !live.Get(doc)) continue;
                    projects++;
                    if (values is null) continue;
                    values.SetDocument(doc);
                    for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd()) perOrd[ord]++;
                }

                for (var ord = 0; ord < perOrd.Length; ord++)
                {
                    if (perOrd[ord] == 0) continue;
                    values!.LookupOrd(ord, scratch);
                    var county = scratch.Utf8ToString();
                    counts[county] = counts.GetValueOrDefault(county) + perOrd[ord];
                }
            }

            return new CountyCounts(projects, counts);
        });
    }
}
