using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Projects;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class ProjectsApiTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();

    [Fact]
    public async Task Posting_a_project_returns_201_with_location_and_the_contract_fields()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await _client.PostAsJsonAsync("/api/projects", ProjectBodies.Valid(), ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var project = await response.ReadJson();
        Assert.Equal($"/api/projects/{project["id"]}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("draft", project["status"]!.GetValue<string>());
        Assert.Equal(1, project["version"]!.GetValue<long>());
        Assert.Equal("新能源乘用车整车项目", project["title"]!.GetValue<string>());
        Assert.Equal("3612", project["industryCode"]!.GetValue<string>());
        Assert.Equal("新能源车整车制造", project["industryName"]!.GetValue<string>());
        Assert.Equal(1_500_000m, project["investment"]!.GetValue<decimal>());
        Assert.Equal(1200m, project["landMu"]!.GetValue<decimal>());
        Assert.Equal(45000m, project["energyTce"]!.GetValue<decimal>());
        Assert.Equal(3000, project["jobs"]!.GetValue<int>());
        Assert.Equal(60000m, project["expectedTax"]!.GetValue<decimal>());
        Assert.False(project["highEnergy"]!.GetValue<bool>());
        Assert.Equal("private", project["investor"]!["kind"]!.GetValue<string>());
        Assert.Equal(ProjectBodies.CreditCode, project["investor"]!["creditCode"]!.GetValue<string>());
        Assert.Equal("370112", project["firstContactCounty"]!.GetValue<string>());
        Assert.NotNull(project["createdAt"]);
        Assert.NotNull(project["updatedAt"]);

        var fetched = await _client.GetFromJsonAsync<JsonObject>(response.Headers.Location, ct);
        Assert.Equal(project.ToJsonString(), fetched!.ToJsonString());
    }

    [Fact]
    public async Task Lifecycle_through_the_api_with_history()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, _) = await _client.CreateProject();

        var edited = await _client.PutAsJsonAsync($"/api/projects/{id}", ProjectBodies.Valid("新能源商用车整车项目"), ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(2, (await edited.ReadJson())["version"]!.GetValue<long>());

        var published = await _client.PostAsync($"/api/projects/{id}/publish", null, ct);
        var open = await published.ReadJson();
        Assert.Equal(ProjectStatus.Open, open.Status());
        Assert.NotNull(open["publishedAt"]);

        // Still editable while Open.
        var editedOpen = await _client.PutAsJsonAsync($"/api/projects/{id}", ProjectBodies.Valid("新能源商用车整车项目（二期）"), ct);
        Assert.Equal(HttpStatusCode.OK, editedOpen.StatusCode);

        var withdrawn = await _client.PostAsJsonAsync($"/api/projects/{id}/withdraw", new { reason = "投资方暂缓" }, ct);
        Assert.Equal(ProjectStatus.Withdrawn, (await withdrawn.ReadJson()).Status());

        var history = await _client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history", ct);
        Assert.Equal(["created", "edited", "transitioned", "edited", "transitioned"], history!.Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3, 4, 5], history!.Select(e => e!["version"]!.GetValue<int>()));
        Assert.Equal("投资方暂缓", history![4]!["note"]!.GetValue<string>());
        Assert.Equal("撤回", history![4]!["label"]!.GetValue<string>());
        Assert.All(history, e => Assert.Equal("officer", e!["actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Forbidden_transitions_are_409_and_change_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, _) = await _client.CreateProject();
        await _client.PostAsync($"/api/projects/{id}/withdraw", null, ct);
        var before = await _client.GetStringAsync($"/api/projects/{id}", ct);

        var publish = await _client.PostAsync($"/api/projects/{id}/publish", null, ct);
        var edit = await _client.PutAsJsonAsync($"/api/projects/{id}", ProjectBodies.Valid(), ct);
        var withdrawAgain = await _client.PostAsync($"/api/projects/{id}/withdraw", null, ct);

        var problem = await Problems.AssertProblem(publish, HttpStatusCode.Conflict);
        Assert.Contains("已撤回", problem["detail"]!.GetValue<string>());
        await Problems.AssertProblem(edit, HttpStatusCode.Conflict);
        await Problems.AssertProblem(withdrawAgain, HttpStatusCode.Conflict);
        Assert.Equal(before, await _client.GetStringAsync($"/api/projects/{id}", ct));
        Assert.Equal(2, (await _client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history", ct))!.Count);
    }

    [Fact]
    public async Task Publishing_twice_is_409()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, _) = await _client.CreateProject();
        await _client.PostAsync($"/api/projects/{id}/publish", null, ct);

        await Problems.AssertProblem(await _client.PostAsync($"/api/projects/{id}/publish", null, ct), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Stale_If_Match_is_412_and_a_current_one_succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, _) = await _client.CreateProject();
        await _client.PutAsJsonAsync($"/api/projects/{id}", ProjectBodies.Valid("改名一次"), ct);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/projects/{id}") { Content = JsonContent.Create(ProjectBodies.Valid("基于旧版本")) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await Problems.AssertProblem(await _client.SendAsync(stale, ct), HttpStatusCode.PreconditionFailed);

        using var current = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{id}/publish");
        current.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var published = await _client.SendAsync(current, ct);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("\"3\"", published.Headers.ETag!.Tag);
        Assert.Equal("改名一次", (await published.ReadJson())["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_projects_are_404_problems()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid();
        await Problems.AssertProblem(await _client.GetAsync($"/api/projects/{id}", ct), HttpStatusCode.NotFound);
        await Problems.AssertProblem(await _client.GetAsync($"/api/projects/{id}/history", ct), HttpStatusCode.NotFound);
        await Problems.AssertProblem(await _client.PostAsync($"/api/projects/{id}/publish", null, ct), HttpStatusCode.NotFound);
        await Problems.AssertProblem(await _client.PutAsJsonAsync($"/api/projects/{id}", ProjectBodies.Valid(), ct), HttpStatusCode.NotFound);
        await Problems.AssertProblem(await _client.GetAsync("/api/projects/not-a-guid", ct), HttpStatusCode.NotFound);
    }
}
