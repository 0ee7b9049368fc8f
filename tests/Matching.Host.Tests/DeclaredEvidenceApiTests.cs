using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class DeclaredEvidenceApiTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Declaration(string industry = "4090") => new()
    {
        ["kind"] = "declared",
        ["statement"] = "龙头企业 高唐精密仪表有限公司，年产值 8 亿元",
        ["year"] = 2025,
        ["industries"] = new JsonArray(industry),
        ["source"] = "高唐县工业和信息化局 2025 年重点企业名单",
        ["subject"] = "高唐精密仪表",
    };

    private async Task<double> Agglomeration(Guid project, string county)
    {
        var matches = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{project}/matches?top=200", Ct);
        var match = matches!["matches"]!.AsArray().Single(m => m!["county"]!.GetValue<string>() == county)!;
        var factor = match["factors"]!.AsArray().FirstOrDefault(f => f!["name"]!.GetValue<string>() == "agglomeration");
        return factor?["points"]!.GetValue<double>() ?? 0;
    }

    [Fact]
    public async Task A_declared_item_is_self_declared_until_a_coordinator_verifies_it_weighs_more_once_verified_and_leaves_an_audit_trail()
    {
        const string adcode = "371526"; // 高唐县
        var (project, _) = await app.Officer().CreateProject(ProjectBodies.Valid("精密仪器仪表项目")
            .With("industryCode", "4090").With("industryText", "仪器仪表").With("landMu", 0).With("energyTce", 100).Without("firstContactCounty"));
        var before = await Agglomeration(project, adcode);

        var declared = await app.County(adcode).PostAsJsonAsync($"/api/counties/{adcode}/evidence", Declaration(), Ct);

        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var county = (await declared.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var item = county["evidence"]!.AsArray().Single(e => e!["id"] is not null && e["statement"]!.GetValue<string>().Contains("高唐精密仪表"))!;
        Assert.Equal("selfDeclared", item["status"]!.GetValue<string>());
        Assert.False(item["verified"]!.GetValue<bool>());
        Assert.Equal(Domain.Access.SeededAccounts.CountyUser(adcode), item["declaredBy"]!.GetValue<string>());
        var id = item["id"]!.GetValue<string>();
        var selfDeclaredWeight = item["weight"]!.GetValue<double>();
        var selfDeclared = await Agglomeration(project, adcode);
        Assert.True(selfDeclared > before, $"agglomeration {before} → {selfDeclared}");
        var reasons = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{project}/matches?top=200", Ct))!["matches"]!.AsArray()
            .Single(m => m!["county"]!.GetValue<string>() == adcode)!["factors"]!.AsArray().Select(f => f!["reason"]!.GetValue<string>());
        Assert.Contains(reasons, r => r.Contains("本县申报") && r.Contains("自报，未核实"));

        // In the coordinators' queue; only a coordinator reviews; a rejection needs a reason.
        var queue = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        Assert.Contains(queue!["items"]!.AsArray(), q => q!["adcode"]!.GetValue<string>() == adcode && q["item"]!["id"]!.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.County(adcode).GetAsync("/api/evidence/queue", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.County(adcode).PostAsJsonAsync($"/api/counties/{adcode}/evidence/{id}/review", new { verified = true }, Ct)).StatusCode);
        await Problems.AssertValidationProblem(await app.Coordinator().PostAsJsonAsync($"/api/counties/{adcode}/evidence/{id}/review", new { verified = false }, Ct), "note");
        await Problems.AssertValidationProblem(await app.Coordinator().PostAsJsonAsync($"/api/counties/{adcode}/evidence/{id}/review", new { }, Ct), "verified");
        await Problems.AssertProblem(await app.Coordinator().PostAsJsonAsync($"/api/counties/{adcode}/evidence/e999999/review", new { verified = true }, Ct), HttpStatusCode.NotFound);

        var verified = await app.Coordinator().PostAsJsonAsync($"/api/counties/{adcode}/evidence/{id}/review", new { verified = true, note = "已核对工信局名单" }, Ct);

        verified.EnsureSuccessStatusCode();
        var after = (await verified.Content.ReadFromJsonAsync<JsonObject>(Ct))!["evidence"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == id)!;
        Assert.Equal("verified", after["status"]!.GetValue<string>());
        Assert.Equal(Domain.Access.SeededAccounts.Coordinator, after["review"]!["by"]!.GetValue<string>());
        Assert.Equal("已核对工信局名单", after["review"]!["note"]!.GetValue<string>());
        Assert.Equal(2 * selfDeclaredWeight, after["weight"]!.GetValue<double>(), tolerance: 0.011);
        Assert.True(await Agglomeration(project, adcode) > selfDeclared);
        await Problems.AssertProblem(await app.Coordinator().PostAsJsonAsync($"/api/counties/{adcode}/evidence/{id}/review", new { verified = false, note = "再审" }, Ct), HttpStatusCode.Conflict);

        var queueAfter = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        Assert.DoesNotContain(queueAfter!["items"]!.AsArray(), q => q!["item"]!["id"]!.GetValue<string>() == id && q["adcode"]!.GetValue<string>() == adcode);
        var audit = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{adcode}/evidence/audit", Ct);
        var entries = audit!["entries"]!.AsArray().Where(e => e!["itemId"]!.GetValue<string>() == id).ToArray();
        Assert.Equal(["verified", "declared"], entries.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal(Domain.Access.SeededAccounts.Coordinator, entries[0]!["actor"]!.GetValue<string>());
        Assert.Equal(Domain.Access.SeededAccounts.CountyUser(adcode), entries[1]!["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rejected_item_is_kept_for_the_record_but_not_weighed()
    {
        const string adcode = "371103"; // 岚山区
        var declared = await app.County(adcode).PostAsJsonAsync($"/api/counties/{adcode}/evidence", Declaration("3360"), Ct);
        var id = (await declared.Content.ReadFromJsonAsync<JsonObject>(Ct))!["evidence"]!.AsArray().Single(e => e!["id"] is not null)!["id"]!.GetValue<string>();

        var rejected = await app.Coordinator().PostAsJsonAsync($"/api/counties/{adcode}/evidence/{id}/review", new { verified = false, note = "名单中查无此企业" }, Ct);

        rejected.EnsureSuccessStatusCode();
        var item = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{adcode}", Ct))!["evidence"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == id)!;
        Assert.Equal("rejected", item["status"]!.GetValue<string>());
        Assert.Equal(0, item["weight"]!.GetValue<double>());
        Assert.Equal("名单中查无此企业", item["review"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_declarations_get_field_problems_and_store_nothing()
    {
        const string adcode = "370481"; // 滕州市
        var version = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{adcode}", Ct))!["version"]!.GetValue<long>();
        var county = app.County(adcode);

        await Problems.AssertValidationProblem(await county.PostAsJsonAsync($"/api/counties/{adcode}/evidence", Declaration("9999"), Ct), "industries[0]");
        await Problems.AssertValidationProblem(await county.PostAsJsonAsync($"/api/counties/{adcode}/evidence", Declaration().With("year", 2999), Ct), "year");
        await Problems.AssertValidationProblem(await county.PostAsJsonAsync($"/api/counties/{adcode}/evidence", Declaration().With("statement", " "), Ct), "statement");
        await Problems.AssertValidationProblem(await county.PostAsJsonAsync($"/api/counties/{adcode}/evidence", Declaration().With("kind", "top100County"), Ct), "kind");
        await Problems.AssertValidationProblem(await county.PostAsJsonAsync($"/api/counties/{adcode}/evidence", Declaration().With("sourceUrl", "javascript:alert(1)"), Ct), "sourceUrl");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.County("370102").PostAsJsonAsync($"/api/counties/{adcode}/evidence", Declaration(), Ct)).StatusCode);
        await Problems.AssertValidationProblem(await app.Officer().GetAsync($"/api/counties/{adcode}/evidence/audit?take=0", Ct), "take");

        var after = (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{adcode}", Ct))!;
        Assert.Equal(version, after["version"]!.GetValue<long>());
        Assert.DoesNotContain(after["evidence"]!.AsArray(), e => e!["id"] is not null);
        Assert.Equal(0, (await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{adcode}/evidence/audit", Ct))!["total"]!.GetValue<long>());
    }
}
