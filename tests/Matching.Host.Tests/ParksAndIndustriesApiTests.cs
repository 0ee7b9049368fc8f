using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class ParksApiTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();

    [Fact]
    public async Task Every_catalogued_zone_is_listed_placed_or_in_the_holding_list()
    {
        var ct = TestContext.Current.CancellationToken;
        var all = await _client.GetFromJsonAsync<JsonArray>("/api/parks", ct);
        var unplaced = await _client.GetFromJsonAsync<JsonArray>("/api/parks?unplaced=true", ct);

        Assert.Equal(174, all!.Count);
        // 16 zones the catalogue names no county for: on the holding list unless a coordinator has placed one
        // (other tests on this shared host do).
        var placedByCoordinator = all.Count(p => p!["placement"]!.GetValue<string>() == "byCoordinator");
        Assert.Equal(16, unplaced!.Count + placedByCoordinator);
        Assert.All(unplaced, p =>
        {
            Assert.Null(p!["countyAdcode"]);
            Assert.Equal("unplaced", p["placement"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Parks_of_a_county()
    {
        var parks = await _client.GetFromJsonAsync<JsonArray>("/api/parks?county=370112", TestContext.Current.CancellationToken);

        Assert.NotEmpty(parks!);
        Assert.All(parks!, p => Assert.Equal("370112", p!["countyAdcode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_park_has_industries_land_and_labelled_default_benchmarks()
    {
        var park = await _client.GetFromJsonAsync<JsonObject>("/api/parks/G376008", TestContext.Current.CancellationToken);

        Assert.Equal("青岛石老人国家旅游度假区", park!["name"]!.GetValue<string>());
        Assert.Equal("national", park["level"]!.GetValue<string>());
        Assert.Equal("370212", park["county"]!["adcode"]!.GetValue<string>());
        Assert.Equal("旅游、度假、金融、服务", park["mainIndustriesText"]!.GetValue<string>());
        Assert.NotEmpty(park["mainIndustries"]!.AsArray());
        Assert.Equal("default", park["investmentPerMu"]!["source"]!.GetValue<string>());
        Assert.Equal("default", park["availableLandMu"]!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_two_zones_sharing_one_catalogue_code_are_both_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var zichuan = await _client.GetFromJsonAsync<JsonObject>("/api/parks/S377018-370302", ct);
        var linzi = await _client.GetFromJsonAsync<JsonObject>("/api/parks/S377018-370305", ct);

        Assert.Equal("山东淄川经济开发区", zichuan!["name"]!.GetValue<string>());
        Assert.Equal("山东临淄经济开发区", linzi!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_park_is_404_and_unknown_county_filter_is_400()
    {
        var ct = TestContext.Current.CancellationToken;
        await Problems.AssertProblem(await _client.GetAsync("/api/parks/G999999", ct), HttpStatusCode.NotFound);
        await Problems.AssertValidationProblem(await _client.GetAsync("/api/parks?county=12", ct), "county");
    }
}

[Collection(HostCollection.Name)]
public sealed class IndustriesApiTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();

    [Fact]
    public async Task A_class_knows_its_section_division_group_and_path()
    {
        var industry = await _client.GetFromJsonAsync<JsonObject>("/api/industries/3612", TestContext.Current.CancellationToken);

        Assert.Equal("新能源车整车制造", industry!["name"]!.GetValue<string>());
        Assert.Equal("class", industry["level"]!.GetValue<string>());
        Assert.Equal("C", industry["section"]!.GetValue<string>());
        Assert.Equal("36", industry["division"]!.GetValue<string>());
        Assert.Equal("361", industry["group"]!.GetValue<string>());
        Assert.Equal(["C", "36", "361", "3612"], industry["path"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_division_lists_its_groups()
    {
        var industry = await _client.GetFromJsonAsync<JsonObject>("/api/industries/36", TestContext.Current.CancellationToken);

        Assert.Equal("汽车制造业", industry!["name"]!.GetValue<string>());
        Assert.Contains(industry["children"]!.AsArray(), c => c!["code"]!.GetValue<string>() == "361");
    }

    [Theory]
    [InlineData("新能源汽车", "3612")]
    [InlineData("光伏", "3825")]
    [InlineData("锂电池", "3841")]
    [InlineData("汽车整车", "361")]
    [InlineData("3612", "3612")]
    public async Task Search_finds_codes_by_phrase_name_or_code(string q, string expected)
    {
        var result = await _client.GetFromJsonAsync<JsonObject>($"/api/industries?q={Uri.EscapeDataString(q)}", TestContext.Current.CancellationToken);

        Assert.Contains(result!["matches"]!.AsArray(), m => m!["code"]!.GetValue<string>() == expected);
    }

    [Fact]
    public async Task Bad_queries_are_400_and_unknown_codes_404()
    {
        var ct = TestContext.Current.CancellationToken;
        await Problems.AssertValidationProblem(await _client.GetAsync("/api/industries", ct), "q");
        await Problems.AssertValidationProblem(await _client.GetAsync("/api/industries?q=x&limit=0", ct), "limit");
        await Problems.AssertValidationProblem(await _client.GetAsync("/api/industries/36X", ct), "code");
        await Problems.AssertProblem(await _client.GetAsync("/api/industries/3699", ct), HttpStatusCode.NotFound);
    }
}
