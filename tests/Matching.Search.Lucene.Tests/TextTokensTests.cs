using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Matching.Domain.Projects;

namespace Matching.Search.Lucene.Tests;

/// <summary>
/// A document re-indexed with unchanged text replays the tokens kept from its first analysis: what the
/// index holds must be exactly what the analyzers make of the text, the first time and every time after.
/// </summary>
public sealed class TextTokensTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly EngineFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Re_indexed_documents_hold_exactly_the_analyzers_terms_frequencies_and_norms()
    {
        var first = new ProjectDocument(Guid.NewGuid(), "年产20万辆新能源汽车项目", "落户济南，配套电池、电机、电控三电系统，C++ 与 5G 研发中心，新能源汽车整车", "3612",
            "汽车整车制造", "新能源乘用车", ProjectStatus.Open, null, [], 10_000, 100, 1_000, false, T0);
        // The same texts under another id (the kept tokens are found by text), and the first again as contested.
        var twin = first with { Id = Guid.NewGuid() };
        var again = first with { Status = ProjectStatus.Contested, UpdatedAt = T0.AddMinutes(1) };
        var engine = await _folder.OpenAsync();
        await engine.IndexProjectsAsync([first], Ct);
        await engine.IndexProjectsAsync([twin], Ct);
        await engine.IndexProjectsAsync([again], Ct);
        await engine.RefreshAsync(Ct);
        var hits = await engine.SearchProjectsAsync(new ProjectQuery(Text: "新能源汽车"), Ct);
        engine.Dispose();

        using var directory = FSDirectory.Open(Path.Combine(_folder.Path, "projects"));
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        Assert.Equal(2, reader.NumDocs);
        foreach (var id in new[] { first.Id, twin.Id })
        {
            var doc = Assert.Single(searcher.Search(new TermQuery(new Term("id", id.ToString("D"))), 2).ScoreDocs).Doc;
            Assert.Equal(Expected(new SmartChineseAnalyzer(LuceneVersion.LUCENE_48), first.Title), Indexed(reader, "title.smart", doc));
            Assert.Equal(Expected(new CJKAnalyzer(LuceneVersion.LUCENE_48), first.Title), Indexed(reader, "title.bigram", doc));
            string[] body = [first.Description, first.IndustryText!, first.IndustryName];
            Assert.Equal(Expected(new SmartChineseAnalyzer(LuceneVersion.LUCENE_48), body), Indexed(reader, "body.smart", doc));
            Assert.Equal(Expected(new CJKAnalyzer(LuceneVersion.LUCENE_48), body), Indexed(reader, "body.bigram", doc));
        }

        // Same texts, same field lengths: the two documents score alike.
        Assert.Equal(2, hits.Total);
        Assert.Equal(hits.Hits[0].Score, hits.Hits[1].Score);
        Assert.True(hits.Hits[0].Score > 0);
    }

    /// <summary>Term → frequency as the analyzer makes them of the field's values.</summary>
    private static SortedDictionary<string, int> Expected(Analyzer analyzer, params string[] values)
    {
        var terms = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using (analyzer)
        {
            foreach (var value in values)
            {
                using var stream = analyzer.GetTokenStream("f", value);
                var term = stream.AddAttribute<ICharTermAttribute>();
                stream.Reset();
                while (stream.IncrementToken()) terms[term.ToString()] = terms.GetValueOrDefault(term.ToString()) + 1;
                stream.End();
            }
        }

        Assert.NotEmpty(terms);
        return terms;
    }

    /// <summary>Term → frequency the index holds for one document's field.</summary>
    private static SortedDictionary<string, int> Indexed(IndexReader reader, string field, int doc)
    {
        var terms = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var liveDocs = MultiFields.GetLiveDocs(reader);
        var termsEnum = MultiFields.GetTerms(reader, field).GetEnumerator();
        while (termsEnum.MoveNext())
        {
            var docs = termsEnum.Docs(liveDocs, null);
            if (docs.Advance(doc) == doc) terms[termsEnum.Term.Utf8ToString()] = docs.Freq;
        }

        return terms;
    }

    public void Dispose() => _folder.Dispose();
}
