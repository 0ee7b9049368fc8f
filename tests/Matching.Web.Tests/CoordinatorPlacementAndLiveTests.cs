using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// What the coordinators' county and park pages do in the browser beyond their own saves: a holding-list park placed into a
/// county from its page (and off the holding list, on the county's page, in the next match); a county page updating live when
/// another coordinator changes a figure, who and when on the figure itself; the audit trail paged older and newer.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class CoordinatorPlacementAndLiveTests(WorkbenchApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Juye = "371724";     // 巨野县: no other browser test uses it
    private const string Yuncheng = "371725"; // 郓城县: no other browser test uses it
    private const string Juancheng = "371726"; // 鄄城县: no other browser test uses it

    private async Task<JsonObject> County(string adcode) =>
        (await (await app.ApiAsAsync("coordinator")).GetFromJsonAsync<JsonObject>($"api/counties/{adcode}", Ct))!;

    private async Task SetFigures(string adcode, object body)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, $"api/counties/{adcode}/figures") { Content = JsonContent.Create(body) };
        var response = await (await app.ApiAsAsync("coordinator")).SendAsync(put, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_coordinator_places_a_holding_list_park_into_a_county_from_its_page()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var k = coordinator.Page;
        await coordinator.GoAsync("/holding");
        await Expect(k.Locator("main h1")).ToHaveTextAsync("待落位园区");
        await k.FillAsync("#holding-q", "菏泽经济开发区");
        await k.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        var row = k.Locator("tbody tr[data-park]", new() { HasText = "山东菏泽经济开发区" });
        await Expect(row).ToHaveCountAsync(1);
        var id = (await row.GetAttributeAsync("data-park"))!;
        await row.Locator("a[data-place]").ClickAsync();
        await Expect(k.Locator("main h1")).ToHaveTextAsync("山东菏泽经济开发区");

        // Nothing chosen: the page says so under the field, nothing is sent.
        await k.GetByRole(AriaRole.Button, new() { Name = "确认落位" }).ClickAsync();
        await Expect(k.Locator("[data-error-for='park-county']")).ToContainTextAsync("请选择");
        // The prefecture's counties come first.
        await Expect(k.Locator("#park-county optgroup").First).ToHaveAttributeAsync("label", "菏泽市");
        await k.Locator("#park-county").SelectOptionAsync(Juye);
        await coordinator.ScreenshotAsync("coordinator-park-placement", withoutNotices: true);
        await k.GetByRole(AriaRole.Button, new() { Name = "确认落位" }).ClickAsync();
        await Expect(k.Locator(".toast", new() { HasText = "已落位" })).ToHaveCountAsync(1);
        await Expect(k.Locator($"[data-placed-in='{Juye}']")).ToContainTextAsync("巨野县");
        await Expect(k.Locator($"[data-placed-in='{Juye}']")).ToContainTextAsync("从待落位园区落位");
        await Expect(k.Locator(".audit li[data-action=placed]")).ToContainTextAsync("协调员落位");
        await Expect(k.Locator("#park-county")).ToHaveCountAsync(0);

        var park = (await (await app.ApiAsAsync("coordinator")).GetFromJsonAsync<JsonObject>($"api/parks/{id}", Ct))!;
        Assert.Equal(Juye, park["county"]!["adcode"]!.GetValue<string>());

        // Off the holding list; on the county's page, with the placement in its audit trail.
        await coordinator.GoAsync("/holding");
        await Expect(k.Locator("main h1")).ToHaveTextAsync("待落位园区");
        await Expect(k.Locator($"tbody tr[data-park='{id}']")).ToHaveCountAsync(0);
        await coordinator.GoAsync($"/counties/{Juye}");
        await Expect(k.Locator("main h1")).ToHaveTextAsync("巨野县");
        await Expect(k.Locator($"ul.parks a[href='#/parks/{Uri.EscapeDataString(id)}']")).ToHaveTextAsync("山东菏泽经济开发区");
        await Expect(k.Locator(".county-audit .audit li[data-action=placed]")).ToContainTextAsync("山东菏泽经济开发区");
        Assert.Empty(coordinator.Errors);
    }

    [Fact]
    public async Task A_countys_page_shows_another_coordinators_change_live_with_who_and_when_on_the_figure()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var land = (await County(Yuncheng))["quotas"]!["landMu"]!["value"]!.GetValue<decimal>();

        await using var watching = await Desk.SignInAsync(app, "coordinator");
        await using var editing = await Desk.SignInAsync(app, "coordinator");
        await watching.GoAsync($"/counties/{Yuncheng}");
        await editing.GoAsync($"/counties/{Yuncheng}");
        await Expect(watching.Page.Locator("main h1")).ToHaveTextAsync("郓城县");
        await Expect(watching.Page.Locator(".conn[data-state=online]")).ToBeVisibleAsync();
        await Expect(editing.Page.Locator("main h1")).ToHaveTextAsync("郓城县");

        await editing.Page.FillAsync("#cf-land", $"{land + 321}");
        await editing.Page.GetByRole(AriaRole.Button, new() { Name = "设定并生效" }).ClickAsync();
        await Expect(editing.Page.Locator(".toast", new() { HasText = "即时生效" })).ToHaveCountAsync(1);

        // The other page shows the new value, verified with who and when (from the figure), and the change in its trail.
        var w = watching.Page;
        await Expect(w.Locator("#cf-land")).ToHaveValueAsync($"{land + 321}");
        var standing = w.Locator("[data-standing-for=landQuotaMu]");
        await Expect(standing).ToHaveAttributeAsync("data-status", "verified");
        await Expect(standing).ToContainTextAsync("已核实：省级统筹协调员");
        await Expect(standing).ToContainTextAsync("设定");
        await Expect(w.Locator(".county-audit .audit li[data-item='figure.landQuotaMu'][data-action=set]")).ToHaveCountAsync(1);

        // A change by the county itself reaches the page too.
        var county = await app.ApiAsAsync($"county-{Yuncheng}");
        (await county.PutAsJsonAsync($"api/counties/{Yuncheng}/profile", new { oldRevolutionaryBase = true }, Ct)).EnsureSuccessStatusCode();
        await Expect(w.Locator("[data-standing-for=oldRevolutionaryBase]")).ToHaveAttributeAsync("data-status", "selfDeclared");
        Assert.Empty(watching.Errors);
        Assert.Empty(editing.Errors);
    }

    [Fact]
    public async Task The_audit_trail_pages_older_and_newer_in_the_browser()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var land = (await County(Juancheng))["quotas"]!["landMu"]!["value"]!.GetValue<decimal>();
        // 25 settings, one audit line each: more than the page's 20.
        for (var i = 1; i <= 25; i++) await SetFigures(Juancheng, new { landQuotaMu = land + i });
        var total = (await (await app.ApiAsAsync("coordinator")).GetFromJsonAsync<JsonObject>($"api/counties/{Juancheng}/evidence/audit?take=1", Ct))!["total"]!.GetValue<long>();
        Assert.True(total >= 25);

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var k = coordinator.Page;
        await coordinator.GoAsync($"/counties/{Juancheng}");
        var entries = k.Locator(".county-audit .audit li");
        await Expect(entries).ToHaveCountAsync(20);
        await Expect(k.Locator(".county-audit [data-total]").First).ToContainTextAsync($"第 1–20 条，共 {total} 条");
        var newest = (await entries.First.GetAttributeAsync("data-sequence"))!;
        await Expect(entries.First).ToContainTextAsync($"→ {(land + 25).ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture)} 亩");
        await Expect(k.GetByRole(AriaRole.Button, new() { Name = "较新的记录" })).ToBeDisabledAsync();

        await k.GetByRole(AriaRole.Button, new() { Name = "较早的记录" }).ClickAsync();
        await Expect(k.Locator(".county-audit [data-total]").First).ToContainTextAsync($"第 21–{total} 条，共 {total} 条");
        await Expect(entries).ToHaveCountAsync((int)total - 20);
        var older = long.Parse((await entries.First.GetAttributeAsync("data-sequence"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(older < long.Parse(newest, System.Globalization.CultureInfo.InvariantCulture));
        await Expect(entries.First).ToContainTextAsync($"→ {(land + 5).ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture)} 亩");
        await Expect(k.GetByRole(AriaRole.Button, new() { Name = "较早的记录" })).ToBeDisabledAsync();

        await k.GetByRole(AriaRole.Button, new() { Name = "较新的记录" }).ClickAsync();
        await Expect(k.Locator(".county-audit [data-total]").First).ToContainTextAsync($"第 1–20 条，共 {total} 条");
        await Expect(entries.First).ToHaveAttributeAsync("data-sequence", newest);
        Assert.Empty(coordinator.Errors);
    }
}
