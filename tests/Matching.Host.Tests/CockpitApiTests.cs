using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

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

        // Sole awards: a county's count and investment are its rows'.
        foreach (var county in new[] { "370211", "370212" })
        {
            var mine = rows.Where(r => r["hostCounty"]?.GetValue<string>() == county && r["status"]!.GetValue<string>() == "awarded").ToArray();
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
