using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class MatchingApiTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task Feature(string adcode, string code)
    {
        var response = await app.County(adcode).PutAsJsonAsync($"/api/counties/{adcode}/profile", new JsonObject
        {
            ["featuredIndustries"] = new JsonArray(new JsonObject { ["code"] = code, ["strength"] = 5 }),
        }, Ct);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Counties_featuring_the_class_rank_at_the_top_with_explained_factors()
    {
        // 临沭县 and 河东区 (Linyi) take 新能源车整车制造 as their featured industry.
        await Feature("371329", "3612");
        await Feature("371312", "3612");
        var (id, _) = await _client.CreateProject(ProjectBodies.Valid().With("landMu", 50).Without("firstContactCounty"));

        var result = await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=20", Ct);

        var matches = result!["matches"]!.AsArray();
        Assert.Equal(20, matches.Count);
        var scores = matches.Select(m => m!["score"]!.GetValue<double>()).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        var top = matches.Take(6).Select(m => m!["county"]!.GetValue<string>()).ToArray();
        Assert.Contains("371329", top);
        Assert.Contains("371312", top);

        var linshu = matches.Single(m => m!["county"]!.GetValue<string>() == "371329")!;
        Assert.Equal("临沭县", linshu["countyName"]!.GetValue<string>());
        var industry = linshu["factors"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "industry")!;
        Assert.Equal(40, industry["points"]!.GetValue<double>());
        Assert.Contains("3612", industry["reason"]!.GetValue<string>());
        Assert.NotNull(linshu["park"]!["id"]);
        Assert.True(linshu["park"]!["availableLandMu"]!.GetValue<decimal>() >= 50);
        Assert.Equal(
            Math.Round(linshu["factors"]!.AsArray().Sum(f => f!["points"]!.GetValue<double>()), 1),
            linshu["score"]!.GetValue<double>(), 6);
    }

    [Fact]
    public async Task Counties_without_the_land_are_excluded_with_their_reasons()
    {
        var (id, _) = await _client.CreateProject(ProjectBodies.Valid().With("landMu", 60_000));

        var result = await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches", Ct);

        Assert.Empty(result!["matches"]!.AsArray());
        var excluded = result["excluded"]!.AsArray();
        Assert.Equal(136, excluded.Count);
        Assert.All(excluded, e => Assert.Contains(e!["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("土地：", StringComparison.Ordinal)));
        Assert.Contains(excluded, e => e!["reasons"]!.AsArray().Any(r => r!.GetValue<string>().Contains("60,000 亩", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_published_project_reaches_the_inbox_and_matches_of_the_counties_it_fits()
    {
        await Feature("371621", "3841");
        var (id, _) = await _client.CreateProject(ProjectBodies.Valid("动力锂电池电芯项目")
            .With("industryCode", "3841").With("landMu", 80).Without("firstContactCounty"));

        var before = await _client.GetFromJsonAsync<JsonArray>("/api/counties/371621/inbox", Ct);
        Assert.DoesNotContain(before!, i => i!["project"]!["id"]!.GetValue<Guid>() == id);
        (await _client.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();

        var inbox = await _client.GetFromJsonAsync<JsonArray>("/api/counties/371621/inbox", Ct);
        var entry = Assert.Single(inbox!, i => i!["project"]!["id"]!.GetValue<Guid>() == id)!;
        Assert.True(entry["score"]!.GetValue<double>() >= 30);

        var matches = await Polling.Eventually(
            () => _client.GetFromJsonAsync<JsonArray>("/api/counties/371621/matches", Ct)!,
            m => m!.Any(x => x!["project"]!["id"]!.GetValue<Guid>() == id));
        var match = matches!.Single(x => x!["project"]!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(entry["score"]!.GetValue<double>(), match["score"]!.GetValue<double>());
        Assert.NotEmpty(match["factors"]!.AsArray());

        // Withdrawn projects leave the inbox.
        (await _client.PostAsync($"/api/projects/{id}/withdraw", null, Ct)).EnsureSuccessStatusCode();
        var after = await _client.GetFromJsonAsync<JsonArray>("/api/counties/371621/inbox", Ct);
        Assert.DoesNotContain(after!, i => i!["project"]!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task Chinese_full_text_project_search_finds_photovoltaic_and_lithium_battery_projects()
    {
        // 东明县 as first contact keeps these projects apart from other tests' projects.
        var (pv, _) = await _client.CreateProject(ProjectBodies.Valid("N型高效光伏组件项目").With("industryCode", "3825").With("firstContactCounty", "371728"));
        var (battery, _) = await _client.CreateProject(ProjectBodies.Valid("储能电站配套项目").With("industryCode", "3841")
            .With("description", "建设磷酸铁锂电池电芯和储能系统集成产线").With("firstContactCounty", "371728"));
        (await _client.PostAsync($"/api/projects/{pv}/publish", null, Ct)).EnsureSuccessStatusCode();

        var pvHits = await Polling.Eventually(() => Search("q=光伏&county=371728"), r => r["total"]!.GetValue<long>() >= 1);
        var batteryHits = await Polling.Eventually(() => Search("q=锂电池&county=371728"), r => r["total"]!.GetValue<long>() >= 1);
        var open = await Polling.Eventually(() => Search("county=371728&status=open"), r => r["total"]!.GetValue<long>() >= 1);
        var byIndustry = await Polling.Eventually(() => Search("county=371728&industry=38"), r => r["total"]!.GetValue<long>() >= 2);

        Assert.Equal([pv], pvHits["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.Equal([battery], batteryHits["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.Equal([pv], open["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.Equal(2, byIndustry["total"]!.GetValue<long>());
        Assert.Equal(2, byIndustry["facets"]!["division"]!["38"]!.GetValue<long>());
        Assert.Equal(1, byIndustry["facets"]!["status"]!["open"]!.GetValue<long>());
        Assert.Equal(1, byIndustry["facets"]!["status"]!["draft"]!.GetValue<long>());
        Assert.Equal("光伏设备及元器件制造", pvHits["items"]![0]!["industryName"]!.GetValue<string>());
    }

    /// <summary>Searches as a coordinator, who finds drafts too (the draft rules have their own tests).</summary>
    private async Task<JsonObject> Search(string query) =>
        (await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/projects?" + query, Ct))!;

    [Theory]
    [InlineData("industry=9999", "industry")]
    [InlineData("county=110101", "county")]
    [InlineData("status=approved", "status")]
    [InlineData("take=1000", "take")]
    [InlineData("skip=-1", "skip")]
    public async Task Bad_search_parameters_are_400(string query, string field) =>
        await Problems.AssertValidationProblem(await _client.GetAsync("/api/projects?" + query, Ct), field);

    [Fact]
    public async Task Bad_match_requests_are_4xx()
    {
        var (id, _) = await _client.CreateProject();

        await Problems.AssertValidationProblem(await _client.GetAsync($"/api/projects/{id}/matches?top=0", Ct), "top");
        await Problems.AssertProblem(await _client.GetAsync($"/api/projects/{Guid.NewGuid()}/matches", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblem(await _client.GetAsync("/api/counties/999999/matches", Ct), HttpStatusCode.NotFound);
        await Problems.AssertProblem(await _client.GetAsync("/api/counties/999999/inbox", Ct), HttpStatusCode.NotFound);
    }
}
