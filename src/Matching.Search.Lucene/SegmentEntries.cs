using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace Matching.Search.Lucene;

/// <summary>
/// Values decoded from a segment's stored documents, once each. A document never changes inside a segment
/// (a change is a new document in a new segment), so a value is cached per segment core and local document
/// and released with the segment: reads that take hundreds of documents per request (the board, the inbox's
/// listings, the overview's hits) then read each stored document (a compressed block) and its JSON once.
/// </summary>
/// <typeparam name="T">What a document decodes to.</typeparam>
/// <param name="fields">The stored fields the value is decoded from.</param>
/// <param name="decode">Decodes a document's <paramref name="fields"/>.</param>
internal sealed class SegmentEntries<T>(HashSet<string> fields, Func<Document, T> decode)
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<int, T>> _cache = new();

    /// <summary>The value of document <paramref name="doc"/> (local to <paramref name="reader"/>), decoded on first read.</summary>
    public T Of(AtomicReader reader, int doc) =>
        Entries(reader).GetOrAdd(doc, static (d, s) => s.decode(s.reader.Document(d, s.fields)), (reader, fields, decode));

    /// <summary>Decodes document <paramref name="doc"/> now unless it was already (warming a segment off the request path).</summary>
    public void Warm(AtomicReader reader, int doc)
    {
        var entries = Entries(reader);
        if (!entries.ContainsKey(doc)) entries.TryAdd(doc, decode(reader.Document(doc, fields)));
    }

    private ConcurrentDictionary<int, T> Entries(AtomicReader reader) =>
        _cache.GetValue(reader.CoreCacheKey, static _ => new ConcurrentDictionary<int, T>());
}
