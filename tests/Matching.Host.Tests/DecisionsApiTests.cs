using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class DecisionsApiTests(MatchingApplication app)
{
    private readonly HttpClient _client = app.Officer();
    private readonly HttpClient _coordinator = app.Coordinator();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Id, string Park)> ContestedProject(string lead, string other)
    {
        var (id, _) = await _client.CreateProject(ProjectBodies.Valid("统筹测试项目").With("landMu", 40).With("energyTce", 300));
        (await _client.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        string park = "";
        foreach (var county in new[] { lead, other })
        {
            park = (await _client.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();
            var bid = new JsonObject
            {
                ["county"] = county, ["parkId"] = park, ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
                ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
            };
            (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", bid, Ct)).EnsureSuccessStatusCode();
        }

        var leadPark = (await _client.GetFromJsonAsync<JsonArray>($"/api/parks?county={lead}", Ct))![0]!["id"]!.GetValue<string>();
        return (id, leadPark);
    }

    private async Task<long> Version(Guid id) => (await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();

    [Fact]
    public async Task A_coordinator_sees_the_contest_and_awards_it_reserving_the_quota()
    {
        var (id, park) = await ContestedProject("370102", "370105");

        var contests = await Polling.Eventually(
            () => _coordinator.GetFromJsonAsync<JsonArray>("/api/contests", Ct)!,
            c => c!.Any(x => x!["project"]!["id"]!.GetValue<Guid>() == id));
        var contest = contests!.Single(c => c!["project"]!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(["370102", "370105"], contest["bids"]!.AsArray().Select(b => b!["bid"]!["county"]!.GetValue<string>()));

        var decided = await Decide.OnCurrentVersion(_coordinator, id, new JsonObject
        {
            ["kind"] = "award", ["county"] = "370102", ["parkId"] = park, ["reason"] = "产业基础最好",
        }, Ct);

        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync(Ct));
        Assert.Equal("awarded", (await decided.ReadJson())["status"]!.GetValue<string>());
        var quota = await _client.GetFromJsonAsync<JsonObject>("/api/counties/370102/quota", Ct);
        Assert.Equal(300m, quota!["energyTce"]!["byProject"]![id.ToString()]!.GetValue<decimal>());
        Assert.Contains(quota["landMu"]!.AsArray(), p => p!["byProject"]![id.ToString()]?.GetValue<decimal>() == 40m);
        var decisions = await _client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct);
        var decision = Assert.Single(decisions!)!;
        Assert.Equal("产业基础最好", decision["terms"]!["reason"]!.GetValue<string>());
        Assert.Equal(2, decision["saw"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_province_overview_places_open_projects_at_first_contact_and_awards_where_they_landed()
    {
        var (id, park) = await ContestedProject("370102", "370105");
        var (open, _) = await _client.CreateProject(ProjectBodies.Valid("概览在谈项目").With("firstContactCounty", "370883"));
        (await _client.PostAsync($"/api/projects/{open}/publish", null, Ct)).EnsureSuccessStatusCode();
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = "370105", ["parkId"] = (await _client.GetFromJsonAsync<JsonArray>("/api/parks?county=370105", Ct))![0]!["id"]!.GetValue<string>(),
            ["reason"] = "配套更优", ["expectedVersion"] = await Version(id),
        }, Ct)).EnsureSuccessStatusCode();

        var overview = await Polling.Eventually(
            () => _coordinator.GetFromJsonAsync<JsonObject>("/api/overview", Ct)!,
            o => o!["settled"]!.AsArray().Any(p => p!["id"]!.GetValue<Guid>() == id) && o["open"]!.AsArray().Any(p => p!["id"]!.GetValue<Guid>() == open));

        var settled = overview!["settled"]!.AsArray().Single(p => p!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(["370105"], settled["counties"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("awarded", settled["status"]!.GetValue<string>());
        var talked = overview["open"]!.AsArray().Single(p => p!["id"]!.GetValue<Guid>() == open)!;
        Assert.Equal(["370883"], talked["counties"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.DoesNotContain(overview["open"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == id);
        Assert.True(overview["totals"]!["awarded"]!.GetValue<long>() >= 1);
    }

    [Fact]
    public async Task A_stale_decision_is_409_and_changes_nothing()
    {
        var (id, park) = await ContestedProject("370102", "370105");
        var version = await Version(id);
        (await app.County("370105").DeleteAsync($"/api/projects/{id}/bids/370105", Ct)).EnsureSuccessStatusCode();

        var response = await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = "370102", ["parkId"] = park, ["reason"] = "基于旧版本", ["expectedVersion"] = version,
        }, Ct);

        await Problems.AssertProblem(response, HttpStatusCode.Conflict);
        Assert.Equal("open", (await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["status"]!.GetValue<string>());
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct))!);
    }

    public static TheoryData<string, string> BadDecisions => new()
    {
        { """{"county":"370102","reason":"x","expectedVersion":1}""", "kind" },
        { """{"kind":"award","county":"370102","parkId":"G999999","reason":"x","expectedVersion":1}""", "parkId" },
        { """{"kind":"cobuild","county":"370102","parkId":"G372024","shares":[{"county":"370102","percent":70},{"county":"370105","percent":20}],"years":5,"reason":"x","expectedVersion":1}""", "shares" },
        { """{"kind":"cobuild","county":"370102","parkId":"G372024","shares":[{"county":"370102","percent":70},{"county":"370105","percent":30}],"years":0,"reason":"x","expectedVersion":1}""", "years" },
        { """{"kind":"reopen","reason":"","expectedVersion":1}""", "reason" },
        { """{"kind":"award","county":"370102","parkId":"G372024","reason":"x"}""", "expectedVersion" },
        { """{"kind":"bribe","reason":"x","expectedVersion":1}""", "kind" },
        { """{"kind":"reopen,reject","reason":"x","expectedVersion":1}""", "kind" },
        { """{"kind":"reopen","reason":"理由\u001b[0m","expectedVersion":1}""", "reason" },
        // The project has no bids: an award names a bidder or says it assigns one that did not bid.
        { """{"kind":"award","county":"370102","parkId":"G372024","reason":"x","expectedVersion":1}""", "county" },
        { """{"kind":"cobuild","county":"370102","parkId":"G372024","shares":[{"county":"370102","percent":70},{"county":"370105","percent":30}],"years":5,"reason":"x","expectedVersion":1}""", "shares[1].county" },
        // The park lies in the awarded county: not in another prefecture, not in the holding list.
        { """{"kind":"award","county":"370102","parkId":"G376008","reason":"x","expectedVersion":1,"assignsNonBidder":true}""", "parkId" },
        { """{"kind":"award","county":"370102","parkId":"S377001","reason":"x","expectedVersion":1,"assignsNonBidder":true}""", "parkId" },
    };

    [Fact]
    public async Task An_award_to_a_county_that_did_not_bid_is_made_only_when_the_decision_says_so()
    {
        var (id, _) = await ContestedProject("370102", "370105");
        var park = (await _client.GetFromJsonAsync<JsonArray>("/api/parks?county=370112", Ct))![0]!["id"]!.GetValue<string>();
        JsonObject Award(bool? nonBidder) => new()
        {
            ["kind"] = "award", ["county"] = "370112", ["parkId"] = park, ["reason"] = "省级统筹指定", ["assignsNonBidder"] = nonBidder,
        };

        var refused = await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", Award(null).With("expectedVersion", await Version(id)), Ct);
        await Problems.AssertValidationProblem(refused, "county");
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct))!);

        var assigned = await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", Award(true).With("expectedVersion", await Version(id)), Ct);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal("awarded", (await assigned.ReadJson())["status"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(BadDecisions))]
    public async Task Bad_decisions_are_400_naming_the_field(string body, string field)
    {
        var (id, _) = await _client.CreateProject();

        var response = await _coordinator.PostAsync($"/api/projects/{id}/decision", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await Problems.AssertValidationProblem(response, field);
    }
}
