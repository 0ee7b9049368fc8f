using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class HostTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    public async Task Health_reports_storage_and_seeds(string path)
    {
        var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJson();
        Assert.Equal("Healthy", report["status"]!.GetValue<string>());
        if (path != "/health/live")
        {
            Assert.Equal("Healthy", report["checks"]!["storage"]!["status"]!.GetValue<string>());
            Assert.Contains("136 counties", report["checks"]!["seeds"]!["description"]!.GetValue<string>());
            Assert.Equal("Healthy", report["checks"]!["search"]!["status"]!.GetValue<string>());
            Assert.Contains("136 counties", report["checks"]!["search"]!["description"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        var document = await _client.GetFromJsonAsync<JsonObject>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("/api/counties", paths);
        Assert.Contains("/api/counties/{adcode}", paths);
        Assert.Contains("/api/counties/{adcode}/profile", paths);
        Assert.Contains("/api/parks", paths);
        Assert.Contains("/api/parks/{id}", paths);
        Assert.Contains("/api/industries", paths);
        Assert.Contains("/api/industries/{code}", paths);
        Assert.Contains("/api/projects", paths);
        Assert.Contains("/api/projects/{id}", paths);
        Assert.Contains("/api/projects/{id}/publish", paths);
        Assert.Contains("/api/projects/{id}/withdraw", paths);
        Assert.Contains("/api/projects/{id}/history", paths);
    }

    [Fact]
    public async Task The_browsable_API_reference_and_home_page_are_served_offline()
    {
        var ct = TestContext.Current.CancellationToken;
        var docs = await _client.GetAsync("/api/docs", ct);
        var home = await _client.GetStringAsync("/", ct);

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var html = await docs.Content.ReadAsStringAsync(ct);
        Assert.DoesNotContain("cdn.jsdelivr.net", html);
        Assert.Contains("山东省协同招商平台", home);
    }

    [Fact]
    public async Task Unknown_routes_are_404_problems()
    {
        await Problems.AssertProblem(await _client.GetAsync("/api/nothing-here", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
    }
}
