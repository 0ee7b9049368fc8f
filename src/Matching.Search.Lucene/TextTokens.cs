using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Matching.Search.Lucene;

/// <summary>
/// The tokens an analyzer made of a field's text, kept so that a document re-indexed with the same text
/// is not analysed again. A bid on a contested project re-indexes its document (the board's standing is
/// in it) while its title and description stay as they were, and SmartCn's segmentation of them was the
/// largest part of indexing (and of the host's allocations) per bid.
/// </summary>
/// <remarks>
/// The replayed stream gives the indexer what the analyzer's gave it (terms, position increments,
/// offsets, the end state), so the indexed terms, frequencies and norms are the same. Texts are keyed by
/// field and content, not by project: analysis is a function of both. Bounded by the bytes held (the
/// text, its terms, four integers a token), in two generations: when the current one is full it becomes
/// the previous one and the older is dropped, so texts indexed again while they are recent stay.
/// </remarks>
internal sealed class TextTokens(Analyzer analyzer, long maxBytesPerGeneration = TextTokens.DefaultMaxBytes)
{
    /// <summary>4 MB a generation: the texts of about a thousand projects.</summary>
    public const long DefaultMaxBytes = 4L * 1024 * 1024;

    private readonly Lock _lock = new();
    private Dictionary<(string Field, string Text), Recorded> _current = [], _previous = [];
    private long _currentBytes;

    /// <summary>
    /// <paramref name="stream"/>, loaded with the tokens of <paramref name="text"/> in <paramref name="field"/>:
    /// kept ones, else analysed now and kept. A stream may be loaded again once the indexer has consumed it.
    /// </summary>
    public TokenStream Load(Replay stream, string field, string text)
    {
        var key = (field, text);
        Recorded? tokens;
        lock (_lock)
        {
            if (!_current.TryGetValue(key, out tokens) && _previous.TryGetValue(key, out tokens)) Keep(key, tokens);
        }

        if (tokens is null)
        {
            tokens = Analyse(field, text);
            lock (_lock) Keep(key, tokens);
        }

        stream.Load(tokens);
        return stream;
    }

    private void Keep((string Field, string Text) key, Recorded tokens)
    {
        if (!_current.TryAdd(key, tokens)) return;
        _currentBytes += 2L * key.Text.Length + tokens.Bytes;
        if (_currentBytes < maxBytesPerGeneration) return;
        (_previous, _current, _currentBytes) = (_current, [], 0);
    }

    private Recorded Analyse(string field, string text)
    {
        var terms = new System.Text.StringBuilder();
        var data = new List<int>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Append(term.Buffer, 0, term.Length);
            data.AddRange([terms.Length, increment.PositionIncrement, offset.StartOffset, offset.EndOffset]);
        }

        stream.End();
        // The end state (the final offset, trailing position holes) last, with no term.
        data.AddRange([terms.Length, increment.PositionIncrement, offset.StartOffset, offset.EndOffset]);
        var chars = new char[terms.Length];
        terms.CopyTo(0, chars, 0, chars.Length);
        return new Recorded(chars, [.. data]);
    }

    /// <summary>
    /// The tokens: their terms one after the other, and four integers each (where its term ends in
    /// <see cref="Terms"/>, its position increment, its start and end offsets), the end state last.
    /// </summary>
    internal sealed record Recorded(char[] Terms, int[] Data)
    {
        /// <summary>No tokens, ending at offset 0.</summary>
        public static Recorded None { get; } = new([], [0, 0, 0, 0]);

        public long Bytes => 2L * Terms.Length + 4L * Data.Length;
    }

    /// <summary>Replays kept tokens to the indexer; reused (a token stream's attributes are costly to set up).</summary>
    public sealed class Replay : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private readonly IOffsetAttribute _offset;
        private Recorded _tokens = Recorded.None;
        private int _next;

        public Replay()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        internal void Load(Recorded tokens) => (_tokens, _next) = (tokens, 0);

        public override bool IncrementToken()
        {
            var data = _tokens.Data;
            var at = _next * 4;
            if (at + 4 >= data.Length) return false;
            ClearAttributes();
            var start = at == 0 ? 0 : data[at - 4];
            _term.CopyBuffer(_tokens.Terms, start, data[at] - start);
            _increment.PositionIncrement = data[at + 1];
            _offset.SetOffset(data[at + 2], data[at + 3]);
            _next++;
            return true;
        }

        public override void End()
        {
            base.End();
            var data = _tokens.Data;
            _increment.PositionIncrement = data[^3];
            _offset.SetOffset(data[^2], data[^1]);
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
