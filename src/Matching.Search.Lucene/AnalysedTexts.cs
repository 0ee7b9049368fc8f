using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Matching.Search.Lucene;

/// <summary>
/// The tokens a project's title and body analyse to, kept by field and text, so that a document written
/// again with the same text (every bid on a contested project re-writes its document for the contest
/// board's view) replays them instead of segmenting the Chinese again.
/// </summary>
/// <remarks>
/// A replay gives the index writer exactly what the analyzer gave: each term, its position increment and
/// offsets, and the end state, so the postings, frequencies and norms written are the same. The cache holds at
/// most <see cref="Capacity"/> texts and is emptied when full: bounded, and the texts being written again
/// (the contested projects') are back in it after one more analysis.
/// </remarks>
internal sealed class AnalysedTexts(Analyzer analyzer)
{
    /// <summary>Texts kept (each of a project's four text fields and two analyses is one; a few KB each): the projects being bid on at once are far fewer.</summary>
    public const int Capacity = 1_024;

    private readonly ConcurrentDictionary<(string Field, string Text), Token[]> _kept = new();

    /// <summary>The tokens of <paramref name="text"/> in <paramref name="field"/>, as the analyzer gives them.</summary>
    public Token[] Of(string field, string text)
    {
        if (_kept.TryGetValue((field, text), out var tokens)) return tokens;
        tokens = Analyse(field, text);
        if (_kept.Count >= Capacity) _kept.Clear();
        _kept.TryAdd((field, text), tokens);
        return tokens;
    }

    private Token[] Analyse(string field, string text)
    {
        var tokens = new List<Token>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) tokens.Add(new Token(term.ToString(), increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        stream.End();
        // The end state last: the writer adds its position increment and end offset after the last token.
        tokens.Add(new Token(null, increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        return [.. tokens];
    }

    /// <summary>One token, or (with no term) the stream's end state.</summary>
    internal readonly record struct Token(string? Term, int Increment, int Start, int End);
}

/// <summary>A token stream that replays <see cref="AnalysedTexts"/> tokens; one per field instance, refilled per document.</summary>
internal sealed class ReplayedTokens : TokenStream
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IOffsetAttribute _offset;
    private AnalysedTexts.Token[] _tokens = [];
    private int _next;

    public ReplayedTokens()
    {
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    /// <summary>What the next read replays.</summary>
    public void Load(AnalysedTexts.Token[] tokens)
    {
        _tokens = tokens;
        _next = 0;
    }

    public override bool IncrementToken()
    {
        if (_next >= _tokens.Length - 1) return false;
        ClearAttributes();
        var token = _tokens[_next++];
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
