using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Access;
using Matching.Domain.Industries;
using Matching.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>
/// A park's available land is self-declared by its county until a coordinator verifies it; matching and land
/// reservations use the value in force, as energy reservations and the search index's candidates use the energy
/// quota in force. Through the real host.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ParkLandApiTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Caoxian = "371721"; // 曹县: no other host test uses it
    private const string Chengwu = "371723"; // 成武县: no other host test uses it

    /// <summary>The county's largest park (its land is what the land exclusion names).</summary>
    private async Task<JsonObject> LargestPark(string county) =>
        (JsonObject)(await app.Officer().GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))!
            .OrderByDescending(p => p!["availableLandMu"]!["inForce"]!.GetValue<decimal>()).First()!;

    private Task<JsonObject?> Park(string id) => app.Officer().GetFromJsonAsync<JsonObject>($"/api/parks/{id}", Ct);

    private Task<HttpResponseMessage> PutLand(HttpClient client, string park, object body) => client.PutAsJsonAsync($"/api/parks/{park}/land", body, Ct);

    private async Task<Guid> Published(string title, decimal landMu, decimal energyTce, bool highEnergy = false)
    {
        var (id, _) = await app.Officer().CreateProject(ProjectBodies.Valid(title).With("landMu", landMu).With("energyTce", energyTce)
            .With("highEnergy", highEnergy).Without("firstContactCounty"));
        (await app.Officer().PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    private Task<HttpResponseMessage> Award(Guid project, string county, string park) => Decide.OnCurrentVersion(app.Coordinator(), project,
        new JsonObject { ["kind"] = "award", ["county"] = county, ["parkId"] = park, ["reason"] = "园区用地测试", ["assignsNonBidder"] = true }, Ct);

    private async Task<JsonObject> Matches(Guid project) => (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{project}/matches?top=500", Ct))!;

    [Fact]
    public async Task A_countys_park_land_is_self_declared_until_verified_and_matching_and_reservations_use_the_value_in_force()
    {
        var park = await LargestPark(Caoxian);
        var id = park["id"]!.GetValue<string>();
        var land = park["availableLandMu"]!["inForce"]!.GetValue<decimal>();
        var before = (await Park(id))!;

        // Bad bodies and callers: 400 naming the field, 403 for anyone but the park's county and coordinators; nothing stored.
        await Problems.AssertValidationProblem(await PutLand(app.County(Caoxian), id, new { }), "availableLandMu");
        await Problems.AssertValidationProblem(await PutLand(app.County(Caoxian), id, new { availableLandMu = -5 }), "availableLandMu");
        await Problems.AssertValidationProblem(await PutLand(app.County(Caoxian), id, new { availableLandMu = 2_000_000 }), "availableLandMu");
        await Problems.AssertValidationProblem(await PutLand(app.County(Caoxian), id, new JsonObject { ["availableLandMu"] = "很多" }), "availableLandMu");
        foreach (var other in new[] { app.County(Chengwu), app.Officer(), app.ClientAs(SeededAccounts.PrefectureUser("370800")), app.ClientAs(SeededAccounts.PrefectureUser("371700")) })
            await Problems.AssertProblem(await PutLand(other, id, new { availableLandMu = land + 900 }), HttpStatusCode.Forbidden);
        Assert.Equal(before.ToJsonString(), (await Park(id))!.ToJsonString());

        // The county declares more land: shown as declared, matching keeps the value in force and says so.
        var put = await PutLand(app.County(Caoxian), id, new { availableLandMu = land + 900 });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        var declared = (await put.ReadJson())["availableLandMu"]!;
        Assert.Equal(land + 900, declared["value"]!.GetValue<decimal>());
        Assert.True(declared["selfDeclared"]!.GetValue<bool>());
        Assert.Equal(land, declared["inForce"]!.GetValue<decimal>());
        Assert.Equal($"\"{before["version"]!.GetValue<long>() + 1}\"", put.Headers.ETag?.Tag);

        var big = await Published("曹县园区用地待核实项目", land + 100, 100);
        var excluded = (await Matches(big))["excluded"]!.AsArray().Single(e => e!["county"]!.GetValue<string>() == Caoxian)!;
        Assert.Contains($"县自报 {land + 900:#,0.#} 亩 待核实，按核定值计", excluded["reasons"]![0]!.GetValue<string>());
        // The reservation counts against the value in force too.
        await Problems.AssertProblem(await Award(big, Caoxian, id), HttpStatusCode.Conflict);

        // In the coordinators' queue with the county's declarations; only a coordinator reviews, a bad review is 400.
        var queue = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        var queued = queue!["items"]!.AsArray().Single(q => q!["adcode"]!.GetValue<string>() == Caoxian && q["item"]!["id"]!.GetValue<string>() == $"park.{id}")!;
        Assert.Contains($"现行核定值 {land:#,0.##} 亩", queued["item"]!["statement"]!.GetValue<string>());
        await Problems.AssertProblem(await app.County(Caoxian).PostAsJsonAsync($"/api/parks/{id}/land/review", new { verified = true }, Ct), HttpStatusCode.Forbidden);
        await Problems.AssertValidationProblem(await app.Coordinator().PostAsJsonAsync($"/api/parks/{id}/land/review", new { verified = false }, Ct), "note");

        // Verified through the queue's own review call: in force, with who and when; the score and the reservation use it.
        var verified = await app.Coordinator().PostAsJsonAsync($"/api/counties/{Caoxian}/evidence/park.{id}/review", new { verified = true, note = "已核对自然资源局台账" }, Ct);
        Assert.True(verified.IsSuccessStatusCode, await verified.Content.ReadAsStringAsync(Ct));
        var after = (await Park(id))!["availableLandMu"]!;
        Assert.False(after["selfDeclared"]!.GetValue<bool>());
        Assert.Equal(land + 900, after["inForce"]!.GetValue<decimal>());
        Assert.Equal(SeededAccounts.Coordinator, after["check"]!["by"]!.GetValue<string>());
        var fit = (await Matches(big))["matches"]!.AsArray().Single(m => m!["county"]!.GetValue<string>() == Caoxian)!;
        Assert.Contains(fit["factors"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "land" && f["reason"]!.GetValue<string>().Contains("（县设定，已核实）"));
        var awarded = await Award(big, Caoxian, id);
        Assert.True(awarded.IsSuccessStatusCode, await awarded.Content.ReadAsStringAsync(Ct));
        await Problems.AssertProblem(await app.Coordinator().PostAsJsonAsync($"/api/parks/{id}/land/review", new { verified = true }, Ct), HttpStatusCode.Conflict);

        // Never below what is reserved: 400 naming the field, nothing stored.
        var reserved = (await Park(id))!;
        var floor = await Problems.AssertValidationProblem(await PutLand(app.County(Caoxian), id, new { availableLandMu = land }), "availableLandMu");
        Assert.Contains($"{land + 100:#,0.##} 亩", floor["errors"]!["availableLandMu"]![0]!.GetValue<string>());
        Assert.Equal(reserved.ToJsonString(), (await Park(id))!.ToJsonString());

        // A stale If-Match is 412; a coordinator's value is in force at once.
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/parks/{id}/land") { Content = JsonContent.Create(new { availableLandMu = land + 1000 }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await app.Coordinator().SendAsync(stale, Ct)).StatusCode);
        var set = (await (await PutLand(app.Coordinator(), id, new { availableLandMu = land + 1000 })).ReadJson())["availableLandMu"]!;
        Assert.False(set["selfDeclared"]!.GetValue<bool>());
        Assert.Equal(land + 1000, set["inForce"]!.GetValue<decimal>());

        // The audit trail: declared by the county, verified and then set by the coordinator, newest first.
        var audit = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/parks/{id}/land/audit", Ct))!["entries"]!.AsArray();
        Assert.Equal(["set", "verified", "declared"], audit.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal([SeededAccounts.Coordinator, SeededAccounts.Coordinator, SeededAccounts.CountyUser(Caoxian)], audit.Select(e => e!["actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Energy_reservations_and_the_search_indexs_candidates_use_the_energy_quota_in_force()
    {
        var county = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{Chengwu}", Ct))!;
        var quota = county["quotas"]!["energyTce"]!["inForce"]!.GetValue<decimal>();
        var park = (await LargestPark(Chengwu))["id"]!.GetValue<string>();
        var search = app.Services.GetRequiredService<ISearchEngine>();
        async Task<bool> Retrieved(decimal energy) =>
            (await search.RetrieveCandidatesAsync(new CandidateQuery(IndustryCode.Parse("3612"), 0, energy, true, 500), Ct)).Any(h => h.Adcode == Chengwu);

        // A lower declaration pending: the candidate document keeps the quota in force, so a 两高 project within it is still retrieved.
        var lower = await app.County(Chengwu).PutAsJsonAsync($"/api/counties/{Chengwu}/profile", new { energyQuotaTce = quota - 20000 }, Ct);
        Assert.True(lower.IsSuccessStatusCode, await lower.Content.ReadAsStringAsync(Ct));
        Assert.True(await Polling.Eventually(() => Retrieved(quota - 10000), found => found));
        Assert.False(await Retrieved(quota + 1));

        // A higher declaration pending: a reservation beyond the quota in force is refused, and allowed once verified.
        var higher = await app.County(Chengwu).PutAsJsonAsync($"/api/counties/{Chengwu}/profile", new { energyQuotaTce = quota + 20000 }, Ct);
        Assert.True(higher.IsSuccessStatusCode, await higher.Content.ReadAsStringAsync(Ct));
        var project = await Published("成武县能耗核定值测试项目", 10, quota + 10000);
        var refused = await Problems.AssertProblem(await Award(project, Chengwu, park), HttpStatusCode.Conflict);
        Assert.Contains($"{quota:#,0.#} 吨标准煤/年（按核定值计", refused["detail"]!.GetValue<string>());
        Assert.False(await Retrieved(quota + 10000));

        var review = await app.Coordinator().PostAsJsonAsync($"/api/counties/{Chengwu}/figures/energyQuotaTce/review", new { verified = true, note = "已核对发改委批复" }, Ct);
        Assert.True(review.IsSuccessStatusCode, await review.Content.ReadAsStringAsync(Ct));
        Assert.True(await Polling.Eventually(() => Retrieved(quota + 10000), found => found));
        var awarded = await Award(project, Chengwu, park);
        Assert.True(awarded.IsSuccessStatusCode, await awarded.Content.ReadAsStringAsync(Ct));
        var held = await app.Coordinator().GetFromJsonAsync<JsonObject>($"/api/counties/{Chengwu}/quota", Ct);
        Assert.Equal(quota + 20000, held!["energyTce"]!["capacity"]!.GetValue<decimal>());
        Assert.Equal(quota + 10000, held["energyTce"]!["byProject"]![project.ToString()]!.GetValue<decimal>());
    }
}
