using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class EvidenceApiTests(MatchingApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_county_shows_the_evidence_behind_each_industry_it_is_credited_with()
    {
        // 奎文区: 潍柴动力 (C36), registered in 潍坊高新区, placed through the zone table.
        var county = await app.Officer().GetFromJsonAsync<JsonObject>("/api/counties/370705", Ct);

        var evidence = county!["evidence"]!.AsArray();
        var weichai = evidence.Single(e => e!["statement"]!.GetValue<string>().Contains("潍柴动力"))!;
        Assert.Equal("listedCompany", weichai["kind"]!.GetValue<string>());
        Assert.Equal(2025, weichai["year"]!.GetValue<int>());
        Assert.Equal("36", weichai["industries"]![0]!["code"]!.GetValue<string>());
        Assert.False(weichai["verified"]!.GetValue<bool>());
        Assert.True(weichai["weight"]!.GetValue<double>() > 0);
        Assert.Contains("深交所", weichai["source"]!.GetValue<string>());

        var c36 = county["creditedIndustries"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "36")!;
        Assert.Contains(c36["evidence"]!.AsArray(), i => evidence[i!.GetValue<int>()]!["statement"]!.GetValue<string>().Contains("潍柴动力"));
        // Each featured industry points at the items behind it.
        Assert.All(county["featuredIndustries"]!.AsArray(), f => Assert.NotNull(f!["evidence"]));
    }

    [Fact]
    public async Task A_2614_project_excludes_counties_without_a_recognised_chemical_park_until_a_coordinator_marks_one()
    {
        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("有机化学原料项目")
            .With("industryCode", "2614").With("industryText", "有机化学原料").With("landMu", 10).Without("firstContactCounty"));

        var before = await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=200", Ct);

        var excluded = before!["excluded"]!.AsArray();
        // 莱西市 (370285) is on no chemical-park list.
        var laixi = excluded.Single(e => e!["county"]!.GetValue<string>() == "370285")!;
        Assert.Contains(laixi["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("化工园区：", StringComparison.Ordinal) && r.GetValue<string>().Contains("认定的化工园区"));
        Assert.Contains(before["matches"]!.AsArray(), m => m!["county"]!.GetValue<string>() == "370323"); // 沂源县: 沂源化工产业园

        var parks = await officer.GetFromJsonAsync<JsonArray>("/api/parks?county=370285", Ct);
        var parkId = parks![0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await app.County("370285").PutAsJsonAsync($"/api/parks/{parkId}/chemical-park", new { recognised = true }, Ct)).StatusCode);
        await Problems.AssertValidationProblem(await app.Coordinator().PutAsJsonAsync($"/api/parks/{parkId}/chemical-park", new { }, Ct), "recognised");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Coordinator().PutAsJsonAsync("/api/parks/NOPE/chemical-park", new { recognised = true }, Ct)).StatusCode);

        var marked = await app.Coordinator().PutAsJsonAsync($"/api/parks/{parkId}/chemical-park", new { recognised = true }, Ct);
        marked.EnsureSuccessStatusCode();
        var park = await app.Officer().GetFromJsonAsync<JsonObject>($"/api/parks/{parkId}", Ct);
        Assert.True(park!["chemicalPark"]!["value"]!.GetValue<bool>());
        Assert.Equal("coordinator", park["chemicalPark"]!["source"]!.GetValue<string>());

        var after = await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=200", Ct);
        Assert.DoesNotContain(after!["excluded"]!.AsArray(), e => e!["county"]!.GetValue<string>() == "370285");
        Assert.Contains(after["matches"]!.AsArray(), m => m!["county"]!.GetValue<string>() == "370285");
    }

    [Fact]
    public async Task A_2614_project_ranks_a_county_with_a_likely_chemical_park_saying_it_must_be_recognised_first()
    {
        // 无棣县 (371623): 山东无棣工业园区, 主导产业 化工、轻工、机械, on no recognised chemical-park list.
        var county = await app.Officer().GetFromJsonAsync<JsonObject>("/api/counties/371623", Ct);
        var likely = county!["evidence"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "chemicalParkCandidate")!;
        Assert.Contains("待认定", likely["statement"]!.GetValue<string>());
        Assert.False(likely["verified"]!.GetValue<bool>());

        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("有机化学原料项目（无棣）")
            .With("industryCode", "2614").With("industryText", "有机化学原料").With("landMu", 10).Without("firstContactCounty"));
        var result = await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=200", Ct);

        Assert.DoesNotContain(result!["excluded"]!.AsArray(), e => e!["county"]!.GetValue<string>() == "371623");
        var wudi = result["matches"]!.AsArray().Single(m => m!["county"]!.GetValue<string>() == "371623")!;
        Assert.Contains(wudi["factors"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "chemicalPark"
            && f["reason"]!.GetValue<string>().StartsWith("化工园区待认定", StringComparison.Ordinal) && f["reason"]!.GetValue<string>().Contains("山东无棣工业园区"));
    }

    [Fact]
    public async Task A_logistics_project_ranks_counties_without_logistics_in_their_profile()
    {
        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("区域分拨仓储中心")
            .With("industryCode", "5920").With("industryText", "仓储物流").With("landMu", 0).With("energyTce", 500).Without("firstContactCounty"));

        var result = await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/matches?top=500", Ct);

        Assert.True(result!["matches"]!.AsArray().Count >= 100);
        Assert.DoesNotContain(result["excluded"]!.AsArray(), e => e!["reasons"]!.AsArray().Any(r => r!.GetValue<string>().StartsWith("行业", StringComparison.Ordinal)));
        var top = result["matches"]!.AsArray()[0]!;
        Assert.Contains(top["factors"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "agglomeration");
    }
}
