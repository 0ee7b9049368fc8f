using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// Joint bids (联合招商) through the real host: a lead county with neighbour or paired partners and shares,
/// counted only once every partner confirmed, each party screened by the firewall, a winning one decided
/// as a co-build with its shares; pairings edited by a provincial coordinator.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class JointBidsTests(MatchingApplication app)
{
    // 任城区 leads; 兖州区 and 微山县 are its neighbours; 利津县 (东营) is neither, until paired.
    private const string Lead = "370811", Yanzhou = "370812", Weishan = "370826", Lijin = "370522";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonObject> Offer() => new()
    {
        ["parkId"] = await ContestRoutingTests.ParkOf(app.Officer(), Lead), ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
        ["landPrice"] = 25, ["commitments"] = "两县联合组建专班服务", ["note"] = "",
    };

    private async Task<HttpResponseMessage> Propose(Guid id, params (string County, int Percent)[] partners) =>
        await app.County(Lead).PostAsJsonAsync($"/api/projects/{id}/joint-bids", new JsonObject
        {
            ["bid"] = await Offer(), ["leadPercent"] = 100 - partners.Sum(p => p.Percent),
            ["partners"] = new JsonArray([.. partners.Select(p => (JsonNode)new JsonObject { ["county"] = p.County, ["percent"] = p.Percent })]),
        }, Ct);

    private Task<HttpResponseMessage> Confirm(Guid id, string partner, string commitments) =>
        app.County(partner).PostAsJsonAsync($"/api/projects/{id}/joint-bids/{Lead}/confirm", new JsonObject { ["commitments"] = commitments, ["note"] = "" }, Ct);

    private async Task<string[]> LiveBidders(Guid id) =>
        [.. (await app.Officer().GetFromJsonAsync<JsonArray>($"/api/projects/{id}/bids", Ct))!.Select(b => b!["county"]!.GetValue<string>())];

    [Fact]
    public async Task A_joint_bid_counts_only_once_every_partner_confirmed_and_a_partners_banned_phrase_refuses_it()
    {
        var id = await ContestRoutingTests.Published(app.Officer(), "联合招商项目");
        Assert.Equal(HttpStatusCode.Created, (await Propose(id, (Yanzhou, 30), (Weishan, 20))).StatusCode);
        Assert.Empty(await LiveBidders(id));

        // 兖州 offers a tax rebate: refused by rule, and the joint bid still does not count.
        var refused = await Problems.AssertProblem(await Confirm(id, Yanzhou, "兖州区承诺给予税收返还"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("兖州区的内容不符合公平竞争审查规则：FC-TAX-REBATE", refused["detail"]!.GetValue<string>());
        Assert.True(refused["errors"]!.AsObject().ContainsKey("commitments"));

        var first = await (await Confirm(id, Yanzhou, "兖州区提供配套用工培训")).ReadJson();
        Assert.Equal([Weishan], first["awaiting"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.False(first["counts"]!.GetValue<bool>());
        Assert.Empty(await LiveBidders(id));

        var last = await Confirm(id, Weishan, "微山县提供物流通道");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.True((await last.ReadJson())["counts"]!.GetValue<bool>());
        Assert.Equal([Lead], await LiveBidders(id));

        // A county that is not invited cannot confirm; the parties see the joint bid, another county does not.
        await Problems.AssertProblem(await Confirm(id, "370102", "济南参与"), HttpStatusCode.NotFound);
        var seen = (await app.County(Weishan).GetFromJsonAsync<JsonArray>($"/api/projects/{id}/joint-bids", Ct))!;
        Assert.Equal([50m, 30m, 20m], seen.Single()!["shares"]!.AsArray().Select(s => s!["percent"]!.GetValue<decimal>()));
        Assert.Empty((await app.County("370102").GetFromJsonAsync<JsonArray>($"/api/projects/{id}/joint-bids", Ct))!);
    }

    [Fact]
    public async Task A_winning_joint_bid_becomes_a_co_build_with_its_shares()
    {
        var id = await ContestRoutingTests.Published(app.Officer(), "联合招商共建项目");
        (await Propose(id, (Yanzhou, 40))).EnsureSuccessStatusCode();
        (await Confirm(id, Yanzhou, "兖州区提供配套用工培训")).EnsureSuccessStatusCode();
        await ContestRoutingTests.Bid(app, id, "370883");
        var version = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();

        // The contest is 济宁's (every bidder is in it), so its coordinator decides; it awards the joint bid's lead.
        var decided = await app.ClientAs("city-3708").PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = Lead, ["parkId"] = await ContestRoutingTests.ParkOf(app.Officer(), Lead), ["reason"] = "联合招商方案最优", ["expectedVersion"] = version,
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("coBuilt", (await decided.ReadJson())["status"]!.GetValue<string>());
        var terms = (await app.Officer().GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct))!.Single()!["terms"]!;
        Assert.Equal("cobuild", terms["kind"]!.GetValue<string>());
        Assert.Equal([(Lead, 60m), (Yanzhou, 40m)], terms["shares"]!.AsArray().Select(s => (s!["county"]!.GetValue<string>(), s["percent"]!.GetValue<decimal>())));
        // The co-build drafts its agreement with the joint bid's parties and shares.
        var agreement = (await app.County(Yanzhou).GetFromJsonAsync<JsonObject>($"/api/projects/{id}/agreement", Ct))!;
        Assert.Equal(("draft", "custom"), (agreement["status"]!.GetValue<string>(), agreement["template"]!.GetValue<string>()));
        Assert.Equal([(Lead, 60m), (Yanzhou, 40m)], agreement["shares"]!.AsArray().Select(s => (s!["county"]!.GetValue<string>(), s["percent"]!.GetValue<decimal>())));
    }

    [Fact]
    public async Task Partners_are_neighbours_or_pairing_partners_that_a_provincial_coordinator_records()
    {
        var id = await ContestRoutingTests.Published(app.Officer(), "结对联合招商项目");
        await Problems.AssertValidationProblem(await Propose(id, (Lijin, 30)), "partners[0].county");

        var pairing = new JsonObject
        {
            ["kind"] = "strongWeak", ["counties"] = new JsonArray(Lead, Lijin), ["reason"] = "产业互补、园区共建", ["notice"] = "鲁发改区域〔2026〕1号（测试）",
        };
        await Problems.AssertProblem(await app.County(Lead).PostAsJsonAsync("/api/pairings", pairing, Ct), HttpStatusCode.Forbidden);
        await Problems.AssertValidationProblem(await app.Coordinator().PostAsJsonAsync("/api/pairings", pairing.DeepClone().AsObject().With("notice", ""), Ct), "notice");
        var added = await app.Coordinator().PostAsJsonAsync("/api/pairings", pairing, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var stored = await added.ReadJson();
        Assert.Equal("coordinator", stored["editedBy"]!.GetValue<string>());

        var options = (await app.County(Lead).GetFromJsonAsync<JsonArray>($"/api/counties/{Lead}/joint-partners", Ct))!;
        var lijin = options.Single(o => o!["county"]!.GetValue<string>() == Lijin)!;
        Assert.False(lijin["neighbour"]!.GetValue<bool>());
        Assert.Contains("强弱县结对", lijin["pairings"]![0]!.GetValue<string>());
        Assert.Contains(options, o => o!["county"]!.GetValue<string>() == Yanzhou && o["neighbour"]!.GetValue<bool>());
        // The balance factor reads the counties' pairing partners: the pairing is there now.
        var county = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{Lijin}", Ct))!;
        Assert.Contains(county["pairingPartners"]!.AsArray(), p => p!["adcode"]!.GetValue<string>() == Lead);
        Assert.Equal(HttpStatusCode.Created, (await Propose(id, (Lijin, 30))).StatusCode);

        var pairingId = stored["id"]!.GetValue<string>();
        await Problems.AssertValidationProblem(await app.Coordinator().PostAsJsonAsync($"/api/pairings/{pairingId}/end", new JsonObject { ["reason"] = "结对期满" }, Ct), "notice");
        var ended = await app.Coordinator().PostAsJsonAsync($"/api/pairings/{pairingId}/end",
            new JsonObject { ["reason"] = "结对期满", ["notice"] = "鲁发改区域〔2027〕2号（测试）" }, Ct);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("ended", (await ended.ReadJson())["change"]!.GetValue<string>());
        Assert.DoesNotContain((await app.County(Lead).GetFromJsonAsync<JsonArray>($"/api/counties/{Lead}/joint-partners", Ct))!, o => o!["county"]!.GetValue<string>() == Lijin);
    }

    [Fact]
    public async Task Pairing_edits_keep_every_earlier_version_as_a_row_read_with_paging()
    {
        // 单县 and 鄄城县: paired by no other test.
        var pairing = new JsonObject
        {
            ["kind"] = "strongWeak", ["counties"] = new JsonArray("371722", "371726"), ["reason"] = "产业梯度转移", ["notice"] = "鲁发改区域〔2026〕3号（测试）",
        };
        var id = (await (await app.Coordinator().PostAsJsonAsync("/api/pairings", pairing, Ct)).ReadJson())["id"]!.GetValue<string>();
        var changed = await app.Coordinator().PutAsJsonAsync($"/api/pairings/{id}", pairing.DeepClone().AsObject().With("reason", "产业梯度转移与园区共建"), Ct);
        Assert.Equal(2, (await changed.ReadJson())["version"]!.GetValue<long>());
        await Problems.AssertProblem(await app.County("371722").PostAsJsonAsync($"/api/pairings/{id}/end", new JsonObject { ["reason"] = "自行终止", ["notice"] = "无" }, Ct), HttpStatusCode.Forbidden);
        (await app.Coordinator().PostAsJsonAsync($"/api/pairings/{id}/end", new JsonObject { ["reason"] = "并入市级协作", ["notice"] = "鲁发改区域〔2027〕4号（测试）" }, Ct)).EnsureSuccessStatusCode();
        Assert.DoesNotContain((await app.Officer().GetFromJsonAsync<JsonArray>("/api/pairings", Ct))!, p => p!["id"]!.GetValue<string>() == id);
        await Problems.AssertProblem(await app.Coordinator().PostAsJsonAsync($"/api/pairings/{id}/end", new JsonObject { ["reason"] = "再次", ["notice"] = "无" }, Ct), HttpStatusCode.NotFound);

        // Newest first; every version as it was, the end with its own reason and notice.
        var all = await app.Officer().GetAsync($"/api/pairings/{id}/versions", Ct);
        Assert.Equal("3", all.Headers.GetValues("X-Total-Count").Single());
        var versions = (await all.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
        Assert.Equal(["ended", "changed", "added"], versions.Select(v => v!["change"]!.GetValue<string>()));
        Assert.Equal([3L, 2L, 1L], versions.Select(v => v!["version"]!.GetValue<long>()));
        Assert.Equal("产业梯度转移", versions[2]!["reason"]!.GetValue<string>());
        Assert.Equal("产业梯度转移与园区共建", versions[1]!["reason"]!.GetValue<string>());
        Assert.Equal("鲁发改区域〔2027〕4号（测试）", versions[0]!["notice"]!.GetValue<string>());
        Assert.All(versions, v => Assert.Equal("coordinator", v!["by"]!.GetValue<string>()));

        var page = (await app.Officer().GetFromJsonAsync<JsonArray>($"/api/pairings/{id}/versions?skip=1&take=1", Ct))!;
        Assert.Equal("changed", Assert.Single(page)!["change"]!.GetValue<string>());
        Assert.Contains((await app.Officer().GetFromJsonAsync<JsonArray>("/api/pairings/versions?take=500", Ct))!, v => v!["pairingId"]!.GetValue<string>() == id);
        await Problems.AssertValidationProblem(await app.Officer().GetAsync($"/api/pairings/{id}/versions?take=0", Ct), "take");
        await Problems.AssertProblem(await app.Officer().GetAsync("/api/pairings/nosuch/versions", Ct), HttpStatusCode.NotFound);
        // The counties' pairing partners followed the end.
        Assert.DoesNotContain((await app.Officer().GetFromJsonAsync<JsonObject>("/api/counties/371722", Ct))!["pairingPartners"]!.AsArray(), p => p!["adcode"]!.GetValue<string>() == "371726");
    }
}
