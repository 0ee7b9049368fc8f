using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>A county keeps its profile true from the workbench.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class CountyProfileTests(WorkbenchApplication app)
{
    [Fact]
    public async Task A_county_adds_a_featured_industry_and_corrects_its_land_quota()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Yishui = "371323"; // 沂水县
        await using var county = await Desk.SignInAsync(app, $"county-{Yishui}");
        var c = county.Page;
        await county.GoAsync("/profile");
        await Expect(c.Locator("main h1")).ToContainTextAsync("沂水县");

        await c.FillAsync("#pr-add-industry", "光伏");
        await c.Locator(".picker-list li", new() { HasText = "3825" }).ClickAsync();
        await Expect(c.Locator("td code", new() { HasText = "3825" })).ToBeVisibleAsync();
        await c.FillAsync("#pr-land", "1200");
        await c.FillAsync("#pr-floor", "2"); // below the national floor: refused, next to the field
        await c.GetByRole(AriaRole.Button, new() { Name = "保存资料" }).ClickAsync();
        await Expect(c.Locator("[data-error-for='pr-floor']")).ToContainTextAsync("4 到 56");

        await c.FillAsync("#pr-floor", "");
        await c.GetByRole(AriaRole.Button, new() { Name = "保存资料" }).ClickAsync();
        await Expect(c.Locator(".toast")).ToContainTextAsync("已保存");
        await c.EvaluateAsync("() => window.scrollTo(0, 0)");
        await county.ScreenshotAsync("county-profile", withoutNotices: true);

        var saved = await (await app.ApiAsAsync($"county-{Yishui}")).GetFromJsonAsync<JsonObject>($"api/counties/{Yishui}", TestContext.Current.CancellationToken);
        Assert.Contains(saved!["featuredIndustries"]!.AsArray(), f => f!["code"]!.GetValue<string>() == "3825");
        Assert.Equal(1200m, saved["quotas"]!["landMu"]!["value"]!.GetValue<decimal>());
        Assert.Equal("county", saved["quotas"]!["landMu"]!["source"]!.GetValue<string>());
        Assert.Empty(county.Errors);
    }
}
