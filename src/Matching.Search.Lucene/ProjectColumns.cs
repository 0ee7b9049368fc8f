using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Matching.Domain.Projects;

namespace Matching.Search.Lucene;

/// <summary>
/// One segment's per-document values that every project query reads for each match (sort keys, facet
/// keys, capacity), decoded once from doc values into plain arrays. Lucene's packed doc values cost tens
/// of nanoseconds a read; at 100,000 matches per query that alone would exceed the latency budget.
/// Segments are immutable, so the arrays are cached per segment core (shared by every reopened reader of
/// the segment, released with it) and filled when a searcher or a merged segment is warmed, never by a query.
/// About 43 bytes a document, and about 30 more once a listing read has needed the id map (<see cref="Docs"/>).
/// </summary>
internal sealed class ProjectColumns
{
    private static readonly ConditionalWeakTable<object, ProjectColumns> Cache = new();

    /// <summary>The status byte of each <see cref="ProjectStatus"/>: its position + 1 (0 = none).</summary>
    private static readonly Dictionary<string, byte> StatusBytes =
        Enum.GetValues<ProjectStatus>().ToDictionary(ProjectSchema.StatusOf, s => (byte)((int)s + 1), StringComparer.Ordinal);

    private ProjectColumns(AtomicReader reader)
    {
        var size = reader.MaxDoc;
        UpdatedAt = new long[size];
        IdHigh = new ulong[size];
        IdLow = new ulong[size];
        Land = new double[size];
        Energy = new double[size];
        HighEnergy = new bool[size];
        Status = new byte[size];
        Division = new byte[size];

        var scratch = new BytesRef();
        if (reader.GetBinaryDocValues(ProjectSchema.IdKey) is { } ids)
        {
            for (var doc = 0; doc < size; doc++)
            {
                ids.Get(doc, scratch);
                if (scratch.Length != 16) continue;
                var key = scratch.Bytes.AsSpan(scratch.Offset, 16);
                IdHigh[doc] = BinaryPrimitives.ReadUInt64BigEndian(key);
                IdLow[doc] = BinaryPrimitives.ReadUInt64BigEndian(key[8..]);
            }
        }

        Read(reader, ProjectSchema.UpdatedAt, UpdatedAt, static v => v);
        Read(reader, ProjectSchema.Land, Land, BitConverter.Int64BitsToDouble);
        Read(reader, ProjectSchema.Energy, Energy, BitConverter.Int64BitsToDouble);
        Read(reader, ProjectSchema.HighEnergy, HighEnergy, static v => v != 0);
        Read(reader, ProjectSchema.Status, Status, name => StatusBytes.GetValueOrDefault(name));
        Read(reader, ProjectSchema.Division, Division, static name => byte.TryParse(name, out var division) ? division : (byte)0);
    }

    /// <summary>UTC ticks of the last change.</summary>
    public long[] UpdatedAt { get; }

    /// <summary>The id's 16 bytes in written order (<see cref="ProjectSchema.IdKeyOf"/>), high half; with
    /// <see cref="IdLow"/> it orders exactly as the id's text.</summary>
    public ulong[] IdHigh { get; }

    public ulong[] IdLow { get; }

    public double[] Land { get; }

    public double[] Energy { get; }

    public bool[] HighEnergy { get; }

    /// <summary><see cref="ProjectStatus"/> + 1; 0 when missing or unknown.</summary>
    public byte[] Status { get; }

    /// <summary>GB/T division number (1–97); 0 when missing.</summary>
    public byte[] Division { get; }

    /// <summary>
    /// The segment's document of each id, built on first use from <see cref="IdHigh"/>/<see cref="IdLow"/>
    /// (the listing read's lookup: no terms enumerator per call). Where a segment holds an id twice the later
    /// document is kept: an update deletes the earlier before adding, so only the later can be live.
    /// </summary>
    public IReadOnlyDictionary<Guid, int> Docs => LazyInitializer.EnsureInitialized(ref _docs, () =>
    {
        var docs = new Dictionary<Guid, int>(IdHigh.Length);
        for (var doc = 0; doc < IdHigh.Length; doc++)
        {
            if (IdHigh[doc] == 0 && IdLow[doc] == 0) continue;
            docs[Id(doc)] = doc;
        }

        return docs;
    });

    private Dictionary<Guid, int>? _docs;

    public static ProjectColumns Of(AtomicReader reader) =>
        Cache.TryGetValue(reader.CoreCacheKey, out var columns) ? columns : Cache.GetValue(reader.CoreCacheKey, _ => new ProjectColumns(reader));

    public static byte StatusByte(ProjectStatus status) => (byte)((int)status + 1);

    public static ProjectStatus StatusOfByte(byte value) => (ProjectStatus)(value - 1);

    public Guid Id(int doc)
    {
        Span<byte> key = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(key, IdHigh[doc]);
        BinaryPrimitives.WriteUInt64BigEndian(key[8..], IdLow[doc]);
        return new Guid(key, bigEndian: true);
    }

    private static void Read<T>(AtomicReader reader, string field, T[] target, Func<long, T> convert)
    {
        if (reader.GetNumericDocValues(field) is not { } values) return;
        for (var doc = 0; doc < target.Length; doc++) target[doc] = convert(values.Get(doc));
    }

    private static void Read(AtomicReader reader, string field, byte[] target, Func<string, byte> convert)
    {
        if (reader.GetSortedDocValues(field) is not { } values) return;
        var scratch = new BytesRef();
        var byOrd = new byte[values.ValueCount];
        for (var ord = 0; ord < byOrd.Length; ord++)
        {
            values.LookupOrd(ord, scratch);
            byOrd[ord] = convert(scratch.Utf8ToString());
        }

        for (var doc = 0; doc < target.Length; doc++)
        {
            var ord = values.GetOrd(doc);
            if (ord >= 0) target[doc] = byOrd[ord];
        }
    }

    /// <summary>Fills the columns of segments merged in the background before searchers see them.</summary>
    public sealed class MergeWarmer : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => ContestHits.Warm(reader, Of(reader));
    }

    /// <summary>Fills the columns (and the contest board's entries) of every new segment when a searcher is opened.</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves) ContestHits.Warm(leaf.AtomicReader, Of(leaf.AtomicReader));
    }
}

/// <summary>
/// A county's hard constraints on projects, read from <see cref="ProjectColumns"/>: open or contested,
/// land within the county's largest park, and for 两高 projects energy within its quota.
/// </summary>
internal sealed class InboxFilter(double maxParkLandMu, double energyQuotaTce) : Filter
{
    private static readonly byte Open = ProjectColumns.StatusByte(ProjectStatus.Open);
    private static readonly byte Contested = ProjectColumns.StatusByte(ProjectStatus.Contested);

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var columns = ProjectColumns.Of(context.AtomicReader);
        var status = columns.Status;
        var land = columns.Land;
        var energy = columns.Energy;
        var high = columns.HighEnergy;
        return new FieldCacheDocIdSet(context.AtomicReader.MaxDoc, acceptDocs, doc =>
            (status[doc] == Open || status[doc] == Contested)
            && land[doc] <= maxParkLandMu
            && (!high[doc] || energy[doc] <= energyQuotaTce));
    }
}
