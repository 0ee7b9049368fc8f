using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class CountiesApiTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();

    [Fact]
    public async Task Lists_all_136_counties_in_16_prefectures()
    {
        var counties = await _client.GetFromJsonAsync<JsonArray>("/api/counties", TestContext.Current.CancellationToken);

        Assert.Equal(136, counties!.Count);
        Assert.Equal(16, counties.Select(c => c!["prefectureAdcode"]!.GetValue<string>()).Distinct().Count());
        Assert.Contains(counties, c => c!["adcode"]!.GetValue<string>() == "370102" && c["name"]!.GetValue<string>() == "历下区");
    }

    [Theory]
    [InlineData("370100", 12)]
    [InlineData("济南市", 12)]
    [InlineData("青岛", 10)]
    public async Task Filters_by_prefecture_code_or_name(string prefecture, int expected)
    {
        var counties = await _client.GetFromJsonAsync<JsonArray>($"/api/counties?prefecture={Uri.EscapeDataString(prefecture)}", TestContext.Current.CancellationToken);

        Assert.Equal(expected, counties!.Count);
        Assert.All(counties, c => Assert.StartsWith(counties[0]!["prefectureAdcode"]!.GetValue<string>()[..4], c!["adcode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_prefecture_is_a_400_naming_the_parameter()
    {
        var response = await _client.GetAsync("/api/counties?prefecture=北京市", TestContext.Current.CancellationToken);

        await Problems.AssertValidationProblem(response, "prefecture");
    }

    [Fact]
    public async Task A_county_comes_with_parks_quotas_featured_industries_and_neighbours()
    {
        // 历城区 hosts the Jinan comprehensive bonded zone among others.
        var county = await _client.GetFromJsonAsync<JsonObject>("/api/counties/370112", TestContext.Current.CancellationToken);

        Assert.Equal("历城区", county!["name"]!.GetValue<string>());
        Assert.Equal("济南市", county["prefecture"]!["name"]!.GetValue<string>());
        Assert.Contains(county["neighbours"]!.AsArray(), n => n!["adcode"]!.GetValue<string>() == "370102");
        Assert.Contains(county["parks"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "济南综合保税区");
        Assert.Equal("default", county["quotas"]!["landMu"]!["source"]!.GetValue<string>());
        Assert.True(county["quotas"]!["energyTce"]!["value"]!.GetValue<decimal>() > 0);
        Assert.NotEmpty(county["featuredIndustries"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_county_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/counties/110101", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_county_edits_its_profile_and_the_figures_are_marked_as_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await _client.GetFromJsonAsync<JsonObject>("/api/counties/370830", ct);

        var response = await app.County("370830").PutAsJsonAsync("/api/counties/370830/profile", new JsonObject
        {
            ["landQuotaMu"] = 2500,
            ["featuredIndustries"] = new JsonArray(new JsonObject { ["code"] = "3612", ["strength"] = 5, ["label"] = "新能源汽车" }),
            ["pairingPartners"] = new JsonArray("370831"),
        }, ct);

        response.EnsureSuccessStatusCode();
        var after = await _client.GetFromJsonAsync<JsonObject>("/api/counties/370830", ct);
        Assert.Equal(before!["version"]!.GetValue<long>() + 1, after!["version"]!.GetValue<long>());
        Assert.Equal(2500m, after["quotas"]!["landMu"]!["value"]!.GetValue<decimal>());
        Assert.Equal("county", after["quotas"]!["landMu"]!["source"]!.GetValue<string>());
        // Left out of the edit, so unchanged.
        Assert.Equal(before["quotas"]!["energyTce"]!.ToJsonString(), after["quotas"]!["energyTce"]!.ToJsonString());
        var featured = Assert.Single(after["featuredIndustries"]!.AsArray());
        Assert.Equal("新能源车整车制造", featured!["name"]!.GetValue<string>());
        Assert.Equal("370831", after["pairingPartners"]![0]!["adcode"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadProfiles => new()
    {
        { """{"landQuotaMu": -1}""", "landQuotaMu" },
        { """{"energyTce": 1, "energyQuotaTce": 1e12}""", "energyQuotaTce" },
        { """{"featuredIndustries": [{"code": "9999"}]}""", "featuredIndustries[0].code" },
        { """{"featuredIndustries": [{"code": "3612", "strength": 9}]}""", "featuredIndustries[0].strength" },
        { """{"pairingPartners": ["370725"]}""", "pairingPartners[0]" },
        { """{"pairingPartners": ["999999"]}""", "pairingPartners[0]" },
        { """{"landQuotaMu": "lots"}""", "landQuotaMu" },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public async Task Bad_profile_edits_are_400_and_change_nothing(string body, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await _client.GetStringAsync("/api/counties/370725", ct);

        var response = await app.County("370725").PutAsync("/api/counties/370725/profile", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);

        await Problems.AssertValidationProblem(response, field);
        Assert.Equal(before, await _client.GetStringAsync("/api/counties/370725", ct));
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await _client.GetAsync("/api/counties/370781", ct);
        var etag = before.Headers.ETag!.Tag;
        await app.County("370781").PutAsJsonAsync("/api/counties/370781/profile", new { energyQuotaTce = 60000 }, ct);

        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/counties/370781/profile") { Content = JsonContent.Create(new { energyQuotaTce = 1 }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await app.County("370781").SendAsync(stale, ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var county = await _client.GetFromJsonAsync<JsonObject>("/api/counties/370781", ct);
        Assert.Equal(60000m, county!["quotas"]!["energyTce"]!["value"]!.GetValue<decimal>());
    }
}
