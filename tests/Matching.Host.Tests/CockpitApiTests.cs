using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Domain.Decisions;
using Matching.Domain.Landing;
using Matching.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class CockpitApiTests(MatchingApplication app)
{
    private readonly HttpClient _officer = app.Officer();
    private readonly HttpClient _coordinator = app.Coordinator();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> Awarded(string title, string county, decimal investment)
    {
        var (id, _) = await _officer.CreateProject(ProjectBodies.Valid(title).With("investment", investment).With("landMu", 12).With("energyTce", 80));
        (await _officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        var park = (await _officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();
        (await app.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", new JsonObject
        {
            ["county"] = county, ["parkId"] = park, ["landMu"] = 12, ["energyTce"] = 80, ["deliveryMonths"] = 12,
            ["landPrice"] = 30, ["commitments"] = "专班服务", ["note"] = "",
        }, Ct)).EnsureSuccessStatusCode();
        var version = (await _officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        (await _coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = county, ["parkId"] = park, ["reason"] = "驾驶舱测试", ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task The_cockpit_figures_are_the_sums_over_the_stored_projects()
    {
        var first = await Awarded("驾驶舱项目一", "370211", 12345);
        var second = await Awarded("驾驶舱项目二", "370212", 6789);

        // Wait until the index has both settled, then compare with the stored projects as the project list gives them.
        var cockpit = (await Polling.Eventually(
            () => _coordinator.GetFromJsonAsync<JsonObject>("/api/cockpit", Ct)!,
            c => c!["report"]!["counties"]!.AsArray().Single(x => x!["code"]!.GetValue<string>() == "370212")!["projects"]!.GetValue<int>() >= 1))!;
        var rows = new List<JsonNode>();
        foreach (var status in new[] { "awarded", "coBuilt", "landed" })
        {
            for (var skip = 0; ; skip += 100)
            {
                var page = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/projects?status={status}&skip={skip}&take=100", Ct))!["rows"]!.AsArray();
                rows.AddRange(page.Select(r => r!));
                if (page.Count < 100) break;
            }
        }
        Assert.Contains(rows, r => r["id"]!.GetValue<Guid>() == first);
        Assert.Contains(rows, r => r["id"]!.GetValue<Guid>() == second);

        var report = cockpit["report"]!;
        var weaker = report["weaker"]!;
        Assert.Equal(rows.Count, weaker["projects"]!.GetValue<int>());
        Assert.Equal(rows.Sum(r => r["investment"]!.GetValue<decimal>()), weaker["investment"]!.GetValue<decimal>());
        var counties = report["counties"]!.AsArray();
        Assert.Equal(rows.Count, counties.Sum(c => c!["projects"]!.GetValue<int>()));
        Assert.Equal(rows.Sum(r => r["investment"]!.GetValue<decimal>()), counties.Sum(c => c!["investment"]!.GetValue<decimal>()));

        // Sole awards (landed ones included): a county's count and investment are its rows'.
        foreach (var county in new[] { "370211", "370212" })
        {
            var mine = rows.Where(r => r["hostCounty"]?.GetValue<string>() == county && r["status"]!.GetValue<string>() != "coBuilt").ToArray();
            var figures = counties.Single(c => c!["code"]!.GetValue<string>() == county)!;
            Assert.Equal(mine.Length, figures["projects"]!.GetValue<int>());
            Assert.Equal(mine.Sum(r => r["investment"]!.GetValue<decimal>()), figures["investment"]!.GetValue<decimal>());
            var quota = (await _coordinator.GetFromJsonAsync<JsonObject>($"/api/counties/{county}/quota", Ct))!;
            Assert.Equal(quota["energyTce"]!["reserved"]!.GetValue<decimal>(), figures["energyReservedTce"]!.GetValue<decimal>());
            Assert.Equal(quota["landMu"]!.AsArray().Sum(p => p!["reserved"]!.GetValue<decimal>()), figures["landReservedMu"]!.GetValue<decimal>());
        }

        // Prefectures add up their counties; each division's HHI is that of its investment by county.
        var qingdao = report["prefectures"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == "370200")!;
        Assert.Equal(counties.Where(c => c!["prefecture"]!.GetValue<string>() == "370200").Sum(c => c!["investment"]!.GetValue<decimal>()), qingdao["investment"]!.GetValue<decimal>());
        foreach (var division in report["divisions"]!.AsArray())
        {
            var of = rows.Where(r => r["industryCode"]!.GetValue<string>()[..2] == division!["division"]!.GetValue<string>() && r["status"]!.GetValue<string>() != "coBuilt").ToArray();
            if (of.Length != division!["projects"]!.GetValue<int>()) continue; // a co-build splits by shares: checked in the domain tests
            var total = of.Sum(r => r["investment"]!.GetValue<decimal>());
            var hhi = of.GroupBy(r => r["hostCounty"]!.GetValue<string>()).Sum(g => Math.Pow((double)(100 * g.Sum(r => r["investment"]!.GetValue<decimal>()) / total), 2));
            Assert.Equal(Math.Round(hhi, 1), division["hhi"]!.GetValue<double>(), 1);
        }
    }

    [Fact]
    public async Task The_funnel_counts_a_confirmed_signing_at_the_landing_county()
    {
        const string County = "370211";
        static JsonObject FunnelOf(JsonObject cockpit) =>
            cockpit["countyFunnels"]!.AsArray().SingleOrDefault(f => f!["county"]!.GetValue<string>() == County)?.AsObject()
            ?? new JsonObject { ["settled"] = 0, ["steps"] = new JsonArray(new JsonObject { ["stage"] = "signed", ["projects"] = 0 }) };
        static int Signed(JsonObject funnel) => funnel["steps"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == "signed")!["projects"]!.GetValue<int>();

        var id = await LandingTestKit.AwardedProject(app, County, "驾驶舱漏斗项目");
        var before = FunnelOf((await Polling.Eventually(
            () => _coordinator.GetFromJsonAsync<JsonObject>("/api/cockpit", Ct)!,
            c => c!["report"]!["counties"]!.AsArray().Any(x => x!["code"]!.GetValue<string>() == County && x["projects"]!.GetValue<int>() >= 1)))!);

        var county = app.County(County);
        var file = await LandingTestKit.Uploaded(county, id);
        await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("signed", file, ("contractNumber", "鲁投协字〔2026〕99号"), ("amount", 5000)));

        var after = (await Polling.Eventually(
            () => _coordinator.GetFromJsonAsync<JsonObject>("/api/cockpit", Ct)!,
            c => Signed(FunnelOf(c!)) == Signed(before) + 1))!;
        var funnel = FunnelOf(after);
        Assert.True(funnel["settled"]!.GetValue<int>() >= Signed(funnel));
        Assert.Equal(Math.Round(100.0 * Signed(funnel) / funnel["settled"]!.GetValue<int>(), 1),
            funnel["steps"]![0]!["conversionPercent"]!.GetValue<double>(), 1);
        Assert.Equal(["signed", "started", "fundsArrived", "producing", "atCapacity"], funnel["steps"]!.AsArray().Select(s => s!["stage"]!.GetValue<string>()));
        var province = after["funnel"]!;
        Assert.Equal(after["report"]!["weaker"]!["projects"]!.GetValue<int>(), province["settled"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_decision_and_a_confirmed_stage_reach_the_cockpit_through_the_settled_projection()
    {
        const string County = "370211";
        static JsonNode Figures(JsonObject cockpit) => cockpit["report"]!["counties"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == County)!;
        var search = app.Services.GetRequiredService<ISearchEngine>();
        async Task<SettledHit?> Projected(Guid id) =>
            (await search.ReadAllSettledAsync(new SettledQuery(County: County), Ct)).SingleOrDefault(h => h.Id == id);

        var before = Figures((await _coordinator.GetFromJsonAsync<JsonObject>("/api/cockpit", Ct))!);
        var id = await Awarded("驾驶舱投影项目", County, 4321);

        // The decision is in the project's index document: lead, park, what it reserved, its investment.
        var settled = (await Polling.Eventually(() => Projected(id), h => h is not null))!.Settlement;
        var park = (await _officer.GetFromJsonAsync<JsonArray>($"/api/parks?county={County}", Ct))![0]!["id"]!.GetValue<string>();
        Assert.Equal((DecisionKind.Award, County, park, 12m, 80m, 4321m), (settled.Kind, settled.Lead, settled.ParkId, settled.LandMu, settled.EnergyTce, settled.Investment));
        Assert.Empty(settled.Confirmed);
        var after = Figures((await Polling.Eventually(
            () => _coordinator.GetFromJsonAsync<JsonObject>("/api/cockpit", Ct)!,
            c => Figures(c!)["projects"]!.GetValue<int>() > before["projects"]!.GetValue<int>()))!);
        // Other tests of the shared app award in this county too, and one awarded earlier may reach the figures only now:
        // this project is in them (at least one more project, at least its investment more), not necessarily alone.
        Assert.True(after["projects"]!.GetValue<int>() >= before["projects"]!.GetValue<int>() + 1);
        Assert.True(after["investment"]!.GetValue<decimal>() >= before["investment"]!.GetValue<decimal>() + 4321);

        // A confirmed 签约 changes the document, and the cockpit's funnel with it.
        var county = app.County(County);
        var file = await LandingTestKit.Uploaded(county, id);
        await LandingTestKit.ReportAndConfirm(app, county, id, LandingTestKit.Stage("signed", file, ("contractNumber", "鲁投协字〔2026〕77号"), ("amount", 4000)));
        var confirmed = (await Polling.Eventually(() => Projected(id), h => h?.Settlement.Confirmed.Count == 1))!.Settlement.Confirmed.Single();
        Assert.Equal((LandingStage.Signed, 4000m), (confirmed.Stage, confirmed.Amount));
        var cockpit = (await _coordinator.GetFromJsonAsync<JsonObject>("/api/cockpit", Ct))!;
        var signed = (await search.ReadAllSettledAsync(new SettledQuery(County: County), Ct))
            .Count(h => h.Settlement.Lead == County && h.Settlement.Confirmed.Any(f => f.Stage == LandingStage.Signed));
        var funnel = cockpit["countyFunnels"]!.AsArray().Single(f => f!["county"]!.GetValue<string>() == County)!;
        Assert.Equal(signed, funnel["steps"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == "signed")!["projects"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_period_that_ends_before_today_counts_nothing_decided_today()
    {
        await Awarded("驾驶舱项目三", "370211", 1000);
        var old = (await _coordinator.GetFromJsonAsync<JsonObject>("/api/cockpit?from=2020-01-01&to=2020-12-31", Ct))!;
        Assert.Equal(0, old["report"]!["weaker"]!["projects"]!.GetValue<int>());
        Assert.Empty(old["report"]!["divisions"]!.AsArray());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-06-01&to=2026-05-01", "to")]
    public async Task A_bad_period_is_a_validation_problem(string query, string field) =>
        await Problems.AssertValidationProblem(await _coordinator.GetAsync($"/api/cockpit?{query}", Ct), field);

    [Fact]
    public async Task Counties_do_not_see_the_cockpit() =>
        await Problems.AssertProblem(await app.County("370211").GetAsync("/api/cockpit", Ct), HttpStatusCode.Forbidden);
}
