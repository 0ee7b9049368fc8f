using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts.Live;
using Matching.Domain.Access;

namespace Matching.Host.Tests;

/// <summary>
/// Contests routed by the escalation rules (seeds/rules/escalation.json) through the real host: the level
/// that decides, the rule recorded in the history, who may decide, the province's takeover, live events.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ContestRoutingTests(MatchingApplication app)
{
    private const string Jining = "370800", Jinan = "370100";
    private const string Rencheng = "370811", Yanzhou = "370812", Qufu = "370881", Lixia = "370102";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Officer => app.Officer();
    private HttpClient JiningCoordinator => app.ClientAs(SeededAccounts.PrefectureUser(Jining));
    private HttpClient JinanCoordinator => app.ClientAs(SeededAccounts.PrefectureUser(Jinan));

    /// <summary>A published project under every size threshold unless the body says otherwise.</summary>
    internal static async Task<Guid> Published(HttpClient officer, string title, Func<JsonObject, JsonObject>? shape = null)
    {
        // First contact in 济宁 (任城区): a first-contact county's prefecture is concerned by the contest too.
        var body = ProjectBodies.Valid(title).With("investment", 50000).With("landMu", 40).With("energyTce", 300).With("firstContactCounty", Rencheng);
        var (id, _) = await officer.CreateProject(shape is null ? body : shape(body));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    internal static async Task<string> ParkOf(HttpClient client, string county) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    internal static async Task Bid(MatchingApplication app, Guid id, string county)
    {
        var bid = new JsonObject
        {
            ["county"] = county, ["parkId"] = await ParkOf(app.Officer(), county), ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
            ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
        };
        (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", bid, Ct)).EnsureSuccessStatusCode();
    }

    private async Task<Guid> Contest(string title, string[] counties, Func<JsonObject, JsonObject>? shape = null)
    {
        var id = await Published(Officer, title, shape);
        foreach (var county in counties) await Bid(app, id, county);
        return id;
    }

    private async Task<JsonObject> RouteOf(Guid id, HttpClient? client = null) =>
        (await (client ?? Officer).GetFromJsonAsync<JsonObject>($"/api/projects/{id}/route", Ct))!;

    private async Task<string[]> RoutingNotes(Guid id) =>
        [.. (await Officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history?take=100", Ct))!
            .Where(e => e!["kind"]!.GetValue<string>() == "routed").Select(e => e!["note"]!.GetValue<string>())];

    private async Task<long> VersionOf(Guid id) => (await Officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();

    private async Task<HttpResponseMessage> Award(HttpClient client, Guid id, string county) =>
        await client.PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = county, ["parkId"] = await ParkOf(Officer, county), ["reason"] = "产业基础最好", ["expectedVersion"] = await VersionOf(id),
        }, Ct);

    [Fact]
    public async Task Bidders_all_in_one_prefecture_send_the_contest_to_that_prefecture_which_decides_it()
    {
        var id = await Contest("同市竞争项目", [Rencheng, Yanzhou]);

        var route = await RouteOf(id);
        Assert.Equal("prefecture", route["level"]!.GetValue<string>());
        Assert.Equal(Jining, route["prefecture"]!.GetValue<string>());
        Assert.Equal("ESC-SAME-PREFECTURE", route["ruleId"]!.GetValue<string>());
        var summary = route["summary"]!.GetValue<string>();
        Assert.StartsWith("意向县均属济宁市，由济宁市统筹；", summary);
        Assert.Contains("投资超过 10 亿元", summary);
        Assert.Contains("15 日内未决定将上报省级", summary);
        Assert.Equal([$"ESC-SAME-PREFECTURE：{summary}"], await RoutingNotes(id));

        // 济宁's board shows it with its route; 济南's does not.
        var board = await Polling.Eventually(() => JiningCoordinator.GetFromJsonAsync<JsonArray>("/api/contests", Ct)!,
            c => c!.Any(x => x!["project"]!["id"]!.GetValue<Guid>() == id));
        Assert.Equal(summary, board!.Single(x => x!["project"]!["id"]!.GetValue<Guid>() == id)!["route"]!["summary"]!.GetValue<string>());
        Assert.DoesNotContain((await JinanCoordinator.GetFromJsonAsync<JsonArray>("/api/contests", Ct))!, x => x!["project"]!["id"]!.GetValue<Guid>() == id);

        var decided = await Award(JiningCoordinator, id, Rencheng);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var decision = Assert.Single((await Officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct))!)!;
        Assert.Equal(SeededAccounts.PrefectureUser(Jining), decision["decidedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bidders_across_prefectures_send_the_contest_to_the_province_and_the_prefecture_is_refused()
    {
        var id = await Contest("跨市竞争项目", [Rencheng, Lixia]);

        var route = await RouteOf(id);
        Assert.Equal("province", route["level"]!.GetValue<string>());
        Assert.Equal("ESC-CROSS-PREFECTURE", route["ruleId"]!.GetValue<string>());
        Assert.Equal("意向县分属济南市、济宁市，由省级统筹", route["summary"]!.GetValue<string>());

        var refused = await Problems.AssertProblem(await Award(JiningCoordinator, id, Rencheng), HttpStatusCode.Forbidden);
        Assert.Contains("无权决定", refused["detail"]!.GetValue<string>());
        Assert.Empty((await Officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct))!);
        Assert.Equal(HttpStatusCode.OK, (await Award(app.Coordinator(), id, Rencheng)).StatusCode);
    }

    [Theory]
    [InlineData("investment", 150000, "投资 15 亿元，超过 10 亿元，由省级统筹")]
    [InlineData("landMu", 600, "用地 500 亩以上，由省级统筹")]
    [InlineData("energyTce", 12000, "年综合能耗 1 万吨标准煤及以上，由省级统筹")]
    [InlineData("highEnergy", 1, "属“两高”项目，由省级统筹")]
    public async Task A_project_above_a_size_threshold_goes_to_the_province_whoever_bids(string field, int value, string summary)
    {
        var id = await Contest("大项目" + field, [Rencheng, Yanzhou],
            body => field == "highEnergy" ? body.With("highEnergy", true) : body.With(field, value));

        var route = await RouteOf(id);
        Assert.Equal("province", route["level"]!.GetValue<string>());
        Assert.Equal("ESC-SIZE", route["ruleId"]!.GetValue<string>());
        Assert.Equal(summary, route["summary"]!.GetValue<string>());
        await Problems.AssertProblem(await Award(JiningCoordinator, id, Rencheng), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_bidder_from_another_prefecture_escalates_the_contest_and_both_prefectures_hear_of_it()
    {
        await using var province = await app.Live(SeededAccounts.Coordinator).StartAsync();
        await using var jining = await app.Live(SeededAccounts.PrefectureUser(Jining)).StartAsync();
        await using var jinan = await app.Live(SeededAccounts.PrefectureUser(Jinan)).StartAsync();
        await using var qingdao = await app.Live(SeededAccounts.PrefectureUser("370200")).StartAsync();

        var id = await Contest("升级竞争项目", [Rencheng, Qufu]);
        Assert.Equal(Jining, (await RouteOf(id))["prefecture"]!.GetValue<string>());
        await Bid(app, id, Lixia);

        var route = await RouteOf(id);
        Assert.Equal("ESC-CROSS-PREFECTURE", route["ruleId"]!.GetValue<string>());
        Assert.Equal(Jining, route["escalatedFrom"]!.GetValue<string>());
        var notes = await RoutingNotes(id);
        Assert.Equal(2, notes.Length);
        Assert.StartsWith("ESC-SAME-PREFECTURE：", notes[0]);
        Assert.StartsWith("ESC-CROSS-PREFECTURE：", notes[1]);

        Assert.Equal(2, (await province.WaitFor(id, LiveEventTypes.ContestRouted, LiveEventTypes.ContestRouted)).Count(t => t == LiveEventTypes.ContestRouted));
        Assert.Equal(2, (await jining.WaitFor(id, LiveEventTypes.ContestRouted, LiveEventTypes.ContestRouted)).Count(t => t == LiveEventTypes.ContestRouted));
        Assert.Equal(1, (await jinan.WaitFor(id, LiveEventTypes.ContestRouted)).Count(t => t == LiveEventTypes.ContestRouted));
        var escalated = jining.Received.Last(m => m.ProjectId == id && m.Type == LiveEventTypes.ContestRouted);
        Assert.Equal("province", escalated.Payload.GetProperty("level").GetString());
        Assert.Equal(Jining, escalated.Payload.GetProperty("escalatedFrom").GetString());
        // Qingdao has no county in it: it hears nothing of the contest.
        Assert.Empty(qingdao.TypesFor(id));
    }

    [Fact]
    public async Task A_prefecture_coordinator_never_decides_outside_its_prefecture()
    {
        var id = await Contest("济宁市级统筹项目", [Rencheng, Yanzhou]);

        // Another prefecture's coordinator: refused, and the contest is not on its board.
        var other = await Problems.AssertProblem(await Award(JinanCoordinator, id, Rencheng), HttpStatusCode.Forbidden);
        Assert.Contains("济南市统筹协调员无权决定", other["detail"]!.GetValue<string>());
        // Its own: not for a county outside the prefecture, even one assigned without a bid.
        var outside = await JiningCoordinator.PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = Lixia, ["parkId"] = await ParkOf(Officer, Lixia), ["reason"] = "指定", ["assignsNonBidder"] = true,
            ["expectedVersion"] = await VersionOf(id),
        }, Ct);
        Assert.Contains("历下区不属于济宁市", (await Problems.AssertProblem(outside, HttpStatusCode.Forbidden))["detail"]!.GetValue<string>());
        // Its counties' work is its to see; another prefecture's is not.
        Assert.Equal(HttpStatusCode.OK, (await JiningCoordinator.GetAsync($"/api/counties/{Rencheng}/quota", Ct)).StatusCode);
        await Problems.AssertProblem(await JiningCoordinator.GetAsync($"/api/counties/{Lixia}/quota", Ct), HttpStatusCode.Forbidden);
        Assert.Empty((await Officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct))!);
    }

    [Fact]
    public async Task A_provincial_coordinator_takes_a_contest_over_from_the_prefecture()
    {
        var id = await Contest("省级接管项目", [Rencheng, Yanzhou]);
        await using var jining = await app.Live(SeededAccounts.PrefectureUser(Jining)).StartAsync();

        await Problems.AssertValidationProblem(
            await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/route/takeover", new JsonObject { ["reason"] = " " }, Ct), "reason");
        await Problems.AssertProblem(
            await JiningCoordinator.PostAsJsonAsync($"/api/projects/{id}/route/takeover", new JsonObject { ["reason"] = "自行接管" }, Ct), HttpStatusCode.Forbidden);
        Assert.Equal("prefecture", (await RouteOf(id))["level"]!.GetValue<string>());

        var taken = await app.Coordinator().PostAsJsonAsync($"/api/projects/{id}/route/takeover", new JsonObject { ["reason"] = "涉及全省产业链布局" }, Ct);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);

        var route = await RouteOf(id);
        Assert.Equal("province", route["level"]!.GetValue<string>());
        Assert.Equal("ESC-TAKEOVER", route["ruleId"]!.GetValue<string>());
        Assert.Equal(SeededAccounts.Coordinator, route["by"]!.GetValue<string>());
        Assert.Equal("ESC-TAKEOVER：省级统筹协调员接管：涉及全省产业链布局", (await RoutingNotes(id))[^1]);
        Assert.Contains(LiveEventTypes.ContestRouted, await jining.WaitFor(id, LiveEventTypes.ContestRouted));
        await Problems.AssertProblem(await Award(JiningCoordinator, id, Rencheng), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await Award(app.Coordinator(), id, Rencheng)).StatusCode);
    }
}
