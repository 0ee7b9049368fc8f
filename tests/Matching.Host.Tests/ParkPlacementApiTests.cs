using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// A coordinator places a holding-list park into a county through the real host: refused by field, by role, on a stale
/// version and when the park already has a county; once placed it leaves the holding list, joins the county's parks, is audited
/// in both trails, and the very next match counts it in that county.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ParkPlacementApiTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Anqiu = "370784"; // 安丘市: no other host test uses it
    private const string Gaomi = "370785"; // 高密市: no other host test uses it

    internal static async Task<JsonObject> HoldingPark(HttpClient coordinator, string name)
    {
        var rows = (await coordinator.GetFromJsonAsync<JsonArray>($"/api/parks/holding?q={Uri.EscapeDataString(name)}", Ct))!;
        return (JsonObject)rows.Single(r => r!["name"]!.GetValue<string>() == name)!;
    }

    internal static HttpRequestMessage Place(string parkId, object body, long? version)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/parks/{Uri.EscapeDataString(parkId)}/county") { Content = JsonContent.Create(body) };
        if (version is { } v) put.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        return put;
    }

    [Fact]
    public async Task A_coordinator_places_a_holding_list_park_and_the_next_match_counts_it_in_that_county()
    {
        var coordinator = app.Coordinator();
        var row = await HoldingPark(coordinator, "山东潍坊凤凰山高新技术产业园区");
        var id = row["id"]!.GetValue<string>();
        var version = row["version"]!.GetValue<long>();

        // A recognised chemical park with plenty of land (below the 60,000 亩 another test's project asks of every county), still without a county: it qualifies no county yet.
        (await coordinator.PutAsJsonAsync($"/api/parks/{id}/chemical-park", new { recognised = true }, Ct)).EnsureSuccessStatusCode();
        using (var land = new HttpRequestMessage(HttpMethod.Put, $"/api/parks/{id}/land") { Content = JsonContent.Create(new { availableLandMu = 50000 }) })
            (await coordinator.SendAsync(land, Ct)).EnsureSuccessStatusCode();
        version = (await coordinator.GetFromJsonAsync<JsonObject>($"/api/parks/{id}", Ct))!["version"]!.GetValue<long>();

        var officer = app.Officer();
        var (project, _) = await officer.CreateProject(ProjectBodies.Valid("精细化工新材料项目")
            .With("industryCode", "2614").With("industryText", "有机化学原料").With("landMu", 20000).Without("firstContactCounty"));
        var before = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{project}/matches?top=200", Ct))!;
        Assert.Contains(before["excluded"]!.AsArray(), e => e!["county"]!.GetValue<string>() == Anqiu);

        // Refusals, each naming what is wrong, storing nothing.
        await Problems.AssertProblem(await app.County(Anqiu).SendAsync(Place(id, new { county = Anqiu }, version), Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblem(await officer.SendAsync(Place(id, new { county = Anqiu }, version), Ct), HttpStatusCode.Forbidden);
        await Problems.AssertValidationProblem(await coordinator.SendAsync(Place(id, new { }, version), Ct), "county");
        var unknown = await coordinator.SendAsync(Place(id, new { county = "379999" }, version), Ct);
        Assert.Contains("不是山东省现行的县级行政区代码", (await Problems.AssertValidationProblem(unknown, "county"))["errors"]!["county"]![0]!.GetValue<string>());
        await Problems.AssertValidationProblem(await coordinator.SendAsync(Place(id, new { county = "abc" }, version), Ct), "county");
        using (var badIfMatch = Place(id, new { county = Anqiu }, null))
        {
            badIfMatch.Headers.TryAddWithoutValidation("If-Match", "\"x\"");
            await Problems.AssertValidationProblem(await coordinator.SendAsync(badIfMatch, Ct), "If-Match");
        }

        await Problems.AssertProblem(await coordinator.SendAsync(Place(id, new { county = Anqiu }, version - 1), Ct), HttpStatusCode.PreconditionFailed);
        await Problems.AssertProblem(await coordinator.SendAsync(Place("NOPE", new { county = Anqiu }, null), Ct), HttpStatusCode.NotFound);
        Assert.Contains((await coordinator.GetFromJsonAsync<JsonArray>("/api/parks/holding?take=500", Ct))!, r => r!["id"]!.GetValue<string>() == id);

        var placed = await coordinator.SendAsync(Place(id, new { county = Anqiu }, version), Ct);
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync(Ct));
        Assert.Equal($"\"{version + 1}\"", placed.Headers.ETag?.Tag);
        var park = (await placed.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(Anqiu, park["county"]!["adcode"]!.GetValue<string>());
        Assert.Equal("byCoordinator", park["placement"]!.GetValue<string>());
        Assert.Equal("coordinator", park["placed"]!["by"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - park["placed"]!["at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));

        // Off the holding list, on the county's park lists, audited in both trails.
        Assert.DoesNotContain((await coordinator.GetFromJsonAsync<JsonArray>("/api/parks/holding?take=500", Ct))!, r => r!["id"]!.GetValue<string>() == id);
        Assert.DoesNotContain((await officer.GetFromJsonAsync<JsonArray>("/api/parks?unplaced=true", Ct))!, r => r!["id"]!.GetValue<string>() == id);
        Assert.Contains((await officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={Anqiu}", Ct))!, r => r!["id"]!.GetValue<string>() == id);
        Assert.Contains((await officer.GetFromJsonAsync<JsonObject>($"/api/counties/{Anqiu}", Ct))!["parks"]!.AsArray(), p => p!["id"]!.GetValue<string>() == id);
        var parkAudit = (await coordinator.GetFromJsonAsync<JsonObject>($"/api/parks/{id}/land/audit?take=1", Ct))!["entries"]![0]!;
        Assert.Equal("placed", parkAudit["action"]!.GetValue<string>());
        Assert.Contains("安丘市", parkAudit["statement"]!.GetValue<string>());
        var countyAudit = (await coordinator.GetFromJsonAsync<JsonObject>($"/api/counties/{Anqiu}/evidence/audit?take=1", Ct))!["entries"]![0]!;
        Assert.Equal("placed", countyAudit["action"]!.GetValue<string>());
        Assert.Equal("coordinator", countyAudit["actor"]!.GetValue<string>());
        Assert.Contains("凤凰山", countyAudit["statement"]!.GetValue<string>());

        // The next match: the county has a recognised chemical park now, and the placed park is the one with the land.
        var after = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{project}/matches?top=200", Ct))!;
        Assert.DoesNotContain(after["excluded"]!.AsArray(), e => e!["county"]!.GetValue<string>() == Anqiu);
        var match = after["matches"]!.AsArray().Single(m => m!["county"]!.GetValue<string>() == Anqiu)!;
        Assert.Equal(id, match["park"]!["id"]!.GetValue<string>());

        // Placing it again into the same county changes nothing; into another county is a move, which needs a reason.
        var again = await coordinator.SendAsync(Place(id, new { county = Anqiu }, null), Ct);
        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal($"\"{version + 1}\"", again.Headers.ETag?.Tag);
        var elsewhere = await coordinator.SendAsync(Place(id, new { county = Gaomi }, null), Ct);
        Assert.Contains("安丘市", (await Problems.AssertValidationProblem(elsewhere, "reason"))["errors"]!["reason"]![0]!.GetValue<string>());
        Assert.Equal(Anqiu, (await coordinator.GetFromJsonAsync<JsonObject>($"/api/parks/{id}", Ct))!["county"]!["adcode"]!.GetValue<string>());
        Assert.DoesNotContain((await officer.GetFromJsonAsync<JsonObject>($"/api/counties/{Gaomi}", Ct))!["parks"]!.AsArray(), p => p!["id"]!.GetValue<string>() == id);

        // A park the catalogue places is not on the holding list and cannot be moved.
        var seeded = (await officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={Gaomi}", Ct))![0]!;
        var moved = await coordinator.SendAsync(Place(seeded["id"]!.GetValue<string>(), new { county = Anqiu }, null), Ct);
        Assert.Contains("开发区目录", (await Problems.AssertProblem(moved, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_placed_holding_list_park_can_be_offered_in_its_countys_bid_and_awarded_into_and_not_before()
    {
        const string lingcheng = "371403", ningjin = "371422"; // 陵城区, 宁津县: no other host test uses them
        var coordinator = app.Coordinator();
        var id = (await HoldingPark(coordinator, "德州经济技术开发区"))["id"]!.GetValue<string>();
        using (var land = new HttpRequestMessage(HttpMethod.Put, $"/api/parks/{id}/land") { Content = JsonContent.Create(new { availableLandMu = 5000 }) })
            (await coordinator.SendAsync(land, Ct)).EnsureSuccessStatusCode();

        var officer = app.Officer();
        var (project, _) = await officer.CreateProject(ProjectBodies.Valid("德州落位园区承接项目"));
        (await officer.PostAsync($"/api/projects/{project}/publish", null, Ct)).EnsureSuccessStatusCode();
        JsonObject Bid(string county) => new()
        {
            ["county"] = county, ["parkId"] = id, ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
            ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
        };

        // Not yet placed: no county may offer its land.
        var early = await app.County(lingcheng).PostAsJsonAsync($"/api/projects/{project}/bids", Bid(lingcheng), Ct);
        Assert.Contains("待定位", (await Problems.AssertValidationProblem(early, "parkId"))["errors"]!["parkId"]![0]!.GetValue<string>());

        (await coordinator.SendAsync(Place(id, new { county = lingcheng }, null), Ct)).EnsureSuccessStatusCode();

        // Placed: its own county's bid offers it, another county's may not.
        var other = await app.County(ningjin).PostAsJsonAsync($"/api/projects/{project}/bids", Bid(ningjin), Ct);
        Assert.Contains("宁津县", (await Problems.AssertValidationProblem(other, "parkId"))["errors"]!["parkId"]![0]!.GetValue<string>());
        var placed = await app.County(lingcheng).PostAsJsonAsync($"/api/projects/{project}/bids", Bid(lingcheng), Ct);
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync(Ct));

        // A decision may award into it now.
        var award = await Decide.OnCurrentVersion(coordinator, project,
            new JsonObject { ["kind"] = "award", ["county"] = lingcheng, ["parkId"] = id, ["reason"] = "园区已落位，供地条件最好" }, Ct);
        Assert.True(award.IsSuccessStatusCode, await award.Content.ReadAsStringAsync(Ct));
        var terms = Assert.Single((await officer.GetFromJsonAsync<JsonArray>($"/api/projects/{project}/decisions", Ct))!)!["terms"]!;
        Assert.Equal(id, terms["parkId"]!.GetValue<string>());
        Assert.Equal("awarded", (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{project}", Ct))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_coordinators_own_figure_setting_carries_who_and_when_on_the_figure()
    {
        const string county = Gaomi;
        var version = (await app.Coordinator().GetFromJsonAsync<JsonObject>($"/api/counties/{county}", Ct))!["version"]!.GetValue<long>();
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/counties/{county}/figures") { Content = JsonContent.Create(new { landQuotaMu = 4321, oldRevolutionaryBase = true }) };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var set = await app.Coordinator().SendAsync(put, Ct);
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync(Ct));

        var after = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{county}", Ct))!;
        var land = after["quotas"]!["landMu"]!;
        Assert.Equal("coordinator", land["source"]!.GetValue<string>());
        Assert.Equal("coordinator", land["check"]!["by"]!.GetValue<string>());
        var at = land["check"]!["at"]!.GetValue<DateTimeOffset>();
        Assert.True(DateTimeOffset.UtcNow - at < TimeSpan.FromMinutes(5));
        Assert.Equal("coordinator", after["flags"]!["oldRevolutionaryBase"]!["check"]!["by"]!.GetValue<string>());
        // A field not sent keeps its standing (no check invented).
        Assert.Null(after["quotas"]!["energyTce"]!["check"]);

        // The same value again keeps the first stamp and audits nothing.
        var total = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{county}/evidence/audit?take=1", Ct))!["total"]!.GetValue<long>();
        using var same = new HttpRequestMessage(HttpMethod.Put, $"/api/counties/{county}/figures") { Content = JsonContent.Create(new { landQuotaMu = 4321 }) };
        (await app.Coordinator().SendAsync(same, Ct)).EnsureSuccessStatusCode();
        var again = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{county}", Ct))!["quotas"]!["landMu"]!["check"]!;
        Assert.Equal(at, again["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(total, (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{county}/evidence/audit?take=1", Ct))!["total"]!.GetValue<long>());
    }
}
