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
/// offsets, the final offset), so the indexed terms, frequencies and norms are the same. Texts are keyed
/// by field and content, not by project: analysis is a function of both. Bounded by characters held, in
/// two generations: when the current one is full it becomes the previous one and the older is dropped,
/// so texts indexed again while they are recent stay.
/// </remarks>
internal sealed class TextTokens(Analyzer analyzer, int maxChars = TextTokens.DefaultMaxChars)
{
    /// <summary>About 4 MB of token text per generation.</summary>
    public const int DefaultMaxChars = 2 * 1024 * 1024;

    private readonly Lock _lock = new();
    private Dictionary<(string Field, string Text), Recorded[]> _current = [], _previous = [];
    private int _currentChars;

    /// <summary>A stream of the tokens of <paramref name="text"/> in <paramref name="field"/>: from the cache, or analysed now and kept.</summary>
    public TokenStream For(string field, string text)
    {
        var key = (field, text);
        Recorded[]? tokens;
        lock (_lock)
        {
            if (!_current.TryGetValue(key, out tokens) && _previous.TryGetValue(key, out tokens)) Keep(key, tokens);
        }

        if (tokens is null)
        {
            tokens = Analyse(field, text);
            lock (_lock) Keep(key, tokens);
        }

        return new Replay(tokens);
    }

    private void Keep((string Field, string Text) key, Recorded[] tokens)
    {
        if (!_current.TryAdd(key, tokens)) return;
        _currentChars += key.Text.Length;
        if (_currentChars < maxChars) return;
        (_previous, _current, _currentChars) = (_current, [], 0);
    }

    private Recorded[] Analyse(string field, string text)
    {
        var tokens = new List<Recorded>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) tokens.Add(new Recorded(term.ToString(), increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        stream.End();
        // The end state (the final offset) is kept as a token-less last entry.
        tokens.Add(new Recorded(null, increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        return [.. tokens];
    }

    /// <summary>One token; a null term marks the stream's end state.</summary>
    private sealed record Recorded(string? Term, int Increment, int Start, int End);

    private sealed class Replay : TokenStream
    {
        private readonly Recorded[] _tokens;
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private readonly IOffsetAttribute _offset;
        private int _next;

        public Replay(Recorded[] tokens)
        {
            _tokens = tokens;
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_next >= _tokens.Length - 1) return false;
            var token = _tokens[_next++];
            ClearAttributes();
            _term.SetEmpty().Append(token.Term);
            _increment.PositionIncrement = token.Increment;
            _offset.SetOffset(token.Start, token.End);
            return true;
        }

        public override void End()
        {
            base.End();
            var end = _tokens[^1];
            _increment.PositionIncrement = end.Increment;
            _offset.SetOffset(end.Start, end.End);
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
