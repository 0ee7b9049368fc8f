using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Access;

namespace Matching.Host.Tests;

/// <summary>Flags, quotas and the land-price floor a county sets are self-declared until a coordinator verifies them, through the real host.</summary>
[Collection(HostCollection.Name)]
public sealed class DeclaredFiguresApiTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Xiajin = "371427"; // 夏津县: no other host test uses it

    private Task<JsonObject?> County() => app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{Xiajin}", Ct);

    private async Task<string> BalanceReason(Guid project)
    {
        var matches = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{project}/matches?top=200", Ct);
        var match = matches!["matches"]!.AsArray().Single(m => m!["county"]!.GetValue<string>() == Xiajin)!;
        return match["factors"]!.AsArray().FirstOrDefault(f => f!["name"]!.GetValue<string>() == "balance")?["reason"]?.GetValue<string>() ?? string.Empty;
    }

    private Task<HttpResponseMessage> Review(HttpClient client, string field, object body) =>
        client.PostAsJsonAsync($"/api/counties/{Xiajin}/figures/{field}/review", body, Ct);

    [Fact]
    public async Task A_countys_flags_and_quotas_are_self_declared_until_a_coordinator_verifies_them_and_the_score_says_which_it_used()
    {
        var before = (await County())!;
        var land = before["quotas"]!["landMu"]!["value"]!.GetValue<decimal>();
        Assert.False(before["flags"]!["oldRevolutionaryBase"]!["inForce"]!.GetValue<bool>());
        var (project, _) = await app.Officer().CreateProject(ProjectBodies.Valid("夏津县数值核实测试项目").With("industryCode", "1713").With("industryText", "棉纺织")
            .With("landMu", 0).With("energyTce", 100).Without("firstContactCounty"));

        var put = await app.County(Xiajin).PutAsJsonAsync($"/api/counties/{Xiajin}/profile",
            new JsonObject { ["oldRevolutionaryBase"] = true, ["landQuotaMu"] = land + 700, ["landPriceFloor"] = 25 }, Ct);
        put.EnsureSuccessStatusCode();

        var declared = (await County())!;
        var flag = declared["flags"]!["oldRevolutionaryBase"]!;
        Assert.True(flag["value"]!.GetValue<bool>());
        Assert.True(flag["selfDeclared"]!.GetValue<bool>());
        Assert.False(flag["inForce"]!.GetValue<bool>());
        Assert.Equal(land + 700, declared["quotas"]!["landMu"]!["value"]!.GetValue<decimal>());
        Assert.Equal(land, declared["quotas"]!["landMu"]!["inForce"]!.GetValue<decimal>());
        Assert.DoesNotContain("革命老区", await BalanceReason(project));

        // In the coordinators' queue with the declared evidence, saying what the county set and what is in force.
        var queue = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        var queued = queue!["items"]!.AsArray().Where(q => q!["adcode"]!.GetValue<string>() == Xiajin).Select(q => q!["item"]!).ToArray();
        Assert.Equal(["figure.landPriceFloor", "figure.landQuotaMu", "figure.oldRevolutionaryBase"], queued.Select(q => q!["id"]!.GetValue<string>()).Order());
        Assert.All(queued, q => Assert.Equal("countyFigure", q!["kind"]!.GetValue<string>()));
        Assert.Contains(queued, q => q!["statement"]!.GetValue<string>().Contains($"现行核定值 {land:#,0.##} 亩"));

        // Only a coordinator reviews; bad reviews are refused naming the field, and store nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await Review(app.County(Xiajin), "oldRevolutionaryBase", new { verified = true })).StatusCode);
        await Problems.AssertValidationProblem(await Review(app.Coordinator(), "population", new { verified = true }), "field");
        await Problems.AssertValidationProblem(await Review(app.Coordinator(), "landQuotaMu", new { verified = false }), "note");
        await Problems.AssertValidationProblem(await Review(app.Coordinator(), "landQuotaMu", new { }), "verified");
        await Problems.AssertProblem(await Review(app.Coordinator(), "fiscallyDirect", new { verified = true }), HttpStatusCode.Conflict);
        Assert.Equal(declared.ToJsonString(), (await County())!.ToJsonString());

        var verified = await Review(app.Coordinator(), "oldRevolutionaryBase", new { verified = true, note = "已核对省老区办名单" });
        verified.EnsureSuccessStatusCode();
        var after = (await verified.Content.ReadFromJsonAsync<JsonObject>(Ct))!["flags"]!["oldRevolutionaryBase"]!;
        Assert.False(after["selfDeclared"]!.GetValue<bool>());
        Assert.True(after["inForce"]!.GetValue<bool>());
        Assert.Equal(SeededAccounts.Coordinator, after["check"]!["by"]!.GetValue<string>());
        Assert.Contains("革命老区（县申报，已核实）", await BalanceReason(project));

        var rejected = await Review(app.Coordinator(), "landQuotaMu", new { verified = false, note = "与自然资源局台账不符" });
        rejected.EnsureSuccessStatusCode();
        var quota = (await rejected.Content.ReadFromJsonAsync<JsonObject>(Ct))!["quotas"]!["landMu"]!;
        Assert.Equal(land, quota["value"]!.GetValue<decimal>());
        Assert.False(quota["selfDeclared"]!.GetValue<bool>());
        await Problems.AssertProblem(await Review(app.Coordinator(), "landQuotaMu", new { verified = true }), HttpStatusCode.Conflict);

        var queueAfter = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        Assert.Equal(["figure.landPriceFloor"], queueAfter!["items"]!.AsArray().Where(q => q!["adcode"]!.GetValue<string>() == Xiajin).Select(q => q!["item"]!["id"]!.GetValue<string>()));
        var audit = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{Xiajin}/evidence/audit", Ct);
        var trail = audit!["entries"]!.AsArray().Where(e => e!["itemId"]!.GetValue<string>() == "figure.landQuotaMu").ToArray();
        Assert.Equal(["rejected", "declared"], trail.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal("与自然资源局台账不符", trail[0]!["note"]!.GetValue<string>());
        Assert.Equal(SeededAccounts.CountyUser(Xiajin), trail[1]!["actor"]!.GetValue<string>());
    }
}
