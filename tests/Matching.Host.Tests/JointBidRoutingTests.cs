using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts.Live;
using Matching.Domain.Access;

namespace Matching.Host.Tests;

/// <summary>
/// Joint bids and the rest of the platform, through the real host and real SignalR clients: a counted joint
/// bid's partners are bidders for routing (a 济南 lead with a 淄博 partner is cross-prefecture), the invited
/// partners hear of a pending joint bid, and the lead of each confirmation and decline.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class JointBidRoutingTests(MatchingApplication app)
{
    // 章丘区 (济南) borders 淄川区 (淄博); 济阳区 is 济南's too. 任城区 leads with its neighbours 兖州区 and 微山县.
    private const string Zhangqiu = "370114", Zichuan = "370302", Jiyang = "370115";
    private const string Rencheng = "370811", Yanzhou = "370812", Weishan = "370826";
    private const string Jinan = "370100", Zibo = "370300";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> Propose(Guid id, string lead, params (string County, int Percent)[] partners) =>
        await app.County(lead).PostAsJsonAsync($"/api/projects/{id}/joint-bids", new JsonObject
        {
            ["bid"] = new JsonObject
            {
                ["parkId"] = await ContestRoutingTests.ParkOf(app.Officer(), lead), ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
                ["landPrice"] = 25, ["commitments"] = "两地联合组建专班服务", ["note"] = "",
            },
            ["leadPercent"] = 100 - partners.Sum(p => p.Percent),
            ["partners"] = new JsonArray([.. partners.Select(p => (JsonNode)new JsonObject { ["county"] = p.County, ["percent"] = p.Percent })]),
        }, Ct);

    private Task<HttpResponseMessage> Confirm(Guid id, string lead, string partner) =>
        app.County(partner).PostAsJsonAsync($"/api/projects/{id}/joint-bids/{lead}/confirm", new JsonObject { ["commitments"] = "提供配套用工培训", ["note"] = "" }, Ct);

    private Task<HttpResponseMessage> Decline(Guid id, string lead, string partner, string reason) =>
        app.County(partner).PostAsJsonAsync($"/api/projects/{id}/joint-bids/{lead}/decline", new JsonObject { ["reason"] = reason }, Ct);

    private async Task<JsonObject> RouteOf(Guid id) => (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{id}/route", Ct))!;

    [Fact]
    public async Task A_joint_bid_with_a_partner_in_another_prefecture_escalates_the_contest_to_the_province()
    {
        await using var zibo = await app.Live(SeededAccounts.PrefectureUser(Zibo)).StartAsync();
        var id = await ContestRoutingTests.Published(app.Officer(), "跨市联合招商项目");
        await ContestRoutingTests.Bid(app, id, Jiyang);
        await ContestRoutingTests.Bid(app, id, Zhangqiu);
        var before = await RouteOf(id);
        Assert.Equal("prefecture", before["level"]!.GetValue<string>());
        Assert.Equal(Jinan, before["prefecture"]!.GetValue<string>());

        // 章丘 replaces its own bid by a joint bid with 淄川: pending, it changes nothing yet.
        Assert.Equal(HttpStatusCode.Created, (await Propose(id, Zhangqiu, (Zichuan, 30))).StatusCode);
        Assert.Equal(Jinan, (await RouteOf(id))["prefecture"]!.GetValue<string>());

        Assert.True((await (await Confirm(id, Zhangqiu, Zichuan)).ReadJson())["counts"]!.GetValue<bool>());
        var route = await RouteOf(id);
        Assert.Equal("province", route["level"]!.GetValue<string>());
        Assert.Equal("ESC-CROSS-PREFECTURE", route["ruleId"]!.GetValue<string>());
        Assert.Equal("意向县分属济南市、淄博市，由省级统筹", route["summary"]!.GetValue<string>());
        Assert.Equal(Jinan, route["escalatedFrom"]!.GetValue<string>());

        // 淄博 has no bidder of its own but a partner in the contest: it hears of the escalation.
        Assert.Contains(LiveEventTypes.ContestRouted, await zibo.WaitFor(id, LiveEventTypes.ContestRouted));
        Assert.Equal("province", zibo.Received.Last(m => m.ProjectId == id && m.Type == LiveEventTypes.ContestRouted).Payload.GetProperty("level").GetString());
        // …and its contest board lists the contest its partner county is in, with who decides it.
        var zibosBoard = app.ClientAs(SeededAccounts.PrefectureUser(Zibo));
        var board = await Polling.Eventually(() => zibosBoard.GetFromJsonAsync<JsonArray>("/api/contests", Ct)!,
            c => c!.Any(x => x!["project"]!["id"]!.GetValue<Guid>() == id));
        var listed = board!.Single(c => c!["project"]!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal("province", listed["route"]!["level"]!.GetValue<string>());
        var refused = await app.ClientAs(SeededAccounts.PrefectureUser(Jinan)).PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "reject", ["reason"] = "市级决定", ["expectedVersion"] = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>(),
        }, Ct);
        await Problems.AssertProblem(refused, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_joint_bid_in_one_prefecture_stays_with_that_prefecture()
    {
        var id = await ContestRoutingTests.Published(app.Officer(), "同市联合招商项目");
        await ContestRoutingTests.Bid(app, id, "370883");
        (await Propose(id, Rencheng, (Yanzhou, 30))).EnsureSuccessStatusCode();
        (await Confirm(id, Rencheng, Yanzhou)).EnsureSuccessStatusCode();

        var route = await RouteOf(id);
        Assert.Equal("prefecture", route["level"]!.GetValue<string>());
        Assert.Equal("370800", route["prefecture"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invited_partners_hear_of_a_pending_joint_bid_and_the_lead_of_each_answer()
    {
        await using var lead = await app.Live(SeededAccounts.CountyUser(Rencheng)).StartAsync();
        await using var yanzhou = await app.Live(SeededAccounts.CountyUser(Yanzhou)).StartAsync();
        await using var weishan = await app.Live(SeededAccounts.CountyUser(Weishan)).StartAsync();
        await using var outsider = await app.Live(SeededAccounts.CountyUser("370883")).StartAsync();
        var id = await ContestRoutingTests.Published(app.Officer(), "联合招商通知项目");

        (await Propose(id, Rencheng, (Yanzhou, 30), (Weishan, 20))).EnsureSuccessStatusCode();
        Assert.Contains(LiveEventTypes.JointBidProposed, await yanzhou.WaitFor(id, LiveEventTypes.JointBidProposed));
        Assert.Contains(LiveEventTypes.JointBidProposed, await weishan.WaitFor(id, LiveEventTypes.JointBidProposed));
        var invitation = weishan.Received.Single(m => m.ProjectId == id && m.Type == LiveEventTypes.JointBidProposed).Payload;
        Assert.Equal(Rencheng, invitation.GetProperty("lead").GetString());
        Assert.Equal("任城区", invitation.GetProperty("leadName").GetString());
        Assert.Equal(20m, invitation.GetProperty("percent").GetDecimal());
        Assert.Equal("联合招商通知项目", invitation.GetProperty("title").GetString());

        (await Confirm(id, Rencheng, Yanzhou)).EnsureSuccessStatusCode();
        Assert.Contains(LiveEventTypes.JointBidAnswered, await lead.WaitFor(id, LiveEventTypes.JointBidAnswered));
        var confirmed = lead.Received.Single(m => m.ProjectId == id && m.Type == LiveEventTypes.JointBidAnswered).Payload;
        Assert.Equal("confirmed", confirmed.GetProperty("answer").GetString());
        Assert.Equal(Yanzhou, confirmed.GetProperty("county").GetString());
        Assert.Equal([Weishan], confirmed.GetProperty("awaiting").EnumerateArray().Select(a => a.GetString()));
        Assert.False(confirmed.GetProperty("counts").GetBoolean());

        // A decline needs a reason; with one it closes the joint bid, and the lead hears why.
        await Problems.AssertValidationProblem(await Decline(id, Rencheng, Weishan, " "), "reason");
        var declined = await Decline(id, Rencheng, Weishan, "本县同类园区承载已满");
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var view = await declined.ReadJson();
        Assert.False(view["counts"]!.GetValue<bool>());
        Assert.Empty(view["awaiting"]!.AsArray());
        Assert.Equal("本县同类园区承载已满", view["declined"]!["reason"]!.GetValue<string>());
        Assert.Equal(2, (await lead.WaitFor(id, LiveEventTypes.JointBidAnswered, LiveEventTypes.JointBidAnswered)).Count(t => t == LiveEventTypes.JointBidAnswered));
        var refusal = lead.Received.Last(m => m.ProjectId == id && m.Type == LiveEventTypes.JointBidAnswered).Payload;
        Assert.Equal("declined", refusal.GetProperty("answer").GetString());
        Assert.Equal("本县同类园区承载已满", refusal.GetProperty("reason").GetString());

        // Closed: a later confirmation is refused and no bid counts; a confirmed partner cannot decline.
        await Problems.AssertProblem(await Confirm(id, Rencheng, Weishan), HttpStatusCode.Conflict);
        await Problems.AssertProblem(await Decline(id, Rencheng, Yanzhou, "改变主意"), HttpStatusCode.Conflict);
        Assert.Empty((await app.Officer().GetFromJsonAsync<JsonArray>($"/api/projects/{id}/bids", Ct))!);

        // Only the parties heard: not a county outside the joint bid, and not the partners of each other's answers.
        Assert.DoesNotContain(outsider.TypesFor(id), t => t.StartsWith("jointBid", StringComparison.Ordinal));
        Assert.DoesNotContain(LiveEventTypes.JointBidAnswered, yanzhou.TypesFor(id));
        Assert.DoesNotContain(LiveEventTypes.JointBidProposed, lead.TypesFor(id));
    }

    [Fact]
    public async Task The_last_confirmation_tells_the_lead_that_the_joint_bid_counts()
    {
        await using var lead = await app.Live(SeededAccounts.CountyUser(Rencheng)).StartAsync();
        var id = await ContestRoutingTests.Published(app.Officer(), "联合招商生效通知项目");
        (await Propose(id, Rencheng, (Weishan, 25))).EnsureSuccessStatusCode();
        (await Confirm(id, Rencheng, Weishan)).EnsureSuccessStatusCode();

        await lead.WaitFor(id, LiveEventTypes.JointBidAnswered);
        var answer = lead.Received.Single(m => m.ProjectId == id && m.Type == LiveEventTypes.JointBidAnswered).Payload;
        Assert.True(answer.GetProperty("counts").GetBoolean());
        Assert.Empty(answer.GetProperty("awaiting").EnumerateArray());
    }
}
