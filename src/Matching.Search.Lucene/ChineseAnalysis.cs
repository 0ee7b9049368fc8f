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
/// segmentation (precise, ranks whole words) and CJK character bigrams (recall: the segmenter splits
/// unknown terms such as 光伏 into single characters and segments 锂电池 differently inside longer phrases,
/// while the bigrams 光伏 / 锂电+电池 are found wherever the characters stand).
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
    /// A query matching documents that hold every bigram of <paramref name="text"/> or every word of it,
    /// each term in any of <paramref name="fields"/> (so 光伏 in the title and 济南 in the description match
    /// 济南 光伏); a term scores by its best field plus a share of the others. Null when the text has no terms.
    /// </summary>
    public Query? Query(string text, IReadOnlyList<FullTextField> fields)
    {
        var root = new BooleanQuery();
        AddAllTerms(root, Terms(_bigrams, text), fields, static f => f.Bigrams);
        AddAllTerms(root, Terms(_words, text), fields, static f => f.Words);
        return root.Clauses.Count == 0 ? null : root;
    }

    private static void AddAllTerms(BooleanQuery root, List<string> terms, IReadOnlyList<FullTextField> fields, Func<FullTextField, string> fieldName)
    {
        if (terms.Count == 0) return;
        var all = new BooleanQuery();
        foreach (var term in terms)
        {
            var anyField = new DisjunctionMaxQuery(CrossFieldTieBreaker);
            foreach (var field in fields) anyField.Add(new TermQuery(new Term(fieldName(field), term)) { Boost = field.Boost });
            all.Add(anyField, Occur.MUST);
        }

        root.Add(all, Occur.SHOULD);
    }

    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (terms.Count < MaxQueryTerms && stream.IncrementToken())
        {
            var value = term.ToString();
            if (!terms.Contains(value)) terms.Add(value);
        }

        stream.End();
        return terms;
    }

    public void Dispose()
    {
        IndexAnalyzer.Dispose();
        _words.Dispose();
        _bigrams.Dispose();
    }
}
