using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// A coordinator's own pages for what the API alone reached before: the holding list (parks without a county), each park
/// opened from it and its land set there; and a county's page, where the figures are set (the host's message beside a bad value, nothing stored),
/// shown self-declared or verified with who and when, a stale version re-read, and the change in the county's audit trail.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class CoordinatorCountyPagesTests(WorkbenchApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Zhifu = "370602"; // 芝罘区: no other test changes it (PageQualityTests only opens its page)

    private async Task<JsonObject> County(string adcode) =>
        (await (await app.ApiAsAsync("coordinator")).GetFromJsonAsync<JsonObject>($"api/counties/{adcode}", Ct))!;

    private static string Thousands(decimal value) => value.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Publishes a project, the county bids at its first park, a coordinator awards it there; returns the energy it reserves.</summary>
    private async Task<decimal> Award(string adcode)
    {
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"县区页面能耗预留测试 {Guid.NewGuid().ToString("N")[..6]}");
        await Api.BidAsync(await app.ApiAsAsync($"county-{adcode}"), projectId, adcode);
        var coordinator = await app.ApiAsAsync("coordinator");
        var project = (await coordinator.GetFromJsonAsync<JsonObject>($"api/projects/{projectId}", Ct))!;
        var park = (await County(adcode))["parks"]!.AsArray().First()!["id"]!.GetValue<string>();
        await (await coordinator.PostAsJsonAsync($"api/projects/{projectId}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = adcode, ["parkId"] = park, ["reason"] = "条件最优",
            ["expectedVersion"] = project["version"]!.GetValue<long>(),
        }, Ct)).ReadJson();
        return project["energyTce"]!.GetValue<decimal>();
    }

    [Fact]
    public async Task A_coordinator_opens_the_holding_list_and_reaches_a_park_from_it()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var unplaced = (await (await app.ApiAsAsync("coordinator")).GetFromJsonAsync<JsonArray>("api/parks?unplaced=true", Ct))!;

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var k = coordinator.Page;
        await k.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "待落位园区" }).ClickAsync();
        await Expect(k.Locator("main h1")).ToHaveTextAsync("待落位园区");
        await Expect(k.Locator(".table-tools [data-total]")).ToHaveAttributeAsync("data-total", unplaced.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(k.Locator("tbody tr[data-park]")).ToHaveCountAsync(Math.Min(20, unplaced.Count));
        await coordinator.ScreenshotAsync("coordinator-holding-list", withoutNotices: true);

        var link = k.Locator("tbody tr[data-park] td[data-col=name] a").First;
        var name = (await link.TextContentAsync())!;
        var id = (await link.GetAttributeAsync("data-park"))!;
        Assert.Contains(unplaced, p => p!["id"]!.GetValue<string>() == id && p["name"]!.GetValue<string>() == name);
        await link.ClickAsync();
        await Expect(k.Locator("main h1")).ToHaveTextAsync(name);
        await Expect(k.Locator("main .muted").First).ToContainTextAsync("未落位到县");
        await Expect(k.Locator($".park-land input#park-land-{id}")).ToBeVisibleAsync();

        // The coordinator sets its land there (in force at once, audited), and the holding list shows it.
        var land = unplaced.Single(p => p!["id"]!.GetValue<string>() == id)!["availableLandMu"]!["value"]!.GetValue<decimal>();
        await k.FillAsync($"#park-land-{id}", $"{land + 10}");
        await k.GetByRole(AriaRole.Button, new() { Name = "设定可用土地" }).ClickAsync();
        await Expect(k.Locator(".toast", new() { HasText = "即时生效" })).ToHaveCountAsync(1);
        await Expect(k.Locator(".audit li[data-action=set]")).ToContainTextAsync("协调员设定");
        await k.GoBackAsync();
        await Expect(k.Locator("main h1")).ToHaveTextAsync("待落位园区");
        await Expect(k.Locator($"tbody tr[data-park='{id}'] td[data-col=availableLandMu]")).ToContainTextAsync($"{(land + 10).ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture)} 亩");
        Assert.Empty(coordinator.Errors);
    }

    [Fact]
    public async Task A_coordinator_sets_a_countys_figures_on_its_page_sees_them_verified_with_who_and_the_change_in_its_audit_trail()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        // The county declares an energy quota of its own: self-declared until verified.
        var before = await County(Zhifu);
        var energy = before["quotas"]!["energyTce"]!["value"]!.GetValue<decimal>();
        var land = before["quotas"]!["landMu"]!["value"]!.GetValue<decimal>();
        var county = await app.ApiAsAsync($"county-{Zhifu}");
        (await county.PutAsJsonAsync($"api/counties/{Zhifu}/profile", new { energyQuotaTce = energy + 5000 }, Ct)).EnsureSuccessStatusCode();

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var k = coordinator.Page;
        await k.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "县区资料" }).ClickAsync();
        await k.Locator("#county-page-pick").SelectOptionAsync(Zhifu);
        await Expect(k.Locator("main h1")).ToHaveTextAsync("芝罘区");
        var energyStanding = k.Locator("[data-standing-for=energyQuotaTce]");
        await Expect(energyStanding).ToHaveAttributeAsync("data-status", "selfDeclared");
        await Expect(energyStanding).ToContainTextAsync("县自报");
        await Expect(energyStanding).ToContainTextAsync("待核实");

        // A bad value: the host's message beside the field, nothing stored.
        await k.FillAsync("#cf-land", "-5");
        await k.GetByRole(AriaRole.Button, new() { Name = "设定并生效" }).ClickAsync();
        await Expect(k.Locator("[data-error-for='cf-land']")).ToContainTextAsync("土地指标须在 0 到");
        Assert.Equal(land, (await County(Zhifu))["quotas"]!["landMu"]!["value"]!.GetValue<decimal>());

        // A good value: in force at once, verified, with the coordinator's name; in the audit trail.
        await k.FillAsync("#cf-land", $"{land + 100}");
        await k.GetByRole(AriaRole.Button, new() { Name = "设定并生效" }).ClickAsync();
        await Expect(k.Locator(".toast", new() { HasText = "即时生效" })).ToHaveCountAsync(1);
        await Expect(k.Locator("[data-error-for='cf-land']")).ToHaveCountAsync(0);
        var landStanding = k.Locator("[data-standing-for=landQuotaMu]");
        await Expect(landStanding).ToHaveAttributeAsync("data-status", "verified");
        await Expect(landStanding).ToContainTextAsync("已核实：省级统筹协调员");
        var trail = k.Locator(".county-audit .audit li[data-item='figure.landQuotaMu'][data-action=set]");
        await Expect(trail).ToHaveCountAsync(1);
        await Expect(trail).ToContainTextAsync("省级统筹协调员");
        await Expect(trail).ToContainTextAsync($"→ {Thousands(land + 100)} 亩（协调员设定）");
        await Expect(k.Locator(".county-audit .audit li[data-item='figure.energyQuotaTce'][data-action=declared]")).ToHaveCountAsync(1);
        var stored = (await County(Zhifu))["quotas"]!["landMu"]!;
        Assert.Equal(land + 100, stored["value"]!.GetValue<decimal>());
        Assert.Equal("coordinator", stored["source"]!.GetValue<string>());
        await coordinator.ScreenshotAsync("coordinator-county-figures", withoutNotices: true);

        // A project awarded to the county reserves its energy: the quota cannot be set below it, as the host answers.
        var reserved = await Award(Zhifu);
        await k.ReloadAsync();
        await Expect(k.Locator("#cf-energy-hint")).ToContainTextAsync($"已为获统筹项目预留 {Thousands(reserved)} 吨标准煤/年");
        await k.FillAsync("#cf-energy", "100");
        await k.GetByRole(AriaRole.Button, new() { Name = "设定并生效" }).ClickAsync();
        await Expect(k.Locator("[data-error-for='cf-energy']")).ToContainTextAsync($"不能低于已为获统筹项目预留的 {Thousands(reserved)} 吨标准煤/年");
        Assert.Equal(energy + 5000, (await County(Zhifu))["quotas"]!["energyTce"]!["value"]!.GetValue<decimal>());
        await k.FillAsync("#cf-energy", $"{energy + 5000}");

        // Someone else changes the county while the coordinator edits: the page shows it live and keeps the unsaved edit;
        // saving it on the older version is refused, explained, and the page re-reads it.
        await k.FillAsync("#cf-land", $"{land + 200}");
        (await county.PutAsJsonAsync($"api/counties/{Zhifu}/profile", new { landPriceFloor = 20 }, Ct)).EnsureSuccessStatusCode();
        await Expect(k.Locator("[data-standing-for=landPriceFloor]")).ToHaveAttributeAsync("data-status", "selfDeclared");
        await Expect(k.Locator("#cf-land")).ToHaveValueAsync($"{land + 200}");
        await k.GetByRole(AriaRole.Button, new() { Name = "设定并生效" }).ClickAsync();
        await Expect(k.Locator(".county-figures .problem")).ToContainTextAsync("资料已被他人修改");
        await Expect(k.Locator("[data-standing-for=landPriceFloor]")).ToHaveAttributeAsync("data-status", "selfDeclared");
        await Expect(k.Locator("#cf-land")).ToHaveValueAsync($"{land + 100}");
        Assert.Equal(land + 100, (await County(Zhifu))["quotas"]!["landMu"]!["value"]!.GetValue<decimal>());
        Assert.Empty(coordinator.Errors);
    }
}
