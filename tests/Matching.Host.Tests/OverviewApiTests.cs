using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// The province overview's per-county counts against the projects it places. The counties here (昌邑 370786,
/// 东平 370923, 禹城 371482) are used by no other test of the shared host, so their counts are this test's alone.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OverviewApiTests(MatchingApplication app)
{
    private const string Changyi = "370786", Dongping = "370923", Yucheng = "371482";

    private readonly HttpClient _client = app.Officer();
    private readonly HttpClient _coordinator = app.Coordinator();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_counts_by_county_agree_with_the_projects_placed_there()
    {
        var open = new List<Guid>();
        foreach (var (title, county) in new[] { ("概览计数甲", Changyi), ("概览计数乙", Changyi), ("概览计数丙", Dongping) })
        {
            var (id, _) = await _client.CreateProject(ProjectBodies.Valid(title).With("firstContactCounty", county));
            (await _client.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
            open.Add(id);
        }

        // Co-built by 禹城 (lead) and 东平: one project counted in each of its counties.
        var (cobuilt, _) = await _client.CreateProject(ProjectBodies.Valid("概览共建项目").With("firstContactCounty", Yucheng).With("landMu", 40).With("energyTce", 300));
        (await _client.PostAsync($"/api/projects/{cobuilt}/publish", null, Ct)).EnsureSuccessStatusCode();
        var parks = new Dictionary<string, string>();
        foreach (var county in new[] { Yucheng, Dongping })
        {
            parks[county] = (await _client.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();
            var bid = new JsonObject
            {
                ["county"] = county, ["parkId"] = parks[county], ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
                ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
            };
            using var placed = await app.County(county).PostAsJsonAsync($"/api/projects/{cobuilt}/bids", bid, Ct);
            Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync(Ct));
        }

        using var decided = await Decide.OnCurrentVersion(_coordinator, cobuilt, new JsonObject
        {
            ["kind"] = "cobuild", ["county"] = Yucheng, ["parkId"] = parks[Yucheng],
            ["shares"] = new JsonArray(new JsonObject { ["county"] = Yucheng, ["percent"] = 60 }, new JsonObject { ["county"] = Dongping, ["percent"] = 40 }),
            ["years"] = 5, ["reason"] = "两地优势互补",
        }, Ct);
        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync(Ct));

        var overview = await Polling.Eventually(
            () => _coordinator.GetFromJsonAsync<JsonObject>("/api/overview", Ct)!,
            o => Count(o!["openByCounty"], Changyi) == 2 && Count(o["settledByCounty"], Dongping) == 1);

        Assert.Equal((2L, 1L, 0L), (Count(overview!["openByCounty"], Changyi), Count(overview["openByCounty"], Dongping), Count(overview["openByCounty"], Yucheng)));
        Assert.Equal((1L, 1L, 0L), (Count(overview["settledByCounty"], Yucheng), Count(overview["settledByCounty"], Dongping), Count(overview["settledByCounty"], Changyi)));

        // With this few projects every one is listed, so the lists must place exactly what the counts say.
        foreach (var county in new[] { Changyi, Dongping, Yucheng })
        {
            Assert.Equal(Count(overview["openByCounty"], county), Placed(overview["open"]!, county));
            Assert.Equal(Count(overview["settledByCounty"], county), Placed(overview["settled"]!, county));
        }

        var settled = overview["settled"]!.AsArray().Single(p => p!["id"]!.GetValue<Guid>() == cobuilt)!;
        Assert.Equal([Yucheng, Dongping], settled["counties"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.All(open, id => Assert.Contains(overview["open"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == id));
        Assert.True(overview["totals"]!["coBuilt"]!.GetValue<long>() >= 1);
    }

    private static long Count(JsonNode? byCounty, string county) => byCounty?[county]?.GetValue<long>() ?? 0;

    private static long Placed(JsonNode list, string county) =>
        list.AsArray().Count(p => p!["counties"]!.AsArray().Any(c => c!.GetValue<string>() == county));
}
