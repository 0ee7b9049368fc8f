using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class BidsApiTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> OpenProject()
    {
        var (id, _) = await _client.CreateProject(ProjectBodies.Valid("意向测试项目").With("landMu", 50));
        (await _client.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<string> ParkOf(string county) =>
        (await _client.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    private async Task<JsonObject> Offer(string county, string? note = null, decimal landPrice = 30, string? commitments = null) => new()
    {
        ["county"] = county,
        ["parkId"] = await ParkOf(county),
        ["landMu"] = 50,
        ["energyTce"] = 2000,
        ["deliveryMonths"] = 12,
        ["landPrice"] = landPrice,
        ["commitments"] = commitments ?? "专班服务，代办审批手续，配套人才公寓",
        ["note"] = note ?? "园区已完成七通一平",
    };

    private async Task<HttpResponseMessage> Bid(Guid project, JsonObject offer, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{project}/bids") { Content = JsonContent.Create(offer) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        // A county bids for itself: the request goes out under the account of the county it names.
        return await app.County(offer["county"]!.GetValue<string>()).SendAsync(request, Ct);
    }

    private async Task<JsonArray> Bids(Guid project) => (await _client.GetFromJsonAsync<JsonArray>($"/api/projects/{project}/bids", Ct))!;

    private async Task<string> Status(Guid project) =>
        (await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{project}", Ct))!["status"]!.GetValue<string>();

    [Fact]
    public async Task Two_live_bids_contest_a_project_and_a_withdrawal_reopens_it()
    {
        var id = await OpenProject();

        var first = await Bid(id, await Offer("370112"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal($"/api/projects/{id}/bids/370112", first.Headers.Location!.OriginalString);
        Assert.Equal("open", await Status(id));

        (await Bid(id, await Offer("370114"))).EnsureSuccessStatusCode();
        Assert.Equal("contested", await Status(id));
        Assert.Equal(["370112", "370114"], (await Bids(id)).Select(b => b!["county"]!.GetValue<string>()));

        var withdrawn = await app.County("370114").DeleteAsync($"/api/projects/{id}/bids/370114", Ct);
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        Assert.Equal("open", await Status(id));

        var history = (await _client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history", Ct))!.Select(e => e!["kind"]!.GetValue<string>()).ToArray();
        // The contest is routed (escalation rules) as it begins.
        Assert.Equal(["created", "transitioned", "bidPlaced", "bidPlaced", "transitioned", "routed", "bidWithdrawn", "transitioned"], history);
    }

    [Fact]
    public async Task A_county_lists_the_projects_it_bid_on_with_its_bid_and_without_the_investor()
    {
        var kept = await OpenProject();
        var withdrawn = await OpenProject();
        (await Bid(kept, await Offer("370126"))).EnsureSuccessStatusCode();
        (await Bid(withdrawn, await Offer("370126"))).EnsureSuccessStatusCode();
        (await app.County("370126").DeleteAsync($"/api/projects/{withdrawn}/bids/370126", Ct)).EnsureSuccessStatusCode();

        var mine = (await app.County("370126").GetFromJsonAsync<JsonArray>("/api/counties/370126/bids", Ct))!;

        Assert.Equal([withdrawn, kept], mine.Select(r => r!["project"]!["id"]!.GetValue<Guid>()));
        Assert.Null(mine[0]!["bid"]);
        Assert.Equal("370126", mine[1]!["bid"]!["county"]!.GetValue<string>());
        Assert.All(mine, r => Assert.Null(r!["project"]!["investor"]));
        Assert.Empty((await app.County("370124").GetFromJsonAsync<JsonArray>("/api/counties/370124/bids", Ct))!);
    }

    [Fact]
    public async Task A_second_bid_of_a_county_replaces_its_first()
    {
        var id = await OpenProject();
        await Bid(id, await Offer("370112", note: "第一次"));

        (await Bid(id, await Offer("370112", note: "第二次"))).EnsureSuccessStatusCode();

        var bid = Assert.Single(await Bids(id))!;
        Assert.Equal("第二次", bid["note"]!.GetValue<string>());
        Assert.Equal("open", await Status(id));
    }

    [Fact]
    public async Task A_retried_request_with_the_same_idempotency_key_never_makes_a_second_bid()
    {
        var id = await OpenProject();
        var offer = await Offer("370112");

        var first = await Bid(id, offer, key: "retry-1");
        var retry = await Bid(id, offer, key: "retry-1");
        var retryChanged = await Bid(id, await Offer("370112", note: "改了"), key: "retry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var original = (await first.ReadJson()).ToJsonString();
        Assert.Equal(original, (await retry.ReadJson()).ToJsonString());
        // The same key with another body is not a retry: 422, and the first bid stands.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, retryChanged.StatusCode);
        Assert.True((await retryChanged.ReadJson())["errors"]!.AsObject().ContainsKey("Idempotency-Key"));
        Assert.Single(await Bids(id));
        Assert.Equal("园区已完成七通一平", (await Bids(id))[0]!["note"]!.GetValue<string>());
        var placed = (await _client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history", Ct))!.Count(e => e!["kind"]!.GetValue<string>() == "bidPlaced");
        Assert.Equal(1, placed);
    }

    public static TheoryData<string, string, string, string> Violations => new()
    {
        { "note", "落地后给予税收返还", "FC-TAX-REBATE", "tax rebate" },
        { "note", "承诺零 地价供地", "FC-ZERO-LAND-PRICE", "zero land price" },
        { "commitments", "前三年厂房免租", "FC-RENT-FREE", "rent free" },
        { "commitments", "企业须在本地注册并纳入本地统计", "FC-LOCAL-REGISTRATION", "registration condition" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Offers_breaking_a_fair_competition_rule_are_422_naming_the_rule_and_field(string field, string text, string rule, string why)
    {
        var id = await OpenProject();
        var offer = await Offer("370112");
        offer[field] = text;

        var response = await Bid(id, offer);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ReadJson();
        // The rule by its name (from the published rule set); its id is for audits, not for people.
        var rules = (await _client.GetFromJsonAsync<JsonObject>("/api/rules", Ct))!["rules"]!.AsArray();
        var title = rules.Single(r => r!["id"]!.GetValue<string>() == rule)!["title"]!.GetValue<string>();
        Assert.Contains($"「{title}」", problem["detail"]!.GetValue<string>());
        Assert.DoesNotContain(rule, problem["detail"]!.GetValue<string>());
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), why);
        Assert.Empty(await Bids(id));
    }

    [Fact]
    public async Task Land_below_the_county_price_floor_is_422_on_landPrice()
    {
        var id = await OpenProject();

        var response = await Bid(id, await Offer("370112", landPrice: 3));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.ReadJson())["errors"]!.AsObject().ContainsKey("landPrice"));
        Assert.Empty(await Bids(id));
    }

    [Fact]
    public async Task Bids_need_an_open_project_and_sound_numbers()
    {
        var (draft, _) = await _client.CreateProject();
        var open = await OpenProject();
        var withdrawn = await OpenProject();
        (await _client.PostAsync($"/api/projects/{withdrawn}/withdraw", null, Ct)).EnsureSuccessStatusCode();
        var negative = await Offer("370112");
        negative["landMu"] = -5;

        // A draft is not shown to counties at all; a withdrawn project is, but takes no bids.
        await Problems.AssertProblem(await Bid(draft, await Offer("370112")), HttpStatusCode.NotFound);
        await Problems.AssertProblem(await Bid(withdrawn, await Offer("370112")), HttpStatusCode.Conflict);
        await Problems.AssertValidationProblem(await Bid(open, negative), "landMu");
        await Problems.AssertProblem(await Bid(Guid.NewGuid(), await Offer("370112")), HttpStatusCode.NotFound);
        await Problems.AssertProblem(await app.County("370112").DeleteAsync($"/api/projects/{open}/bids/370112", Ct), HttpStatusCode.NotFound);
        Assert.Empty(await Bids(open));
    }

    [Fact]
    public async Task The_rule_set_in_force_is_published()
    {
        var rules = await _client.GetFromJsonAsync<JsonObject>("/api/rules", Ct);

        Assert.False(string.IsNullOrEmpty(rules!["version"]!.GetValue<string>()));
        var ids = rules["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray();
        Assert.Contains("FC-TAX-REBATE", ids);
        Assert.Contains("FC-LAND-PRICE-FLOOR", ids);
    }
}
