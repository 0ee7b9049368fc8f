using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Access;

namespace Matching.Host.Tests;

/// <summary>
/// Every set of a county's figure or a park's land writes its audit line (who, when, before → after, self-declared or
/// a coordinator's): the county's declarations, its withdrawals, and a coordinator's direct settings, read back through
/// the API's audit trails. Through the real host.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class FigureSetAuditTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Shanting = "370406"; // 山亭区: no other host test uses it
    private const string Kenli = "370505"; // 垦利区: no other host test uses it

    private async Task<JsonObject[]> Trail(string path, string item) =>
        (await app.Officer().GetFromJsonAsync<JsonObject>(path, Ct))!["entries"]!.AsArray()
            .Where(e => e!["itemId"]!.GetValue<string>() == item).Select(e => (JsonObject)e!).ToArray();

    private Task<HttpResponseMessage> SetFigures(HttpClient client, object body) => client.PutAsJsonAsync($"/api/counties/{Shanting}/figures", body, Ct);

    private Task<HttpResponseMessage> Declare(object body) => app.County(Shanting).PutAsJsonAsync($"/api/counties/{Shanting}/profile", body, Ct);

    [Fact]
    public async Task A_coordinators_direct_setting_of_county_figures_is_in_force_at_once_and_audited_as_every_declaration_and_withdrawal_is()
    {
        var audit = $"/api/counties/{Shanting}/evidence/audit?take=500";
        (await Declare(new { landQuotaMu = 900 })).EnsureSuccessStatusCode();
        var totalBefore = (await app.Officer().GetFromJsonAsync<JsonObject>(audit, Ct))!["total"]!.GetValue<long>();

        // Only coordinators set figures directly; bad values are 400 naming the field; neither stores anything.
        foreach (var other in new[] { app.County(Shanting), app.Officer(), app.ClientAs(SeededAccounts.PrefectureUser("370400")) })
            await Problems.AssertProblem(await SetFigures(other, new { landQuotaMu = 1200 }), HttpStatusCode.Forbidden);
        await Problems.AssertValidationProblem(await SetFigures(app.Coordinator(), new { landQuotaMu = -1 }), "landQuotaMu");
        await Problems.AssertValidationProblem(await SetFigures(app.Coordinator(), new JsonObject { ["energyQuotaTce"] = "很多" }), "energyQuotaTce");
        Assert.Equal(totalBefore, (await app.Officer().GetFromJsonAsync<JsonObject>(audit, Ct))!["total"]!.GetValue<long>());

        // The coordinator's value is in force at once and supersedes the county's pending one, which leaves the queue.
        var set = await SetFigures(app.Coordinator(), new { landQuotaMu = 1200, oldRevolutionaryBase = true });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync(Ct));
        var quota = (await set.ReadJson())["quotas"]!["landMu"]!;
        Assert.Equal(1200, quota["value"]!.GetValue<decimal>());
        Assert.Equal("coordinator", quota["source"]!.GetValue<string>());
        Assert.False(quota["selfDeclared"]!.GetValue<bool>());
        var queue = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        Assert.DoesNotContain(queue!["items"]!.AsArray(), q => q!["adcode"]!.GetValue<string>() == Shanting);

        var land = await Trail(audit, "figure.landQuotaMu");
        Assert.Equal(["set", "declared"], land.Select(e => e["action"]!.GetValue<string>()));
        Assert.Equal(SeededAccounts.Coordinator, land[0]["actor"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - land[0]["at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));
        Assert.Contains("900 亩（县自报，未核实） → 1,200 亩（协调员设定）", land[0]["statement"]!.GetValue<string>());
        var flag = Assert.Single(await Trail(audit, "figure.oldRevolutionaryBase"));
        Assert.Equal("set", flag["action"]!.GetValue<string>());
        Assert.Contains("→ 是（协调员设定）", flag["statement"]!.GetValue<string>());

        // The county declares again and withdraws (its value back to the one in force): both audited, by the county.
        (await Declare(new { landQuotaMu = 1000 })).EnsureSuccessStatusCode();
        (await Declare(new { landQuotaMu = 1200 })).EnsureSuccessStatusCode();
        land = await Trail(audit, "figure.landQuotaMu");
        Assert.Equal(["withdrawn", "declared", "set", "declared"], land.Select(e => e["action"]!.GetValue<string>()));
        Assert.Equal(SeededAccounts.CountyUser(Shanting), land[0]["actor"]!.GetValue<string>());
        Assert.Contains("1,000 亩（县自报，未核实） → 1,200 亩（协调员设定）", land[0]["statement"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_coordinators_setting_of_park_land_and_a_countys_withdrawal_are_audited_on_the_parks_trail()
    {
        var park = (JsonObject)(await app.Officer().GetFromJsonAsync<JsonArray>($"/api/parks?county={Kenli}", Ct))!.First()!;
        var id = park["id"]!.GetValue<string>();
        var audit = $"/api/parks/{id}/land/audit";
        Task<HttpResponseMessage> Put(HttpClient client, decimal mu) => client.PutAsJsonAsync($"/api/parks/{id}/land", new { availableLandMu = mu }, Ct);

        (await Put(app.Coordinator(), 1500)).EnsureSuccessStatusCode();
        var trail = await Trail(audit, $"park.{id}");
        var set = Assert.Single(trail);
        Assert.Equal("set", set["action"]!.GetValue<string>());
        Assert.Equal(SeededAccounts.Coordinator, set["actor"]!.GetValue<string>());
        Assert.Contains("→ 1,500 亩（协调员设定）", set["statement"]!.GetValue<string>());

        (await Put(app.County(Kenli), 1800)).EnsureSuccessStatusCode();
        (await Put(app.County(Kenli), 1500)).EnsureSuccessStatusCode();
        trail = await Trail(audit, $"park.{id}");
        Assert.Equal(["withdrawn", "declared", "set"], trail.Select(e => e["action"]!.GetValue<string>()));
        Assert.Contains("1,800 亩（县自报，未核实） → 1,500 亩（协调员设定）", trail[0]["statement"]!.GetValue<string>());
        var queue = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        Assert.DoesNotContain(queue!["items"]!.AsArray(), q => q!["item"]!["id"]!.GetValue<string>() == $"park.{id}");
    }
}
