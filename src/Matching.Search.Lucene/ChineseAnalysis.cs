using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Matching.Search.Lucene;

/// <summary>A full-text field of a document, indexed twice (words and bigrams), with its query weight.</summary>
internal sealed record FullTextField(string Name, float Boost)
{
    public string Words { get; } = Name + ".smart";

    public string Bigrams { get; } = Name + ".bigram";
}

/// <summary>
/// Chinese analysis for indexing and querying. Every text field is indexed twice: SmartCn word
/// segmentation (ranks whole words) and CJK character bigrams (recall: the segmenter splits unknown terms
/// such as 光伏 into single characters and segments 锂电池 differently inside longer phrases, while the
/// bigrams 光伏 / 锂电+电池 are found wherever the characters stand).
/// </summary>
internal sealed class ChineseAnalysis : IDisposable
{
    // A query is a handful of words; the cap keeps a pasted paragraph below BooleanQuery's clause limit.
    private const int MaxQueryTerms = 64;

    // How much a match in a second field adds to the best field's score for the same term.
    private const float CrossFieldTieBreaker = 0.3f;

    private readonly Analyzer _words = new SmartChineseAnalyzer(LuceneIndex.Version);
    private readonly Analyzer _bigrams = new CJKAnalyzer(LuceneIndex.Version);

    public ChineseAnalysis(IEnumerable<FullTextField> fields)
    {
        var perField = new Dictionary<string, Analyzer>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            perField[field.Words] = _words;
            perField[field.Bigrams] = _bigrams;
        }

        IndexAnalyzer = new PerFieldAnalyzerWrapper(_bigrams, perField);
    }

    /// <summary>The writer's analyzer: words or bigrams by field name.</summary>
    public Analyzer IndexAnalyzer { get; }

    /// <summary>
    /// A query for <paramref name="text"/> over <paramref name="fields"/>; null when the text has no terms.
    /// </summary>
    /// <remarks>
    /// <para>
    /// What must match: the text is segmented into words, single characters are glued to the word next
    /// to them (the segmenter splits what it does not know: 光伏 → 光|伏, 新能源 → 新|能源), and every bigram
    /// inside each resulting piece must occur, each in any field. So 锂电池 is found inside 动力锂电池电芯,
    /// 济南光伏 finds 光伏 in a title with 济南 in the description (no 南光 is required), and a lone
    /// character must occur as a word of its own.
    /// </para>
    /// <para>
    /// What ranks: the bigrams, plus every whole word of three characters or more found by the segmenter
    /// (机器人, 集成电路: a document where the segmenter found the whole word ranks above one that merely
    /// holds its bigrams); a term
    /// scores by its best field plus a share of the others, and the title outweighs the body. Shorter
    /// words add nothing to rank by (a two-character word is its own bigram; single characters occur in
    /// nearly every document), and each optional clause costs a pass over its postings for every match.
    /// </para>
    /// </remarks>
    public Query? Query(string text, IReadOnlyList<FullTextField> fields)
    {
        var words = Tokens(_words, text);
        var required = new BooleanQuery();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, end) in Pieces(words))
        {
            if (start < 0 || end > text.Length || start >= end) continue;
            foreach (var (term, _, _) in Tokens(_bigrams, text[start..end]))
            {
                if (seen.Count == MaxQueryTerms) break;
                if (!seen.Add(term)) continue;
                // A lone character was not indexed as a bigram; the segmenter indexed it as a word.
                var lone = term.Length == 1 && IsIdeograph(term[0]);
                required.Add(AnyField(fields, lone ? static f => f.Words : static f => f.Bigrams, term), Occur.MUST);
            }
        }

        if (required.Clauses.Count == 0) return null;
        var query = new BooleanQuery { { required, Occur.MUST } };
        // A two-character word is its own bigram, already scored above; only longer words add a signal.
        foreach (var term in words.Select(w => w.Term).Where(t => t.Length > 2).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms))
        {
            query.Add(AnyField(fields, static f => f.Words, term), Occur.SHOULD);
        }

        return query;
    }

    private static DisjunctionMaxQuery AnyField(IReadOnlyList<FullTextField> fields, Func<FullTextField, string> fieldName, string term)
    {
        var anyField = new DisjunctionMaxQuery(CrossFieldTieBreaker);
        foreach (var field in fields) anyField.Add(new TermQuery(new Term(fieldName(field), term)) { Boost = field.Boost });
        return anyField;
    }

    /// <summary>Spans of the text: each word, with single ideographs glued to an adjacent word.</summary>
    private static List<(int Start, int End)> Pieces(List<(string Term, int Start, int End)> words)
    {
        var pieces = new List<(int Start, int End)>();
        (int Start, int End)? glue = null;
        foreach (var (term, start, end) in words)
        {
            var single = term.Length == 1 && IsIdeograph(term[0]);
            if (glue is { } open && open.End == start)
            {
                glue = (open.Start, end);
                if (single) continue;
                pieces.Add(glue.Value);
                glue = null;
                continue;
            }

            Flush(pieces, ref glue);
            if (single) glue = (start, end);
            else pieces.Add((start, end));
        }

        Flush(pieces, ref glue);
        return pieces;

        static void Flush(List<(int Start, int End)> pieces, ref (int Start, int End)? glue)
        {
            if (glue is not { } open) return;
            // A run of characters is a piece of its own (光|伏 → 光伏); a lone one with no word after it joins
            // the word before it, when adjacent.
            var lone = open.End - open.Start == 1;
            if (lone && pieces.Count > 0 && pieces[^1].End == open.Start) pieces[^1] = (pieces[^1].Start, open.End);
            else pieces.Add(open);
            glue = null;
        }
    }

    private static bool IsIdeograph(char c) => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherLetter;

    private static List<(string Term, int Start, int End)> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (tokens.Count < MaxQueryTerms && stream.IncrementToken()) tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return tokens;
    }

    public void Dispose()
    {
        IndexAnalyzer.Dispose();
        _words.Dispose();
        _bigrams.Dispose();
    }
}
