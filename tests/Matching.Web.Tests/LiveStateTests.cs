using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>The live channel in the browser: indicator, reconnect with catch-up, and stale decisions explained.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class LiveStateTests(WorkbenchApplication app)
{
    [Fact]
    public async Task A_dropped_connection_comes_back_and_fills_in_what_was_missed_once()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Luozhuang = "371311"; // 罗庄区
        await using var county = await Desk.SignInAsync(app, $"county-{Luozhuang}");
        var c = county.Page;
        var stream = $"matching.live.county-{Luozhuang}.county:{Luozhuang}";
        var before = int.Parse(await c.EvaluateAsync<string>($"() => sessionStorage.getItem('{stream}')"));

        await c.EvaluateAsync("() => window.matchingLive.disconnect()");
        await Expect(c.Locator(".conn")).ToHaveAttributeAsync("data-state", "offline");
        await Expect(c.Locator(".conn")).ToContainTextAsync("离线");

        var officer = await app.ApiAsAsync("officer");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var first = await Api.PublishAsync(officer, $"错过的项目甲 {suffix}");
        var second = await Api.PublishAsync(officer, $"错过的项目乙 {suffix}");
        await c.WaitForTimeoutAsync(500);
        await Expect(c.Locator($".inbox-item[data-project='{first}']")).ToHaveCountAsync(0); // nothing arrives while offline

        await c.EvaluateAsync("() => window.matchingLive.reconnect()");
        await Expect(c.Locator(".conn")).ToHaveAttributeAsync("data-state", "online");
        await Expect(c.Locator($".inbox-item[data-project='{first}'][data-new='1']")).ToHaveCountAsync(1);
        await Expect(c.Locator($".inbox-item[data-project='{second}'][data-new='1']")).ToHaveCountAsync(1);
        Assert.Equal(2, await c.EvaluateAsync<int>("() => window.matchingLive.lastCatchUp"));
        Assert.Equal(before + 2, int.Parse(await c.EvaluateAsync<string>($"() => sessionStorage.getItem('{stream}')")));

        // A reload (same tab) resumes from the remembered sequence: nothing is applied twice.
        await c.ReloadAsync();
        await Expect(c.Locator(".conn")).ToHaveAttributeAsync("data-state", "online");
        await Expect(c.Locator($".inbox-item[data-project='{first}']")).ToHaveCountAsync(1);
        Assert.Equal(0, await c.EvaluateAsync<int>("() => window.matchingLive.lastCatchUp"));
        Assert.Equal(before + 2, int.Parse(await c.EvaluateAsync<string>($"() => sessionStorage.getItem('{stream}')")));
        Assert.Empty(county.Errors);
    }

    [Fact]
    public async Task A_decision_on_a_stale_version_is_explained_and_the_board_refreshed()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Hedong = "371312", Junan = "371327", Yinan = "371321"; // 河东区, 莒南县, 沂南县
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"电驱系统竞争项目 {Guid.NewGuid().ToString("N")[..6]}");
        await Api.BidAsync(await app.ApiAsAsync($"county-{Hedong}"), projectId, Hedong);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Junan}"), projectId, Junan);

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var p = coordinator.Page;
        var contest = p.Locator($".contest[data-project='{projectId}']");
        await Expect(contest.Locator(".bid-col")).ToHaveCountAsync(2);

        // The board stops hearing news; meanwhile a third county bids (the project's version moves on).
        await p.EvaluateAsync("() => window.matchingLive.disconnect()");
        await Api.BidAsync(await app.ApiAsAsync($"county-{Yinan}"), projectId, Yinan);

        await contest.Locator("select[id$='-county']").SelectOptionAsync(Hedong);
        await contest.Locator("textarea[id$='-reason']").FillAsync("契合度最高");
        await contest.GetByRole(AriaRole.Button, new() { Name = "确认：确定落地县" }).ClickAsync();
        await Expect(contest.Locator(".problem")).ToContainTextAsync("决定未生效");
        await Expect(contest.Locator(".problem")).ToContainTextAsync("请刷新后重新决定");
        // The board re-read the contest: the third bid is there, the decision can be made on the new version.
        await Expect(contest.Locator(".bid-col")).ToHaveCountAsync(3);
        await coordinator.ScreenshotAsync("coordinator-stale-decision");

        await contest.Locator("select[id$='-county']").SelectOptionAsync(Hedong);
        await contest.Locator("textarea[id$='-reason']").FillAsync("契合度最高，已核对新意向");
        await contest.GetByRole(AriaRole.Button, new() { Name = "确认：确定落地县" }).ClickAsync();
        await contest.Page.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "确认决定" }).ClickAsync();
        await Expect(contest).ToHaveCountAsync(0);

        var project = await (await app.ApiAsAsync("coordinator")).GetFromJsonAsync<JsonObject>($"api/projects/{projectId}", TestContext.Current.CancellationToken);
        Assert.Equal("awarded", project!["status"]!.GetValue<string>());
        Assert.Empty(coordinator.Errors);
    }

    [Fact]
    public async Task A_coordinator_decides_a_cobuild_with_shares_and_the_partner_county_sees_its_share_live()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Lanling = "371324", Pingyi = "371326"; // 兰陵县, 平邑县
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"电驱系统共建项目 {Guid.NewGuid().ToString("N")[..6]}");
        await Api.BidAsync(await app.ApiAsAsync($"county-{Lanling}"), projectId, Lanling);
        await using var partner = await Desk.SignInAsync(app, $"county-{Pingyi}");
        await Api.BidAsync(await app.ApiAsAsync($"county-{Pingyi}"), projectId, Pingyi);
        await partner.GoAsync($"/inbox/{projectId}");
        await Expect(partner.Page.Locator(".my-bid")).ToBeVisibleAsync();

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var contest = coordinator.Page.Locator($".contest[data-project='{projectId}']");
        await Expect(contest.Locator(".bid-col")).ToHaveCountAsync(2);
        await contest.GetByLabel("共建（分成）").CheckAsync();
        await contest.Locator("select[id$='-county']").SelectOptionAsync(Lanling);
        await contest.Locator("select[id$='-share-0']").SelectOptionAsync(Lanling);
        await contest.Locator("input[id$='-pct-0']").FillAsync("60");
        await contest.Locator("select[id$='-share-1']").SelectOptionAsync(Pingyi);
        await contest.Locator("input[id$='-pct-1']").FillAsync("30");
        await contest.Locator("textarea[id$='-reason']").FillAsync("两县毗邻，联合招商，共建园区");
        await contest.GetByRole(AriaRole.Button, new() { Name = "确认：共建（分成）" }).ClickAsync();
        await Expect(contest.Locator(".field-error")).ToContainTextAsync("100%"); // 60 + 30: refused on the shares

        await contest.Locator("input[id$='-pct-1']").FillAsync("40");
        await contest.GetByRole(AriaRole.Button, new() { Name = "确认：共建（分成）" }).ClickAsync();
        await contest.Page.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "确认决定" }).ClickAsync();
        await Expect(contest).ToHaveCountAsync(0);

        // The partner county, on the project's page, sees the outcome arrive with its share.
        await Expect(partner.Page.Locator(".outcome.won")).ToContainTextAsync("平邑县 40%");
        Assert.Empty(coordinator.Errors);
        Assert.Empty(partner.Errors);
    }
}
