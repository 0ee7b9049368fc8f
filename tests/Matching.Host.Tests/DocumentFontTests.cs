using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// A host configured with a Chinese font file that is not there (<c>Documents:FontPath</c>) refuses its
/// PDFs with a 503 ProblemDetails saying what to install, and answers everything else.
/// </summary>
public sealed class DocumentFontTests : IAsyncLifetime
{
    private const string MissingFont = "/nonexistent/fonts/matching-cjk.ttf";
    private MatchingApplication _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = MatchingApplication.With(settings: new Dictionary<string, string> { ["Documents:FontPath"] = MissingFont });
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_decision_letter_is_a_503_problem_naming_the_font_and_the_project_still_answers()
    {
        var officer = _app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("无字体文档测试项目"));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        var version = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        (await _app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "reject", ["reason"] = "不符合产业政策", ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();

        var letter = await officer.GetAsync($"/api/projects/{id}/decision/letter.pdf", Ct);
        var problem = await Problems.AssertProblem(letter, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("application/problem+json", letter.Content.Headers.ContentType?.MediaType);
        Assert.Equal("无法生成文档", problem["title"]!.GetValue<string>());
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("fonts-wqy-microhei", detail);
        Assert.Contains(MissingFont, detail);

        // Everything but the documents works.
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/projects/{id}/decisions", Ct)).StatusCode);
    }
}
