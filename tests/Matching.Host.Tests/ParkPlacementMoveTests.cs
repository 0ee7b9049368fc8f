using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// After a coordinator placed a holding-list park: its county declares the park's land and lists it in its quotas; a coordinator
/// moves the placement to another county and undoes it, with a reason, audited on the park and in both counties; refused by field,
/// while the county's land declaration awaits review, while a live bid and then an award hold on to the park (the message says which).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ParkPlacementMoveTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Wulian = "371121"; // 五莲县: no other host test uses it
    private const string Guanxian = "371525"; // 冠县: no other host test uses it

    private static HttpRequestMessage Undo(string parkId, object body)
        => new(HttpMethod.Post, $"/api/parks/{Uri.EscapeDataString(parkId)}/county/undo") { Content = JsonContent.Create(body) };

    private static async Task<JsonObject> LatestAudit(HttpClient client, string path) =>
        (JsonObject)(await client.GetFromJsonAsync<JsonObject>(path + "?take=1", Ct))!["entries"]![0]!;

    private async Task<bool> ListsPark(string county, string id) =>
        (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{county}", Ct))!["parks"]!.AsArray().Any(p => p!["id"]!.GetValue<string>() == id);

    private async Task<JsonArray> LandQuotas(HttpClient client, string county) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/quotas?kind=land&county={county}&take=500", Ct))!;

    [Fact]
    public async Task A_placed_park_belongs_to_its_county_and_a_coordinator_moves_and_undoes_the_placement_only_while_nothing_holds_on_to_it()
    {
        var coordinator = app.Coordinator();
        var id = (await ParkPlacementApiTests.HoldingPark(coordinator, "日照经济技术开发区"))["id"]!.GetValue<string>();
        var wulian = app.County(Wulian);

        // Before the placement no county may declare the park's land.
        await Problems.AssertProblem(await wulian.PutAsJsonAsync($"/api/parks/{id}/land", new { availableLandMu = 3000 }, Ct), HttpStatusCode.Forbidden);
        (await coordinator.SendAsync(ParkPlacementApiTests.Place(id, new { county = Wulian }, null), Ct)).EnsureSuccessStatusCode();

        // Placed: the county declares its land (self-declared), and its quota table lists the park under it.
        var declared = await wulian.PutAsJsonAsync($"/api/parks/{id}/land", new { availableLandMu = 3000 }, Ct);
        Assert.True(declared.IsSuccessStatusCode, await declared.Content.ReadAsStringAsync(Ct));
        Assert.True((await declared.Content.ReadFromJsonAsync<JsonObject>(Ct))!["availableLandMu"]!["selfDeclared"]!.GetValue<bool>());
        Assert.Contains(await LandQuotas(wulian, Wulian), r => r!["parkId"]!.GetValue<string>() == id && r["county"]!.GetValue<string>() == Wulian);
        Assert.Contains(await LandQuotas(coordinator, Wulian), r => r!["parkId"]!.GetValue<string>() == id);
        await Problems.AssertProblem(await app.County(Guanxian).PutAsJsonAsync($"/api/parks/{id}/land", new { availableLandMu = 10 }, Ct), HttpStatusCode.Forbidden);

        // Bad input: each a 400 on reason, nothing changed.
        await Problems.AssertValidationProblem(await coordinator.SendAsync(ParkPlacementApiTests.Place(id, new { county = Guanxian }, null), Ct), "reason");
        await Problems.AssertValidationProblem(await coordinator.SendAsync(ParkPlacementApiTests.Place(id, new { county = Guanxian, reason = "  " }, null), Ct), "reason");
        await Problems.AssertValidationProblem(await coordinator.SendAsync(Undo(id, new { }), Ct), "reason");
        await Problems.AssertValidationProblem(await coordinator.SendAsync(Undo(id, new { reason = new string('长', 501) }), Ct), "reason");
        await Problems.AssertValidationProblem(await coordinator.SendAsync(Undo(id, new { reason = "换行\u0001" }), Ct), "reason");
        await Problems.AssertProblem(await wulian.SendAsync(Undo(id, new { reason = "县自己撤销" }), Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblem(await app.Officer().SendAsync(ParkPlacementApiTests.Place(id, new { county = Guanxian, reason = "招商员" }, null), Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblem(await coordinator.SendAsync(Undo("NOPE", new { reason = "没有这个园区" }), Ct), HttpStatusCode.NotFound);

        // The county's declaration awaits review: no move until a coordinator decides on it.
        var pending = await coordinator.SendAsync(ParkPlacementApiTests.Place(id, new { county = Guanxian, reason = "核实后属于冠县" }, null), Ct);
        Assert.Contains("待核实", (await Problems.AssertProblem(pending, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        (await coordinator.PostAsJsonAsync($"/api/parks/{id}/land/review", new { verified = true }, Ct)).EnsureSuccessStatusCode();

        // A live bid offers the park: refused, naming the bid and its project.
        var officer = app.Officer();
        var (project, _) = await officer.CreateProject(ProjectBodies.Valid("日照落位园区改落位项目"));
        (await officer.PostAsync($"/api/projects/{project}/publish", null, Ct)).EnsureSuccessStatusCode();
        var bid = await wulian.PostAsJsonAsync($"/api/projects/{project}/bids", new JsonObject
        {
            ["county"] = Wulian, ["parkId"] = id, ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
            ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
        }, Ct);
        Assert.True(bid.IsSuccessStatusCode, await bid.Content.ReadAsStringAsync(Ct));
        var version = (await coordinator.GetFromJsonAsync<JsonObject>($"/api/parks/{id}", Ct))!["version"]!.GetValue<long>();
        var byBid = await coordinator.SendAsync(ParkPlacementApiTests.Place(id, new { county = Guanxian, reason = "核实后属于冠县" }, version), Ct);
        var detail = (await Problems.AssertProblem(byBid, HttpStatusCode.Conflict))["detail"]!.GetValue<string>();
        Assert.Contains("意向", detail);
        Assert.Contains("日照落位园区改落位项目", detail);

        // Awarded into it: refused, naming the decision.
        (await Decide.OnCurrentVersion(coordinator, project,
            new JsonObject { ["kind"] = "award", ["county"] = Wulian, ["parkId"] = id, ["reason"] = "供地条件最好" }, Ct)).EnsureSuccessStatusCode();
        var byAward = await coordinator.SendAsync(Undo(id, new { reason = "落位有误" }), Ct);
        Assert.Contains("统筹决定", (await Problems.AssertProblem(byAward, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        Assert.Equal(Wulian, (await coordinator.GetFromJsonAsync<JsonObject>($"/api/parks/{id}", Ct))!["county"]!["adcode"]!.GetValue<string>());
        Assert.True(await ListsPark(Wulian, id));

        // The project withdrawn (its land released): the move goes through, a stale version first refused.
        (await officer.PostAsJsonAsync($"/api/projects/{project}/withdraw", new { reason = "投资方暂缓" }, Ct)).EnsureSuccessStatusCode();
        await Problems.AssertProblem(await coordinator.SendAsync(ParkPlacementApiTests.Place(id, new { county = Guanxian, reason = "核实后属于冠县" }, version - 1), Ct), HttpStatusCode.PreconditionFailed);
        var moved = await coordinator.SendAsync(ParkPlacementApiTests.Place(id, new { county = Guanxian, reason = "核实后属于冠县" }, null), Ct);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync(Ct));
        var park = (await moved.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(Guanxian, park["county"]!["adcode"]!.GetValue<string>());
        Assert.Equal(Guanxian, park["placed"]!["countyAdcode"]!.GetValue<string>());

        // Both counties' lists, quotas and trails, and the park's trail: who, from, to, why.
        Assert.False(await ListsPark(Wulian, id));
        Assert.True(await ListsPark(Guanxian, id));
        Assert.DoesNotContain(await LandQuotas(coordinator, Wulian), r => r!["parkId"]!.GetValue<string>() == id);
        Assert.Contains(await LandQuotas(coordinator, Guanxian), r => r!["parkId"]!.GetValue<string>() == id);
        var parkLine = await LatestAudit(coordinator, $"/api/parks/{id}/land/audit");
        Assert.Equal("moved", parkLine["action"]!.GetValue<string>());
        Assert.Equal("coordinator", parkLine["actor"]!.GetValue<string>());
        Assert.Contains("五莲县 → 冠县", parkLine["statement"]!.GetValue<string>());
        Assert.Contains("核实后属于冠县", parkLine["statement"]!.GetValue<string>());
        Assert.Equal("moved", (await LatestAudit(coordinator, $"/api/counties/{Wulian}/evidence/audit"))["action"]!.GetValue<string>());
        Assert.Equal("placed", (await LatestAudit(coordinator, $"/api/counties/{Guanxian}/evidence/audit"))["action"]!.GetValue<string>());
        await Problems.AssertProblem(await wulian.PutAsJsonAsync($"/api/parks/{id}/land", new { availableLandMu = 10 }, Ct), HttpStatusCode.Forbidden);

        // Undone: back on the holding list, in no county; undoing again is a conflict.
        var undone = await coordinator.SendAsync(Undo(id, new { reason = "所在县待重新核实" }), Ct);
        Assert.True(undone.IsSuccessStatusCode, await undone.Content.ReadAsStringAsync(Ct));
        Assert.Null((await undone.Content.ReadFromJsonAsync<JsonObject>(Ct))!["county"]);
        Assert.Contains((await coordinator.GetFromJsonAsync<JsonArray>("/api/parks/holding?take=500", Ct))!, r => r!["id"]!.GetValue<string>() == id);
        Assert.False(await ListsPark(Guanxian, id));
        Assert.Contains("待落位园区", (await LatestAudit(coordinator, $"/api/parks/{id}/land/audit"))["statement"]!.GetValue<string>());
        Assert.Contains("尚未落位", (await Problems.AssertProblem(await coordinator.SendAsync(Undo(id, new { reason = "再撤一次" }), Ct), HttpStatusCode.Conflict))["detail"]!.GetValue<string>());

        // A park the catalogue places cannot be undone.
        var seeded = (await officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={Wulian}", Ct))![0]!["id"]!.GetValue<string>();
        Assert.Contains("开发区目录", (await Problems.AssertProblem(await coordinator.SendAsync(Undo(seeded, new { reason = "试试" }), Ct), HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
    }
}
