using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Access;
using Matching.Engine;
using Microsoft.Extensions.DependencyInjection;
using static Matching.Host.Tests.LandingTestKit;

namespace Matching.Host.Tests;

/// <summary>Learning from outcomes in the running host: a confirmed 签约 is verified evidence of the landing county, and awards count in matching.</summary>
[Collection(HostCollection.Name)]
public sealed class LandingEvidenceTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Wucheng = "371428"; // 武城县: no other host test uses it

    private async Task<JsonObject> MatchOf(Guid project, string county)
    {
        var matches = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/projects/{project}/matches?top=200", Ct);
        return matches!["matches"]!.AsArray().Single(m => m!["county"]!.GetValue<string>() == county)!.AsObject();
    }

    private static JsonObject? Factor(JsonObject match, string name) =>
        match["factors"]!.AsArray().FirstOrDefault(f => f!["name"]!.GetValue<string>() == name)?.AsObject();

    [Fact]
    public async Task A_confirmed_signing_becomes_verified_platform_evidence_of_the_landing_county_and_the_award_counts_in_matching()
    {
        var (probe, _) = await app.Officer().CreateProject(ProjectBodies.Valid("武城县后续整车项目").With("landMu", 0).With("energyTce", 100).Without("firstContactCounty"));
        var before = await MatchOf(probe, Wucheng);
        Assert.Null(Factor(before, "recentAwards"));

        var id = await AwardedProject(app, Wucheng, "武城县签约证据测试项目");
        var county = app.County(Wucheng);
        var file = await Uploaded(county, id);
        await ReportAndConfirm(app, county, id, Stage("signed", file, ("contractNumber", "武投字〔2026〕7号"), ("amount", 30000)));

        var view = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{Wucheng}", Ct);
        var items = view!["evidence"]!.AsArray().Where(e => e!["statement"]!.GetValue<string>().Contains("武城县签约证据测试项目")).ToArray();
        var item = Assert.Single(items)!;
        Assert.Equal("award", item["kind"]!.GetValue<string>());
        Assert.Equal("verified", item["status"]!.GetValue<string>());
        Assert.True(item["verified"]!.GetValue<bool>());
        Assert.Contains("签约 C3612 项目", item["statement"]!.GetValue<string>());
        Assert.Contains("武投字〔2026〕7号", item["statement"]!.GetValue<string>());
        Assert.Contains("本平台", item["source"]!.GetValue<string>());
        Assert.Equal(SeededAccounts.Coordinator, item["review"]!["by"]!.GetValue<string>());
        Assert.Equal("3612", item["industries"]![0]!["code"]!.GetValue<string>());
        Assert.True(item["weight"]!.GetValue<double>() > 0);

        // The audit says the platform recorded it, as the confirming coordinator.
        var audit = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/counties/{Wucheng}/evidence/audit", Ct);
        var entry = audit!["entries"]!.AsArray().Single(e => e!["itemId"]!.GetValue<string>() == item["id"]!.GetValue<string>())!;
        Assert.Equal("recorded", entry["action"]!.GetValue<string>());
        Assert.Equal(SeededAccounts.Coordinator, entry["actor"]!.GetValue<string>());
        // Already verified: nothing for the coordinators' queue.
        var queue = await app.Coordinator().GetFromJsonAsync<JsonObject>("/api/evidence/queue?take=500", Ct);
        Assert.DoesNotContain(queue!["items"]!.AsArray(), q => q!["item"]!["id"]!.GetValue<string>() == item["id"]!.GetValue<string>() && q["adcode"]!.GetValue<string>() == Wucheng);

        // The running host's refresh reads the award into the snapshot (as its timer does every few minutes).
        var refresher = app.Services.GetRequiredService<CandidateRefresher>();
        var registry = app.Services.GetRequiredService<CandidateRegistry>();
        await Polling.Eventually(async () => { await refresher.RefreshAsync(Ct); return registry.Snapshot.AwardsTo(Wucheng).ToArray(); },
            awards => awards.Any(a => a.Industry.Value == "3612"), TimeSpan.FromSeconds(10));
        Assert.Contains(registry.Snapshot.AwardsTo(Wucheng), a => a.Industry.Value == "3612");

        var after = await MatchOf(probe, Wucheng);
        Assert.Contains("1 个 36", Factor(after, "recentAwards")!["reason"]!.GetValue<string>());
        Assert.Contains("平台上已落地或获统筹", Factor(after, "agglomeration")!["reason"]!.GetValue<string>());
        Assert.True(Factor(after, "agglomeration")!["points"]!.GetValue<double>() > (Factor(before, "agglomeration")?["points"]!.GetValue<double>() ?? 0));
    }
}
