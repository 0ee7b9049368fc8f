using Matching.Domain.Industries;
using Matching.Domain.Projects;
namespace Matching.Search.Elasticsearch.Tests;
public class Dump
{
    [Fact]
    public async Task All()
    {
        var ct = TestContext.Current.CancellationToken;
        var inv = new RecordingRequestInvoker();
        var engine = new ElasticsearchSearchEngine(inv.CreateClient(), new ElasticsearchSearchOptions());
        await engine.EnsureIndexesAsync(ct);
        await engine.IndexCandidatesAsync([new CandidateDocument("370102", "历下区", "370100", ["3612", "361", "36", "C"], 500.5m, 10000)], ct);
        await engine.IndexProjectsAsync([new ProjectDocument(Guid.NewGuid(), "光伏", "描述", "3612", "汽车整车制造", null, ProjectStatus.CoBuilt, "370102", ["370103"], 10000, 100, 1000, true, DateTimeOffset.Parse("2026-11-01T08:00:00+08:00"))], ct);
        await engine.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 300, 1000, true, 10), ct);
        await engine.SearchProjectsAsync(new ProjectQuery(), ct);
        await engine.SearchProjectsAsync(new ProjectQuery("光伏", IndustryCode.Parse("38"), "370102", ProjectStatus.Open, 20, 10), ct);
        await engine.RetrieveProjectsForCountyAsync(new ProjectsForCountyQuery(["3612", "361", "36", "C"], 500, 10000, 10), ct);
        await engine.DeleteProjectAsync(Guid.NewGuid(), ct);
        await engine.ClearAsync(ct);
        await engine.RefreshAsync(ct);
        File.WriteAllLines("/tmp/es-bodies.txt", inv.Requests.Select(r => $"{r.Method} {r.PathAndQuery}\n{r.Text}\n"));
    }
}
