using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class AllocationApiTests(MatchingApplication app)
{
    private readonly HttpClient _officer = app.Officer();
    private readonly HttpClient _coordinator = app.Coordinator();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Other tests in the shared host award projects too: a cap this high keeps them from binding here.
    private static JsonObject Request(params (string Key, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["capPerDivision"] = 1000, ["timeLimitSeconds"] = 5 };
        foreach (var (key, value) in fields) body[key] = value;
        return body;
    }

    private async Task<Guid> ContestedProject(string title, params string[] counties)
    {
        var (id, _) = await _officer.CreateProject(ProjectBodies.Valid(title).With("landMu", 30).With("energyTce", 200));
        (await _officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        foreach (var county in counties)
        {
            var park = (await _officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();
            (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", new JsonObject
            {
                ["county"] = county, ["parkId"] = park, ["landMu"] = 30, ["energyTce"] = 200, ["deliveryMonths"] = 12,
                ["landPrice"] = 30, ["commitments"] = "专班服务", ["note"] = "",
            }, Ct)).EnsureSuccessStatusCode();
        }

        // The plan takes its contests from the search index: wait until the index has this one as contested
        // (a what-if naming its counties is refused before, as not part of any contest).
        await Polling.Eventually(() => _coordinator.GetFromJsonAsync<JsonArray>("/api/contests", Ct)!,
            board => board!.Any(c => c!["project"]!["id"]!.GetValue<Guid>() == id));
        return id;
    }

    private async Task<JsonObject> PlanWith(JsonObject body, params Guid[] projects) => (await Polling.Eventually(
        async () =>
        {
            var response = await _coordinator.PostAsJsonAsync("/api/allocation/plan", body, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
            return await response.ReadJson();
        },
        plan => projects.All(id => plan!["suggestions"]!.AsArray().Any(s => s!["projectId"]!.GetValue<Guid>() == id))))!;

    private static JsonObject Suggestion(JsonObject plan, Guid id) =>
        plan["suggestions"]!.AsArray().Single(s => s!["projectId"]!.GetValue<Guid>() == id)!.AsObject();

    [Fact]
    public async Task Applying_a_plan_awards_each_suggestion_on_its_version_and_refuses_the_stale_one_alone()
    {
        var fresh = await ContestedProject("统筹方案项目甲", "370102", "370105");
        var stale = await ContestedProject("统筹方案项目乙", "370112", "370285", "370105");
        var plan = await PlanWith(Request(), fresh, stale);
        Assert.Contains(plan["status"]!.GetValue<string>(), new[] { "optimal", "feasible" });
        var (a, b) = (Suggestion(plan, fresh), Suggestion(plan, stale));
        Assert.NotNull(a["county"]?.GetValue<string>());
        Assert.NotNull(b["county"]?.GetValue<string>());
        Assert.Equal(2, a["bidders"]!.AsArray().Count);

        // A bid withdrawn after the plan makes the second project's version stale.
        var leaving = b["bidders"]!.AsArray().Select(x => x!["county"]!.GetValue<string>()).First(c => c != b["county"]!.GetValue<string>());
        (await app.County(leaving).DeleteAsync($"/api/projects/{stale}/bids/{leaving}", Ct)).EnsureSuccessStatusCode();

        var applied = await _coordinator.PostAsJsonAsync("/api/allocation/apply", new JsonObject
        {
            ["reason"] = "按统筹方案",
            ["suggestions"] = new JsonArray(Pick(a), Pick(b)),
        }, Ct);

        var problem = await Problems.AssertProblem(applied, HttpStatusCode.Conflict);
        Assert.Equal(1, problem["decided"]!.GetValue<int>());
        var outcomes = problem["outcomes"]!.AsArray();
        Assert.Equal((true, 200), (outcomes[0]!["decided"]!.GetValue<bool>(), outcomes[0]!["status"]!.GetValue<int>()));
        Assert.Equal((false, 409), (outcomes[1]!["decided"]!.GetValue<bool>(), outcomes[1]!["status"]!.GetValue<int>()));

        var awarded = (await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{fresh}/decisions", Ct))!;
        Assert.Equal(a["county"]!.GetValue<string>(), Assert.Single(awarded)!["terms"]!["county"]!.GetValue<string>());
        Assert.Equal(a["version"]!.GetValue<long>(), awarded[0]!["terms"]!["expectedVersion"]!.GetValue<long>());
        Assert.Empty((await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{stale}/decisions", Ct))!);
        Assert.Equal("awarded", (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{fresh}", Ct))!["status"]!.GetValue<string>());
        var quota = await _coordinator.GetFromJsonAsync<JsonObject>($"/api/counties/{a["county"]!.GetValue<string>()}/quota", Ct);
        Assert.Equal(200m, quota!["energyTce"]!["byProject"]![fresh.ToString()]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_lock_through_the_api_fixes_that_choice()
    {
        var id = await ContestedProject("统筹锁定项目", "370211", "370212");
        var plan = await PlanWith(Request(), id);
        var other = Suggestion(plan, id)["bidders"]!.AsArray().Select(x => x!["county"]!.GetValue<string>())
            .First(c => c != Suggestion(plan, id)["county"]!.GetValue<string>());

        var locked = await PlanWith(Request(("locks", new JsonArray(new JsonObject { ["projectId"] = id, ["county"] = other }))), id);
        Assert.Equal(other, Suggestion(locked, id)["county"]!.GetValue<string>());
        Assert.True(Suggestion(locked, id)["locked"]!.GetValue<bool>());

        var none = await PlanWith(Request(("locks", new JsonArray(new JsonObject { ["projectId"] = id, ["county"] = null }))), id);
        Assert.Null(Suggestion(none, id)["county"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_strong_county_short_of_energy_is_suggested_to_co_build_with_its_paired_weak_county_and_applying_makes_the_co_build()
    {
        const string Strong = "370321", Weak = "370683", Other = "370215"; // 桓台县 (paired here with 莱州市), 即墨区: no other test uses them
        var pairing = await (await _coordinator.PostAsJsonAsync("/api/pairings", new JsonObject
        {
            ["kind"] = "strongWeak", ["counties"] = new JsonArray(Strong, Weak), ["reason"] = "统筹共建测试", ["notice"] = "鲁发改区域〔2026〕9号（测试）",
        }, Ct)).ReadJson();
        try
        {
            var id = await ContestedProject("结对共建统筹项目", Strong, Other);
            async Task<decimal> Available(string county)
            {
                var quota = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/counties/{county}/quota", Ct))!["energyTce"]!;
                return quota["capacity"]!.GetValue<decimal>() - quota["reserved"]!.GetValue<decimal>();
            }

            // What-if: 桓台县 keeps 150 tce (less than the project's 200, more than its 70 % share), 即墨区 none.
            var raises = new JsonObject { [Strong] = 150 - await Available(Strong), [Other] = -await Available(Other) };
            var plan = await PlanWith(Request(("energyRaiseTce", raises), ("partnerPercent", 30)), id);
            var s = Suggestion(plan, id);
            Assert.Equal((Strong, Weak, 30m), (s["county"]!.GetValue<string>(), s["partner"]!.GetValue<string>(), s["partnerPercent"]!.GetValue<decimal>()));
            Assert.True(s["partnerDidNotBid"]!.GetValue<bool>());
            Assert.Contains(s["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("结对共建：桓台县牵头、莱州市参与", StringComparison.Ordinal) && r.GetValue<string>().Contains("鲁发改区域〔2026〕9号"));
            Assert.Contains(s["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("桓台县独自承接不可行", StringComparison.Ordinal));
            Assert.Contains(s["options"]!.AsArray(), o => o!["partner"]?.GetValue<string>() == Weak);
            Assert.True(plan["coBuilds"]!.GetValue<int>() >= 1);
            Assert.Contains(s["reasons"]!.AsArray(), r => r!.GetValue<string>().Contains("强弱县结对弱县"));

            // Without pairs the project has no host that fits.
            var none = await PlanWith(Request(("energyRaiseTce", raises.DeepClone()), ("partnerPercent", 0)), id);
            Assert.Null(Suggestion(none, id)["county"]?.GetValue<string>());

            // A co-build needs its years; then it is decided as the plan said, on the plan's version.
            var pick = Pick(s).With("partner", Weak).With("partnerPercent", 30);
            await Problems.AssertValidationProblem(await _coordinator.PostAsJsonAsync("/api/allocation/apply",
                new JsonObject { ["reason"] = "按统筹方案", ["suggestions"] = new JsonArray(pick.DeepClone()) }, Ct), "coBuildYears");
            var applied = await _coordinator.PostAsJsonAsync("/api/allocation/apply",
                new JsonObject { ["reason"] = "按统筹方案", ["coBuildYears"] = 10, ["suggestions"] = new JsonArray(pick) }, Ct);
            Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
            var terms = Assert.Single((await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct))!)!["terms"]!;
            Assert.Equal(("cobuild", Strong, 10), (terms["kind"]!.GetValue<string>(), terms["county"]!.GetValue<string>(), terms["years"]!.GetValue<int>()));
            Assert.Equal([(Strong, 70m), (Weak, 30m)], terms["shares"]!.AsArray().Select(x => (x!["county"]!.GetValue<string>(), x["percent"]!.GetValue<decimal>())));
            Assert.Contains("合作县未表达意向", terms["reason"]!.GetValue<string>());
            var weakQuota = await _coordinator.GetFromJsonAsync<JsonObject>($"/api/counties/{Weak}/quota", Ct);
            Assert.Equal(60m, weakQuota!["energyTce"]!["byProject"]![id.ToString()]!.GetValue<decimal>());
        }
        finally
        {
            (await _coordinator.PostAsJsonAsync($"/api/pairings/{pairing["id"]!.GetValue<string>()}/end", new JsonObject { ["reason"] = "测试结束", ["notice"] = "测试" }, Ct)).EnsureSuccessStatusCode();
        }
    }

    [Theory]
    [InlineData("""{"partnerPercent":60}""", "partnerPercent")]
    [InlineData("""{"capPerDivision":0}""", "capPerDivision")]
    [InlineData("""{"timeLimitSeconds":600}""", "timeLimitSeconds")]
    [InlineData("""{"fairnessWeight":-1}""", "fairnessWeight")]
    [InlineData("""{"locks":[{"projectId":"00000000-0000-0000-0000-0000000000aa","county":"370102"}]}""", "locks[0].projectId")]
    [InlineData("""{"locks":[{"county":"370102"}]}""", "locks[0].projectId")]
    [InlineData("""{"energyRaiseTce":{"999999":10}}""", "energyRaiseTce.999999")]
    public async Task A_bad_what_if_is_a_validation_problem_naming_the_field(string body, string field)
    {
        var response = await _coordinator.PostAsync("/api/allocation/plan", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        await Problems.AssertValidationProblem(response, field);
    }

    [Theory]
    [InlineData("""{"reason":"x","suggestions":[]}""", "suggestions")]
    [InlineData("""{"suggestions":[{"projectId":"00000000-0000-0000-0000-0000000000aa","county":"370102","parkId":"G1","version":2}]}""", "reason")]
    [InlineData("""{"reason":"x","suggestions":[{"projectId":"00000000-0000-0000-0000-0000000000aa","county":"370102","parkId":"G1"}]}""", "suggestions[0].version")]
    [InlineData("""{"reason":"x","coBuildYears":10,"suggestions":[{"projectId":"00000000-0000-0000-0000-0000000000aa","county":"370102","parkId":"G1","version":2,"partner":"370105"}]}""", "suggestions[0].partnerPercent")]
    public async Task A_bad_apply_is_a_validation_problem_naming_the_field(string body, string field)
    {
        var response = await _coordinator.PostAsync("/api/allocation/apply", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        await Problems.AssertValidationProblem(response, field);
    }

    [Fact]
    public async Task Only_coordinators_plan_or_apply()
    {
        await Problems.AssertProblem(await _officer.PostAsJsonAsync("/api/allocation/plan", new JsonObject(), Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblem(await app.County("370102").PostAsJsonAsync("/api/allocation/apply", new JsonObject(), Ct), HttpStatusCode.Forbidden);
    }

    private static JsonObject Pick(JsonObject suggestion) => new()
    {
        ["projectId"] = suggestion["projectId"]!.GetValue<Guid>(),
        ["county"] = suggestion["county"]!.GetValue<string>(),
        ["parkId"] = suggestion["parkId"]!.GetValue<string>(),
        ["version"] = suggestion["version"]!.GetValue<long>(),
    };
}
