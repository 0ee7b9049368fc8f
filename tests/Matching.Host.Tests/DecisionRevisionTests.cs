using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class DecisionRevisionTests(MatchingApplication app)
{
    private const string A = "370102", B = "370105";
    private readonly HttpClient _officer = app.Officer();
    private readonly HttpClient _coordinator = app.Coordinator();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Park(string county) =>
        (await _officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    private async Task<long> Version(Guid id) => (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();

    private async Task<Guid> Contested(string title, string a = A, string b = B)
    {
        var (id, _) = await _officer.CreateProject(ProjectBodies.Valid(title).With("landMu", 40).With("energyTce", 300));
        (await _officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        foreach (var county in new[] { a, b })
        {
            var bid = new JsonObject
            {
                ["county"] = county, ["parkId"] = await Park(county), ["landMu"] = 40, ["energyTce"] = 300, ["deliveryMonths"] = 10,
                ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
            };
            (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", bid, Ct)).EnsureSuccessStatusCode();
        }

        return id;
    }

    private async Task<JsonObject> Award(Guid id, string county, string reason) => new()
    {
        ["kind"] = "award", ["county"] = county, ["parkId"] = await Park(county), ["reason"] = reason, ["expectedVersion"] = await Version(id),
    };

    /// <summary>Energy reserved at a county and land at a park: in all, and by this project.</summary>
    private async Task<(decimal Reserved, decimal? Held)> Energy(string county, Guid id)
    {
        var quota = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/counties/{county}/quota", Ct))!["energyTce"]!;
        return (quota["reserved"]!.GetValue<decimal>(), quota["byProject"]![id.ToString()]?.GetValue<decimal>());
    }

    private async Task<(decimal Reserved, decimal? Held)> Land(string county, string park, Guid id)
    {
        var quota = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/counties/{county}/quota", Ct))!["landMu"]!.AsArray()
            .Single(p => p!["parkId"]!.GetValue<string>() == park)!;
        return (quota["reserved"]!.GetValue<decimal>(), quota["byProject"]![id.ToString()]?.GetValue<decimal>());
    }

    [Fact]
    public async Task The_preview_shows_exactly_what_the_award_will_do_and_writes_nothing()
    {
        var id = await Contested("预览测试项目");
        var (parkA, energyBefore) = (await Park(A), await Energy(A, id));

        var preview = await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/preview", await Award(id, A, "产业基础最好"), Ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var effects = await preview.ReadJson();
        Assert.Equal("awarded", effects["statusAfter"]!.GetValue<string>());
        Assert.Equal(A, effects["county"]!.GetValue<string>());
        Assert.Equal(parkA, effects["parkId"]!.GetValue<string>());
        var reserve = effects["reserve"]!.AsArray();
        Assert.Contains(reserve, r => r!["quota"]!.GetValue<string>() == "land" && r["holder"]!.GetValue<string>() == parkA && r["amount"]!.GetValue<decimal>() == 40);
        var energy = reserve.Single(r => r!["quota"]!.GetValue<string>() == "energy")!;
        Assert.Equal(300m, energy["amount"]!.GetValue<decimal>());
        Assert.Equal(energy["availableBefore"]!.GetValue<decimal>() - 300, energy["availableAfter"]!.GetValue<decimal>());
        Assert.Empty(effects["release"]!.AsArray());
        Assert.Equal([B], effects["notChosen"]!.AsArray().Select(n => n!["county"]!.GetValue<string>()));

        Assert.Equal(energyBefore, await Energy(A, id));
        Assert.Equal("contested", (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["status"]!.GetValue<string>());
        await Problems.AssertProblem(await app.County(A).PostAsJsonAsync($"/api/projects/{id}/decision/preview", await Award(id, A, "x"), Ct), HttpStatusCode.Forbidden);
        await Problems.AssertValidationProblem(await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/preview", (await Award(id, A, "")), Ct), "reason");
    }

    [Fact]
    public async Task Revising_an_award_from_A_to_B_releases_As_energy_and_Ps_land_and_reserves_Bs_and_Qs()
    {
        var id = await Contested("修改决定测试项目");
        var (p, q) = (await Park(A), await Park(B));
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", await Award(id, A, "产业基础最好"), Ct)).EnsureSuccessStatusCode();
        var (energyA, energyB, landP, landQ) = (await Energy(A, id), await Energy(B, id), await Land(A, p, id), await Land(B, q, id));
        Assert.Equal(300m, energyA.Held);
        Assert.Equal(40m, landP.Held);
        Assert.Null(energyB.Held);

        // Refused: no reason, not a coordinator, a kind a revision cannot be, a stale version.
        await Problems.AssertValidationProblem(await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/revision", await Award(id, B, ""), Ct), "reason");
        await Problems.AssertProblem(await app.County(B).PostAsJsonAsync($"/api/projects/{id}/decision/revision", await Award(id, B, "改判"), Ct), HttpStatusCode.Forbidden);
        var reopen = new JsonObject { ["kind"] = "reopen", ["reason"] = "重新征集", ["expectedVersion"] = await Version(id) };
        await Problems.AssertValidationProblem(await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/revision", reopen, Ct), "kind");
        var stale = await Award(id, B, "改判");
        stale["expectedVersion"] = await Version(id) - 1;
        await Problems.AssertProblem(await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/revision", stale, Ct), HttpStatusCode.Conflict);
        Assert.Equal(energyA, await Energy(A, id));

        var preview = await (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/preview?revise=true", await Award(id, B, "天桥区配套更优"), Ct)).ReadJson();
        Assert.True(preview["isRevision"]!.GetValue<bool>());
        Assert.Equal([(p, 40m), (A, 300m)], preview["release"]!.AsArray().Select(r => (r!["holder"]!.GetValue<string>(), r["amount"]!.GetValue<decimal>())));
        Assert.Equal([(q, 40m), (B, 300m)], preview["reserve"]!.AsArray().Select(r => (r!["holder"]!.GetValue<string>(), r["amount"]!.GetValue<decimal>())));

        var revised = await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/revision", await Award(id, B, "天桥区配套更优"), Ct);
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal("awarded", (await revised.ReadJson())["status"]!.GetValue<string>());

        var (afterA, afterB, afterP, afterQ) = (await Energy(A, id), await Energy(B, id), await Land(A, p, id), await Land(B, q, id));
        Assert.Equal((energyA.Reserved - 300, (decimal?)null), afterA);
        Assert.Equal((energyB.Reserved + 300, (decimal?)300m), afterB);
        Assert.Equal((landP.Reserved - 40, (decimal?)null), afterP);
        Assert.Equal((landQ.Reserved + 40, (decimal?)40m), afterQ);

        var decisions = (await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct))!;
        Assert.Equal(2, decisions.Count);
        Assert.True(decisions[1]!["isRevision"]!.GetValue<bool>());

        // Revised again into a co-build led by B (60:40): the energy splits, Q's land stays, nothing is held at P.
        var cobuild = new JsonObject
        {
            ["kind"] = "cobuild", ["county"] = B, ["parkId"] = q, ["years"] = 5, ["reason"] = "两地共建",
            ["shares"] = new JsonArray(new JsonObject { ["county"] = B, ["percent"] = 60 }, new JsonObject { ["county"] = A, ["percent"] = 40 }),
            ["expectedVersion"] = await Version(id),
        };
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/revision", cobuild, Ct)).EnsureSuccessStatusCode();
        // energyA was taken while A held 300 of it, energyB while B held none.
        Assert.Equal((energyA.Reserved - 300 + 120, (decimal?)120m), await Energy(A, id));
        Assert.Equal((energyB.Reserved + 180, (decimal?)180m), await Energy(B, id));
        Assert.Equal((landQ.Reserved + 40, (decimal?)40m), await Land(B, q, id));
        Assert.Equal((landP.Reserved - 40, (decimal?)null), await Land(A, p, id));
    }

    [Fact]
    public async Task The_outcome_banner_names_winners_park_reason_and_who_and_a_losing_county_sees_it_was_not_chosen()
    {
        var id = await Contested("结果横幅测试项目");
        Assert.False((await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/outcome", Ct))!["decided"]!.GetValue<bool>());
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", await Award(id, A, "产业基础最好"), Ct)).EnsureSuccessStatusCode();

        var officer = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/outcome", Ct))!;
        Assert.Equal(A, officer["county"]!.GetValue<string>());
        Assert.Equal(await Park(A), officer["parkId"]!.GetValue<string>());
        Assert.Equal("产业基础最好", officer["reason"]!.GetValue<string>());
        Assert.Equal("coordinator", officer["decidedBy"]!.GetValue<string>());
        Assert.Null(officer["you"]);

        var winner = (await app.County(A).GetFromJsonAsync<JsonObject>($"/api/projects/{id}/outcome", Ct))!;
        Assert.Equal("chosen", winner["you"]!.GetValue<string>());
        var loser = (await app.County(B).GetFromJsonAsync<JsonObject>($"/api/projects/{id}/outcome", Ct))!;
        Assert.Equal("notChosen", loser["you"]!.GetValue<string>());
        Assert.Contains("未被选中", loser["message"]!.GetValue<string>());
        Assert.Equal("产业基础最好", loser["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_revision_refused_for_want_of_quota_leaves_the_standing_award_holding_exactly_what_it_held()
    {
        const string c = "370112", d = "370116";
        var id = await Contested("指标不足修改测试项目", c, d);
        var (parkC, parkD) = (await Park(c), await Park(d));
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", await Award(id, c, "历城区承接"), Ct)).EnsureSuccessStatusCode();
        var (energyC, landC, landD) = (await Energy(c, id), await Land(c, parkC, id), await Land(d, parkD, id));
        var version = await Version(id);
        // D cannot take 300 tce any more (a county no other test uses).
        (await app.County(d).PutAsJsonAsync($"/api/counties/{d}/profile", new { energyQuotaTce = 100 }, Ct)).EnsureSuccessStatusCode();
        // A county's own quota is in force only once a coordinator has verified it.
        (await _coordinator.PostAsJsonAsync($"/api/counties/{d}/figures/energyQuotaTce/review", new { verified = true, note = "已核对" }, Ct)).EnsureSuccessStatusCode();

        var preview = await (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/preview?revise=true", await Award(id, d, "改由莱芜区承接"), Ct)).ReadJson();
        Assert.NotEmpty(preview["refusals"]!.AsArray());
        var refused = await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision/revision", await Award(id, d, "改由莱芜区承接"), Ct);
        await Problems.AssertProblem(refused, HttpStatusCode.Conflict);

        Assert.Equal(energyC, await Energy(c, id));
        Assert.Equal(landC, await Land(c, parkC, id));
        Assert.Equal(landD, await Land(d, parkD, id));
        Assert.Null((await Energy(d, id)).Held);
        Assert.Equal(version, await Version(id));
        Assert.Single((await _officer.GetFromJsonAsync<JsonArray>($"/api/projects/{id}/decisions", Ct))!);
    }
}
