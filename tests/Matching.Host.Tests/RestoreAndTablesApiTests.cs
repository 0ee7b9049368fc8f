using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Contracts.Live;
using MiniExcelLibs;

namespace Matching.Host.Tests;

/// <summary>Restoring a withdrawn project; the matches and the quotas as server-paged tables.</summary>
[Collection(HostCollection.Name)]
public sealed class RestoreAndTablesApiTests(MatchingApplication app)
{
    private readonly HttpClient _officer = app.Officer();
    private readonly HttpClient _coordinator = app.Coordinator();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonObject> Project(Guid id) => (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!;

    private async Task<JsonArray> History(Guid id) => (await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/history?order=newest&take=5", Ct))!;

    private async Task<string> ParkOf(string county) =>
        (await _officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    private async Task Bid(Guid id, string county)
    {
        var bid = new JsonObject
        {
            ["county"] = county, ["parkId"] = await ParkOf(county), ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
            ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
        };
        (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", bid, Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_draft_withdrawn_is_restored_as_a_draft_and_only_with_a_reason()
    {
        var (id, _) = await _officer.CreateProject(ProjectBodies.Valid("恢复草稿测试"));
        (await _officer.PostAsJsonAsync($"/api/projects/{id}/withdraw", new { reason = "信息有误" }, Ct)).EnsureSuccessStatusCode();

        foreach (var body in new object?[] { null, new { reason = "" }, new { reason = "   " }, new { reason = new string('长', 501) } })
        {
            var refused = body is null ? await _officer.PostAsync($"/api/projects/{id}/restore", null, Ct) : await _officer.PostAsJsonAsync($"/api/projects/{id}/restore", body, Ct);
            await Problems.AssertValidationProblem(refused, "reason");
        }

        Assert.Equal("withdrawn", (await Project(id))["status"]!.GetValue<string>());
        // A county may not restore it.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.County("370102").PostAsJsonAsync($"/api/projects/{id}/restore", new { reason = "x" }, Ct)).StatusCode);

        var restored = await _officer.PostAsJsonAsync($"/api/projects/{id}/restore", new { reason = "信息已核实" }, Ct);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal("draft", (await restored.ReadJson())["status"]!.GetValue<string>());
        var entry = (await History(id))[0]!;
        Assert.Equal(("restore", "恢复", "withdrawn", "draft", "信息已核实"),
            (entry["trigger"]!.GetValue<string>(), entry["label"]!.GetValue<string>(), entry["from"]!.GetValue<string>(), entry["to"]!.GetValue<string>(), entry["note"]!.GetValue<string>()));

        var again = await _officer.PostAsJsonAsync($"/api/projects/{id}/restore", new { reason = "再恢复" }, Ct);
        await Problems.AssertProblem(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_awarded_project_withdrawn_and_restored_is_open_with_its_old_bids_void_and_its_quota_free()
    {
        var (id, _) = await _officer.CreateProject(ProjectBodies.Valid("恢复已决定项目").With("landMu", 40).With("energyTce", 300));
        (await _officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        await Bid(id, "370102");
        await Bid(id, "370105");
        var park = await ParkOf("370102");
        var version = (await Project(id))["version"]!.GetValue<long>();
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = "370102", ["parkId"] = park, ["reason"] = "产业基础最好", ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();
        (await _officer.PostAsJsonAsync($"/api/projects/{id}/withdraw", new { reason = "投资方暂缓" }, Ct)).EnsureSuccessStatusCode();

        var fitting = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=1", Ct))!["matches"]![0]!["county"]!.GetValue<string>();
        await using var officerLive = await app.Live("officer").StartAsync();
        await using var countyLive = await app.Live($"county-{fitting}").StartAsync();

        // The ETag of the withdrawn version; a stale one is refused and changes nothing.
        var withdrawnVersion = (await Project(id))["version"]!.GetValue<long>();
        using (var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{id}/restore") { Content = JsonContent.Create(new { reason = "旧版本" }) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", $"\"{withdrawnVersion - 1}\"");
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await _officer.SendAsync(stale, Ct)).StatusCode);
        }

        Assert.Equal(2, (await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/bids", Ct))!.Count);

        var restored = await _coordinator.PostAsJsonAsync($"/api/projects/{id}/restore", new { reason = "投资方重新启动" }, Ct);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal("open", (await restored.ReadJson())["status"]!.GetValue<string>());

        // The bids of before are void; the award's land and energy stay released.
        Assert.Empty((await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/bids", Ct))!);
        var quota = (await _officer.GetFromJsonAsync<JsonObject>("/api/counties/370102/quota", Ct))!;
        Assert.Null(quota["energyTce"]!["byProject"]![id.ToString()]);
        Assert.DoesNotContain(quota["landMu"]!.AsArray(), p => p!["byProject"]![id.ToString()] is not null);
        var entry = (await History(id))[0]!;
        Assert.Equal("restore", entry["trigger"]!.GetValue<string>());
        Assert.Contains("撤回前的 2 个意向不再有效", entry["note"]!.GetValue<string>());

        // Live: the officer hears of the change, the best-fitting county of the project as published again, and its inbox has it.
        Assert.Contains(LiveEventTypes.ProjectUpdated, await officerLive.WaitFor(id, LiveEventTypes.ProjectUpdated));
        Assert.Contains(LiveEventTypes.ProjectPublished, await countyLive.WaitFor(id, LiveEventTypes.ProjectPublished));
        var inbox = await Polling.Eventually(
            () => app.County(fitting).GetFromJsonAsync<JsonArray>($"/api/counties/{fitting}/inbox?take=500", Ct)!,
            rows => rows!.Any(r => r!["project"]!["id"]!.GetValue<Guid>() == id));
        Assert.Contains(inbox!, r => r!["project"]!["id"]!.GetValue<Guid>() == id);

        // The counties bid again, as on a new project.
        await Bid(id, "370105");
        Assert.Equal("open", (await Project(id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_matches_are_a_table_sorted_filtered_paged_and_exported_by_the_host()
    {
        var (id, _) = await _officer.CreateProject(ProjectBodies.Valid("匹配表测试"));
        var all = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=500", Ct))!["matches"]!.AsArray();
        Assert.True(all.Count > 10, $"{all.Count} matches");

        var first = await _officer.GetAsync($"/api/projects/{id}/matches/rows?take=5&skip=5", Ct);
        first.EnsureSuccessStatusCode();
        Assert.Equal(all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Headers.GetValues("X-Total-Count").Single());
        var page = (await first.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
        Assert.Equal(Enumerable.Range(6, 5), page.Select(r => r!["rank"]!.GetValue<int>()));
        Assert.Equal(all.Skip(5).Take(5).Select(m => m!["county"]!.GetValue<string>()), page.Select(r => r!["county"]!.GetValue<string>()));

        var byScore = (await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/matches/rows?sort=score&order=asc&take=500", Ct))!;
        var scores = byScore.Select(r => r!["score"]!.GetValue<double>()).ToArray();
        Assert.Equal(scores.Order(), scores);

        // Filtered to one prefecture (济南 3701): only its counties, ranks kept from the whole list.
        var jinan = (await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/matches/rows?prefecture=370100&take=500", Ct))!;
        Assert.NotEmpty(jinan);
        Assert.All(jinan, r => Assert.StartsWith("3701", r!["county"]!.GetValue<string>()));
        Assert.All(jinan, r => Assert.Equal("济南市", r!["prefecture"]!.GetValue<string>()));

        var xlsx = await _officer.GetAsync($"/api/projects/{id}/matches/rows?prefecture=370100&format=xlsx", Ct);
        xlsx.EnsureSuccessStatusCode();
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(jinan.Count, rows.Count);
        Assert.Equal(jinan.Select(r => r!["countyName"]!.GetValue<string>()), rows.Select(r => (string)r["县（市、区）"]));
        Assert.Contains("契合度（满分 100）", rows[0].Keys);

        await Problems.AssertValidationProblem(await _officer.GetAsync($"/api/projects/{id}/matches/rows?sort=nope", Ct), "sort");
        await Problems.AssertValidationProblem(await _officer.GetAsync($"/api/projects/{id}/matches/rows?prefecture=999999", Ct), "prefecture");
        Assert.Equal(HttpStatusCode.NotFound, (await app.County("370102").GetAsync($"/api/projects/{id}/matches/rows", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_quotas_are_a_table_with_units_and_a_county_sees_its_own()
    {
        var all = await _coordinator.GetAsync("/api/quotas?kind=energy&take=500", Ct);
        all.EnsureSuccessStatusCode();
        Assert.Equal("136", all.Headers.GetValues("X-Total-Count").Single());
        var energy = (await all.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
        Assert.All(energy, r => Assert.Equal("吨标准煤/年", r!["unit"]!.GetValue<string>()));
        Assert.All(energy, r => Assert.Equal(r!["base"]!.GetValue<decimal>() - r["reserved"]!.GetValue<decimal>(), r["available"]!.GetValue<decimal>()));
        // Two 市中区 are told apart by their city.
        Assert.Contains(energy, r => r!["countyName"]!.GetValue<string>() == "济南市 市中区");
        Assert.Contains(energy, r => r!["countyName"]!.GetValue<string>() == "枣庄市 市中区");

        var land = (await _coordinator.GetFromJsonAsync<JsonArray>("/api/quotas?kind=land&sort=available&order=desc&take=5", Ct))!;
        Assert.Equal(5, land.Count);
        Assert.All(land, r => Assert.Equal("亩", r!["unit"]!.GetValue<string>()));
        Assert.All(land, r => Assert.NotNull(r!["parkName"]));
        var available = land.Select(r => r!["available"]!.GetValue<decimal>()).ToArray();
        Assert.Equal(available.OrderDescending(), available);

        var own = (await app.County("370102").GetFromJsonAsync<JsonArray>("/api/quotas", Ct))!;
        Assert.NotEmpty(own);
        Assert.All(own, r => Assert.Equal("370102", r!["county"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.County("370102").GetAsync("/api/quotas?county=370105", Ct)).StatusCode);

        var xlsx = await _coordinator.GetAsync("/api/quotas?prefecture=370100&kind=energy&format=xlsx", Ct);
        xlsx.EnsureSuccessStatusCode();
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(energy.Count(r => r!["county"]!.GetValue<string>().StartsWith("3701", StringComparison.Ordinal)), rows.Count);
        Assert.All(rows, r => Assert.Equal("吨标准煤/年", (string)r["单位"]));

        await Problems.AssertValidationProblem(await _coordinator.GetAsync("/api/quotas?kind=water", Ct), "kind");
        await Problems.AssertValidationProblem(await _coordinator.GetAsync("/api/quotas?county=999999", Ct), "county");
    }
}
