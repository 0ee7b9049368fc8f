using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Matching.Search.Lucene;

/// <summary>
/// Counts every matching document (not just a page) per value of some single-valued keyword fields.
/// Counting runs on each segment's doc-values ordinals, so a hit costs an array increment and no stored
/// document is loaded; ordinals become strings once per segment, for the values actually seen.
/// </summary>
internal sealed class FacetCounter : ICollector
{
    private readonly string[] _fields;
    private readonly Dictionary<string, long>[] _totals;
    private readonly SortedDocValues?[] _values;
    private readonly int[][] _counts;

    public FacetCounter(params string[] fields)
    {
        _fields = fields;
        _totals = [.. fields.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
        _values = new SortedDocValues?[fields.Length];
        _counts = [.. fields.Select(_ => Array.Empty<int>())];
    }

    /// <summary>Documents collected.</summary>
    public long Hits { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    /// <summary>Non-zero counts of the field at <paramref name="index"/> of the constructor's list.</summary>
    public IReadOnlyDictionary<string, long> Counts(int index)
    {
        FoldSegment();
        return _totals[index];
    }

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FoldSegment();
        for (var i = 0; i < _fields.Length; i++)
        {
            var values = context.AtomicReader.GetSortedDocValues(_fields[i]);
            _values[i] = values;
            _counts[i] = values is null ? [] : new int[values.ValueCount];
        }
    }

    public void Collect(int doc)
    {
        Hits++;
        for (var i = 0; i < _values.Length; i++)
        {
            var ord = _values[i]?.GetOrd(doc) ?? -1;
            if (ord >= 0) _counts[i][ord]++;
        }
    }

    private void FoldSegment()
    {
        var term = new BytesRef();
        for (var i = 0; i < _fields.Length; i++)
        {
            if (_values[i] is not { } values) continue;
            var counts = _counts[i];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                values.LookupOrd(ord, term);
                var key = term.Utf8ToString();
                _totals[i][key] = _totals[i].GetValueOrDefault(key) + counts[ord];
            }

            _values[i] = null;
            _counts[i] = [];
        }
    }
}
