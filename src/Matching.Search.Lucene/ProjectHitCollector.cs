using Lucene.Net.Index;
using Lucene.Net.Search;
using Matching.Domain.Projects;

namespace Matching.Search.Lucene;

/// <summary>
/// Sees every matching project once: counts it, optionally tallies the status and division facets, and
/// keeps the best <c>size</c> hits ordered by score (when scored), then last update newest first (when by
/// recency), then id — all read from <see cref="ProjectColumns"/> arrays.
/// </summary>
/// <remarks>
/// Lucene's TopFieldCollector compares through virtual comparators over packed doc values and copies every
/// competitive value; projects are appended roughly in update order, so under "newest first" nearly every
/// match is competitive. A binary heap over plain arrays keeps that at a few array reads a hit. The id
/// tie-breaker makes the order total, so documents may arrive in any order.
/// </remarks>
internal sealed class ProjectHitCollector : ICollector
{
    private readonly bool _byScore;
    private readonly bool _byRecency;
    private readonly long[]? _statusCounts;
    private readonly long[]? _divisionCounts;

    // The heap: slot 0 holds the worst kept hit, so a new hit is compared against it alone.
    private readonly int _size;
    private readonly float[] _score;
    private readonly long[] _ticks;
    private readonly ulong[] _idHigh;
    private readonly ulong[] _idLow;
    private readonly int[] _doc;
    private int _count;

    private Scorer? _scorer;
    private ProjectColumns? _columns;
    private int _docBase;

    public ProjectHitCollector(int size, bool byScore, bool byRecency, bool facets)
    {
        _size = size;
        _byScore = byScore;
        _byRecency = byRecency;
        _score = new float[size];
        _ticks = new long[size];
        _idHigh = new ulong[size];
        _idLow = new ulong[size];
        _doc = new int[size];
        if (facets)
        {
            _statusCounts = new long[256];
            _divisionCounts = new long[256];
        }
    }

    /// <summary>Every match.</summary>
    public long Hits { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        _columns = ProjectColumns.Of(context.AtomicReader);
        _docBase = context.DocBase;
    }

    public void Collect(int doc)
    {
        Hits++;
        var columns = _columns!;
        if (_statusCounts is not null)
        {
            _statusCounts[columns.Status[doc]]++;
            _divisionCounts![columns.Division[doc]]++;
        }

        if (_size == 0) return;
        var score = _byScore ? _scorer!.GetScore() : 0f;
        var ticks = _byRecency ? columns.UpdatedAt[doc] : 0L;
        var high = columns.IdHigh[doc];
        var low = columns.IdLow[doc];
        if (_count < _size)
        {
            var slot = _count++;
            Set(slot, score, ticks, high, low, _docBase + doc);
            SiftUp(slot);
        }
        else if (Better(score, ticks, high, low, 0))
        {
            Set(0, score, ticks, high, low, _docBase + doc);
            SiftDown(0);
        }
    }

    /// <summary>The kept hits, best first: (top-level doc id, score).</summary>
    public (int Doc, float Score)[] Best()
    {
        var slots = Enumerable.Range(0, _count).ToArray();
        Array.Sort(slots, (a, b) => a == b ? 0 : Better(a, b) ? -1 : 1);
        return [.. slots.Select(s => (_doc[s], _score[s]))];
    }

    public Dictionary<ProjectStatus, long> ByStatus()
    {
        var counts = new Dictionary<ProjectStatus, long>();
        for (var value = 1; value < _statusCounts!.Length; value++)
        {
            if (_statusCounts[value] > 0) counts[ProjectColumns.StatusOfByte((byte)value)] = _statusCounts[value];
        }

        return counts;
    }

    public Dictionary<string, long> ByDivision()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var value = 1; value < _divisionCounts!.Length; value++)
        {
            if (_divisionCounts[value] > 0) counts[value.ToString("00")] = _divisionCounts[value];
        }

        return counts;
    }

    private void Set(int slot, float score, long ticks, ulong high, ulong low, int doc)
    {
        _score[slot] = score;
        _ticks[slot] = ticks;
        _idHigh[slot] = high;
        _idLow[slot] = low;
        _doc[slot] = doc;
    }

    private bool Better(float score, long ticks, ulong high, ulong low, int slot)
    {
        if (score != _score[slot]) return score > _score[slot];
        if (ticks != _ticks[slot]) return ticks > _ticks[slot];
        return high != _idHigh[slot] ? high < _idHigh[slot] : low < _idLow[slot];
    }

    private bool Better(int a, int b) => Better(_score[a], _ticks[a], _idHigh[a], _idLow[a], b);

    private void SiftUp(int slot)
    {
        while (slot > 0)
        {
            var parent = (slot - 1) / 2;
            if (!Better(parent, slot)) return;
            Swap(slot, parent);
            slot = parent;
        }
    }

    private void SiftDown(int slot)
    {
        while (true)
        {
            var worst = slot;
            var left = 2 * slot + 1;
            var right = left + 1;
            if (left < _count && Better(worst, left)) worst = left;
            if (right < _count && Better(worst, right)) worst = right;
            if (worst == slot) return;
            Swap(slot, worst);
            slot = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_score[a], _score[b]) = (_score[b], _score[a]);
        (_ticks[a], _ticks[b]) = (_ticks[b], _ticks[a]);
        (_idHigh[a], _idHigh[b]) = (_idHigh[b], _idHigh[a]);
        (_idLow[a], _idLow[b]) = (_idLow[b], _idLow[a]);
        (_doc[a], _doc[b]) = (_doc[b], _doc[a]);
    }
}
