using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace Matching.Host.Tests;

/// <summary>
/// The yearly county report through the real host: its figures move by exactly what a project, a bid
/// and an award add (the shared host holds other tests' projects, so the test compares before and after),
/// and it reads back as Excel and PDF; a county reads only its own, officers none.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CountyReportsApiTests(MatchingApplication app)
{
    // Counties no other test of the shared host decides on, so their quotas hold this test's award.
    private const string Host = "371003", Other = "371083"; // 文登区, 乳山市
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int Year => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    private async Task<Dictionary<string, decimal>> Figures(HttpClient client, string county)
    {
        var report = (await client.GetFromJsonAsync<JsonObject>($"/api/reports/counties/{county}?year={Year}", Ct))!;
        return report["indicators"]!.AsArray().ToDictionary(i => i!["key"]!.GetValue<string>(), i => i!["value"]!.GetValue<decimal>());
    }

    private async Task<string> Park(string county) =>
        (await app.Officer().GetFromJsonAsync<JsonArray>($"/api/parks?county={county}", Ct))![0]!["id"]!.GetValue<string>();

    [Fact]
    public async Task A_bid_and_an_award_move_the_hosts_figures_by_exactly_what_they_add()
    {
        var coordinator = app.Coordinator();
        var before = await Figures(coordinator, Host);
        var otherBefore = await Figures(coordinator, Other);

        var officer = app.Officer();
        var (id, _) = await officer.CreateProject(ProjectBodies.Valid("年度报告检验项目").With("investment", 48_000).With("landMu", 20).With("energyTce", 100));
        (await officer.PostAsync($"/api/projects/{id}/publish", null, Ct)).EnsureSuccessStatusCode();
        (await app.County(Host).PostAsJsonAsync($"/api/projects/{id}/bids", new JsonObject
        {
            ["county"] = Host, ["parkId"] = await Park(Host), ["landMu"] = 20, ["energyTce"] = 100, ["deliveryMonths"] = 6,
            ["landPrice"] = 25, ["commitments"] = "专班服务", ["note"] = "",
        }, Ct)).EnsureSuccessStatusCode();
        var version = (await officer.GetFromJsonAsync<JsonObject>($"/api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        (await coordinator.PostAsJsonAsync($"/api/projects/{id}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = Host, ["parkId"] = await Park(Host), ["reason"] = "配套完善", ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();

        var after = await Polling.Eventually(() => Figures(coordinator, Host), f => f["hosted"] > before["hosted"]);
        Assert.Equal(before["bids"] + 1, after["bids"]);
        Assert.Equal(before["hosted"] + 1, after["hosted"]);
        Assert.Equal(before["led"] + 1, after["led"]);
        Assert.Equal(before["hostedInvestment"] + 48_000, after["hostedInvestment"]);
        Assert.Equal(before["signed"], after["signed"]);
        var other = await Figures(coordinator, Other);
        Assert.Equal(otherBefore["hosted"], other["hosted"]);
        Assert.Equal(otherBefore["bids"], other["bids"]);

        // The county reads its own report, with the rule of every figure written out.
        var own = (await app.County(Host).GetFromJsonAsync<JsonObject>($"/api/reports/counties/{Host}", Ct))!;
        Assert.Equal(Year, own["year"]!.GetValue<int>());
        Assert.All(own["indicators"]!.AsArray(), i => Assert.False(string.IsNullOrWhiteSpace(i!["rule"]!.GetValue<string>())));
    }

    [Fact]
    public async Task The_report_reads_back_as_excel_and_pdf_for_one_county_and_for_all()
    {
        var coordinator = app.Coordinator();
        var one = await coordinator.GetByteArrayAsync($"/api/reports/counties/{Host}?year={Year}&format=xlsx", Ct);
        var row = Assert.Single(new MemoryStream(one).Query(useHeaderRow: true, sheetName: "县域年度指标").Cast<IDictionary<string, object?>>());
        Assert.Contains("文登区", row["县（市、区）"]!.ToString());
        Assert.Equal(Host, row["代码"]!.ToString());
        Assert.Contains("落地投资额（万元）", row.Keys);
        Assert.NotEmpty(new MemoryStream(one).Query(useHeaderRow: true, sheetName: "指标口径"));

        var all = await coordinator.GetByteArrayAsync($"/api/reports/counties?year={Year}&format=xlsx", Ct);
        Assert.Equal(136, new MemoryStream(all).Query(useHeaderRow: true, sheetName: "县域年度指标").Count());

        var pdf = await coordinator.GetByteArrayAsync($"/api/reports/counties/{Host}?year={Year}&format=pdf", Ct);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains("文登区", text);
        Assert.Contains("落地投资额", text);

        // The funnel chart: one filled bar per non-zero funnel figure, the longest for the largest.
        Assert.Contains("落地漏斗", text);
        var json = await coordinator.GetFromJsonAsync<JsonObject>($"/api/reports/counties/{Host}?year={Year}", Ct);
        var indicators = json!["indicators"]!.AsArray();
        var funnel = new[] { "fitProjects", "bids", "led", "signed", "started", "funds", "producing", "atCapacity" }
            .Select(k => indicators.Single(i => i!["key"]!.GetValue<string>() == k)!["value"]!.GetValue<decimal>()).ToArray();
        var bars = document.GetPages().SelectMany(p => p.Paths).Where(p => p.IsFilled).Select(p => p.GetBoundingRectangle()!.Value.Width).ToArray();
        Assert.Equal(funnel.Count(v => v > 0), bars.Length);
        // (Whether the award test ran first decides what the funnel holds; both ways, the bars follow it.)
        if (bars.Length > 0) Assert.Equal(bars.Max(), bars[Array.IndexOf(funnel.Where(v => v > 0).ToArray(), funnel.Max())], 1);
    }

    [Fact]
    public async Task Only_the_county_itself_and_coordinators_read_it_and_bad_parameters_are_problems()
    {
        await Problems.AssertProblem(await app.County(Other).GetAsync($"/api/reports/counties/{Host}", Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblem(await app.Officer().GetAsync($"/api/reports/counties/{Host}", Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblem(await app.County(Host).GetAsync("/api/reports/counties", Ct), HttpStatusCode.Forbidden);
        await Problems.AssertProblem(await app.CreateClient().GetAsync($"/api/reports/counties/{Host}", Ct), HttpStatusCode.Unauthorized);

        var coordinator = app.Coordinator();
        await Problems.AssertProblem(await coordinator.GetAsync("/api/reports/counties/999999", Ct), HttpStatusCode.NotFound);
        var year = await Problems.AssertProblem(await coordinator.GetAsync($"/api/reports/counties/{Host}?year=1999", Ct), HttpStatusCode.BadRequest);
        Assert.NotNull(year["errors"]!["year"]);
        var format = await Problems.AssertProblem(await coordinator.GetAsync($"/api/reports/counties/{Host}?format=doc", Ct), HttpStatusCode.BadRequest);
        Assert.NotNull(format["errors"]!["format"]);
    }
}
