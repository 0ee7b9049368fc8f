using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>Retries that store once, keys that belong to their caller, and the history read a page at a time.</summary>
[Collection(HostCollection.Name)]
public sealed class IdempotencyAndHistoryApiTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> Post(HttpClient client, string path, JsonObject body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    private async Task<long> MyProjectCount(HttpClient client)
    {
        var response = await client.GetAsync("/api/projects/mine?take=1", Ct);
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_create_retried_with_its_key_stores_one_project()
    {
        var officer = app.Officer();
        var key = "create-" + Guid.NewGuid().ToString("N");
        var before = await MyProjectCount(officer);

        var first = await Post(officer, "/api/projects", ProjectBodies.Valid("重试只存一次"), key);
        var retry = await Post(officer, "/api/projects", ProjectBodies.Valid("重试只存一次"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var (a, b) = (await first.ReadJson(), await retry.ReadJson());
        Assert.Equal(a["id"]!.GetValue<Guid>(), b["id"]!.GetValue<Guid>());
        Assert.Equal(1, b["version"]!.GetValue<long>());
        Assert.Equal(before + 1, await MyProjectCount(officer));
    }

    [Fact]
    public async Task A_create_key_reused_with_another_body_is_422_and_stores_nothing()
    {
        var officer = app.Officer();
        var key = "create-" + Guid.NewGuid().ToString("N");
        var first = await Post(officer, "/api/projects", ProjectBodies.Valid("原请求"), key);
        var before = await MyProjectCount(officer);

        var reused = await Post(officer, "/api/projects", ProjectBodies.Valid("另一个请求"), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType!.MediaType);
        Assert.True((await reused.ReadJson())["errors"]!.AsObject().ContainsKey("Idempotency-Key"));
        Assert.Equal(before, await MyProjectCount(officer));
        var id = (await first.ReadJson())["id"]!.GetValue<Guid>();
        Assert.Equal("原请求", (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_callers_same_create_key_makes_its_own_project()
    {
        var key = "create-" + Guid.NewGuid().ToString("N");
        var byOfficer = await Post(app.Officer(), "/api/projects", ProjectBodies.Valid("专员的项目"), key);
        var byCoordinator = await Post(app.Coordinator(), "/api/projects", ProjectBodies.Valid("统筹的项目"), key);

        Assert.Equal(HttpStatusCode.Created, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byCoordinator.StatusCode);
        Assert.NotEqual((await byOfficer.ReadJson())["id"]!.GetValue<Guid>(), (await byCoordinator.ReadJson())["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_county_sending_another_countys_bid_key_places_its_own_bid()
    {
        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("幂等键归属"));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        JsonObject Offer(string county, string note) => new()
        {
            ["county"] = county, ["landMu"] = 0, ["energyTce"] = 100, ["deliveryMonths"] = 12, ["commitments"] = "专班服务", ["note"] = note,
        };

        var a = await Post(app.County("370112"), $"/api/projects/{id}/bids", Offer("370112", "历城区方案"), "shared-key");
        var b = await Post(app.County("370114"), $"/api/projects/{id}/bids", Offer("370114", "章丘区方案"), "shared-key");

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.Equal("章丘区方案", (await b.ReadJson())["note"]!.GetValue<string>());
        var bids = (await officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/bids", Ct))!;
        Assert.Equal(["370112", "370114"], bids.Select(x => x!["county"]!.GetValue<string>()).Order());
        Assert.Equal("contested", (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_is_paged_both_ways_with_its_total()
    {
        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("分页历史"));
        for (var i = 0; i < 4; i++)
            (await officer.PutAsJsonAsync($"/api/projects/{id}", ProjectBodies.Valid($"分页历史 {i}"), Ct)).EnsureSuccessStatusCode();

        var first = await officer.GetAsync($"/api/projects/{id}/history?take=2", Ct);
        var rest = (await officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history?after=2&take=10", Ct))!;
        var newest = (await officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history?order=newest&take=1", Ct))!;

        Assert.Equal("5", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal([1, 2], (await first.Content.ReadFromJsonAsync<JsonArray>(Ct))!.Select(e => e!["sequence"]!.GetValue<int>()));
        Assert.Equal([3, 4, 5], rest.Select(e => e!["sequence"]!.GetValue<int>()));
        Assert.Equal(5, newest.Single()!["sequence"]!.GetValue<int>());
        Assert.Equal("修改项目信息", newest.Single()!["label"]!.GetValue<string>());
        foreach (var bad in new[] { "take=0", "take=501", "after=-1", "order=sideways" })
        {
            var response = await officer.GetAsync($"/api/projects/{id}/history?{bad}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }
}
