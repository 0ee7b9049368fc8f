using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// 市级统筹 in the browser: 济宁's coordinator sees a contest between two of its counties on its board, with
/// the route line the escalation rules give it, and decides it with the province's form.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class PrefectureBoardTests(WorkbenchApplication app)
{
    private const string Rencheng = "370811", Yanzhou = "370812";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_prefecture_coordinator_decides_a_contest_routed_to_its_prefecture()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var officer = await app.ApiAsAsync("officer");
        // Under every size threshold (5 亿元, 40 亩), first contact in 任城区: the contest stays with 济宁.
        var body = Api.Project("济宁市级统筹浏览器项目");
        body["investment"] = 50_000;
        body["landMu"] = 40;
        body["energyTce"] = 300;
        body["firstContactCounty"] = Rencheng;
        var created = await (await officer.PostAsJsonAsync("api/projects", body, Ct)).ReadJson();
        var id = created["id"]!.GetValue<string>();
        await (await officer.PostAsync($"api/projects/{id}/publish", null, Ct)).ReadJson();
        await Api.BidAsync(await app.ApiAsAsync($"county-{Rencheng}"), id, Rencheng);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Yanzhou}"), id, Yanzhou);

        await using var jining = await Desk.SignInAsync(app, "city-3708");
        var p = jining.Page;
        await Expect(p.Locator(".topbar .role")).ToHaveTextAsync("市级统筹");
        var contest = p.Locator($".contest[data-project='{id}']");
        await Expect(contest).ToBeVisibleAsync();
        var route = contest.Locator(".route");
        await Expect(route).ToHaveAttributeAsync("data-route-rule", "ESC-SAME-PREFECTURE");
        await Expect(route).ToContainTextAsync("由济宁市统筹；投资超过 10 亿元");
        await Expect(contest.Locator(".bid-col")).ToHaveCountAsync(2);
        await jining.ScreenshotAsync("prefecture-contest-board", withoutNotices: true);

        await contest.Locator("select[id$='-county']").SelectOptionAsync(Yanzhou);
        await Expect(contest.Locator("select[id$='-park']")).Not.ToHaveValueAsync("");
        await contest.Locator("textarea[id$='-reason']").FillAsync("兖州区配套更完整，市级统筹确定");
        await contest.GetByRole(AriaRole.Button, new() { Name = "确认：确定落地县" }).ClickAsync();
        await p.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "确认决定" }).ClickAsync();
        await Expect(contest).ToHaveCountAsync(0);

        var decisions = await (await app.ApiAsAsync("officer")).GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"api/projects/{id}/decisions", Ct);
        Assert.Equal("city-3708", decisions!.Single()!["decidedBy"]!.GetValue<string>());
    }
}
