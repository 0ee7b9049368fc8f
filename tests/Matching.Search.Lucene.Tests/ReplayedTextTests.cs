using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Matching.Domain.Projects;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace Matching.Search.Lucene.Tests;

/// <summary>
/// A project written alone (a bid on a contested project) replays its analysed title and body
/// (<c>AnalysedTexts</c>); a bulk write analyses them. Both must leave the same postings and norms,
/// and a text changed between writes must be indexed as changed.
/// </summary>
public sealed class ReplayedTextTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] TextFields = ["title.smart", "title.bigram", "body.smart", "body.bigram"];

    private readonly EngineFolder _replayed = new();
    private readonly EngineFolder _analysed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProjectDocument Project(Guid id, string title, string description) =>
        new(id, title, description, "3825", "光伏设备及元器件制造", "光伏设备及元器件制造", ProjectStatus.Contested, "370102", ["370103"], 10_000, 100, 1_000, false, T0);

    [Fact]
    public async Task A_project_written_alone_is_indexed_exactly_as_one_written_in_bulk()
    {
        var project = Project(Guid.NewGuid(), "年产10万吨高效N型光伏组件项目（一期）", "建设 TOPCon 光伏电池、光伏组件生产线；配套储能 2GWh，光伏组件年产 5GW。Phase 1: 120 亩。");

        var alone = await _replayed.OpenAsync();
        // Twice: the second write replays what the first analysed.
        await alone.IndexProjectsAsync([project], Ct);
        await alone.IndexProjectsAsync([project with { UpdatedAt = T0.AddMinutes(1) }], Ct);
        alone.Dispose();

        var bulk = await _analysed.OpenAsync();
        // More than a replayed write takes: analysed as it goes.
        await bulk.IndexProjectsAsync([.. Enumerable.Repeat(project, 40)], Ct);
        bulk.Dispose();

        var (replayed, analysed) = (Postings(_replayed.Path), Postings(_analysed.Path));
        Assert.NotEmpty(analysed["title.smart"].Terms);
        Assert.Contains(analysed["body.bigram"].Terms, t => t.Key == "光伏" && t.Value >= 3);
        foreach (var field in TextFields)
        {
            Assert.Equal(analysed[field].Terms.OrderBy(t => t.Key, StringComparer.Ordinal), replayed[field].Terms.OrderBy(t => t.Key, StringComparer.Ordinal));
            Assert.Equal(analysed[field].Norm, replayed[field].Norm);
        }
    }

    [Fact]
    public async Task A_text_changed_between_writes_is_found_by_the_new_text_only()
    {
        var id = Guid.NewGuid();
        var engine = await _replayed.OpenAsync();
        await engine.IndexProjectsAsync([Project(id, "锂电池隔膜项目", "湿法隔膜生产线")], Ct);
        await engine.IndexProjectsAsync([Project(id, "锂电池隔膜项目", "湿法隔膜生产线")], Ct);
        await engine.IndexProjectsAsync([Project(id, "氢能储运装备项目", "高压储氢瓶生产线")], Ct);

        Assert.Equal([id], (await engine.SearchProjectsAsync(new ProjectQuery(Text: "储氢"), Ct)).Hits.Select(h => h.Id));
        Assert.Equal(0, (await engine.SearchProjectsAsync(new ProjectQuery(Text: "隔膜"), Ct)).Total);
    }

    /// <summary>The one live project document's term frequencies and norm in each text field of the index in <paramref name="root"/>.</summary>
    private static Dictionary<string, (Dictionary<string, int> Terms, long Norm)> Postings(string root)
    {
        using var directory = LuceneDirectory.Open(Path.Combine(root, "projects"));
        using var reader = DirectoryReader.Open(directory);
        var result = new Dictionary<string, (Dictionary<string, int>, long)>();
        foreach (var field in TextFields)
        {
            var terms = new Dictionary<string, int>(StringComparer.Ordinal);
            long norm = -1;
            foreach (var leaf in reader.Leaves)
            {
                var atomic = leaf.AtomicReader;
                var leafLive = atomic.LiveDocs;
                var norms = atomic.GetNormValues(field);
                for (var doc = 0; doc < atomic.MaxDoc; doc++)
                {
                    if (leafLive is null || leafLive.Get(doc)) norm = norms?.Get(doc) ?? -2;
                }

                var enumerator = atomic.GetTerms(field)?.GetEnumerator();
                while (enumerator is not null && enumerator.MoveNext())
                {
                    var docs = enumerator.Docs(leafLive, null, DocsFlags.FREQS);
                    while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) terms[enumerator.Term.Utf8ToString()] = docs.Freq;
                }
            }

            result[field] = (terms, norm);
        }

        Assert.Equal(1, reader.NumDocs);
        return result;
    }

    public void Dispose()
    {
        _replayed.Dispose();
        _analysed.Dispose();
    }
}
