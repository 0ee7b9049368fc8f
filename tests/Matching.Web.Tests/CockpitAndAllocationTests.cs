using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>The coordinator plans the contested projects at once, adopts a suggestion, and the cockpit shows it live.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class CockpitAndAllocationTests(WorkbenchApplication app)
{
    [Fact]
    public async Task A_coordinator_adopts_one_suggestion_and_the_open_cockpit_counts_it_live()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Yishui = "371323", Mengyin = "371328"; // 沂水县, 蒙阴县
        var title = $"统筹分配项目 {Guid.NewGuid().ToString("N")[..6]}";
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), title);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Yishui}"), projectId, Yishui);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Mengyin}"), projectId, Mengyin);

        // The cockpit is open in another window before the decision is made.
        await using var watching = await Desk.SignInAsync(app, "coordinator");
        await watching.GoAsync("/cockpit");
        var w = watching.Page;
        await Expect(w.Locator("main h1")).ToHaveTextAsync("统筹驾驶舱");
        await Expect(w.Locator(".kpi[data-kpi='projects']")).ToBeVisibleAsync();
        await Expect(w.Locator(".chart[data-ready='1']").First).ToBeVisibleAsync();
        await Expect(w.Locator(".chart svg").First).ToBeVisibleAsync();
        var before = int.Parse(await w.Locator(".kpi[data-kpi='projects'] strong").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var c = coordinator.Page;
        await coordinator.GoAsync("/allocation");
        await Expect(c.Locator("main h1")).ToHaveTextAsync("统筹分配建议");
        var row = c.Locator($"tr[data-project='{projectId}']");
        // The index may take a moment to list the new contest: compute until it is in the plan.
        for (var attempt = 0; attempt < 10 && await row.CountAsync() == 0; attempt++)
        {
            await c.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("计算方案|重新计算") }).ClickAsync();
            await Expect(c.Locator(".plan-summary")).ToBeVisibleAsync();
            if (await row.CountAsync() == 0) await c.WaitForTimeoutAsync(500);
        }

        await Expect(row).ToBeVisibleAsync();
        await Expect(c.Locator(".plan-summary")).ToContainTextAsync("总分");
        var host = await row.Locator("td[data-suggested]").GetAttributeAsync("data-suggested");
        Assert.Contains(host, new[] { Yishui, Mengyin });
        await Expect(row).ToContainTextAsync("契合度");

        // A what-if: lock the project to the other county and recompute.
        var other = host == Yishui ? Mengyin : Yishui;
        await row.Locator("select").SelectOptionAsync(other);
        await c.GetByRole(AriaRole.Button, new() { Name = "重新计算" }).ClickAsync();
        await Expect(row.Locator("td[data-suggested]")).ToHaveAttributeAsync("data-suggested", other);
        await Expect(row).ToContainTextAsync("已锁定");

        // Adopt this one suggestion only; other tests' contests stay undecided.
        foreach (var box in await c.Locator("tr[data-project] input[type=checkbox]").AllAsync())
            if (await box.IsCheckedAsync()) await box.UncheckAsync();
        await row.Locator("input[type=checkbox]").CheckAsync();
        await c.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("采纳所选建议（1 项）") }).ClickAsync();
        await Expect(row.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", "decided");

        // The open cockpit re-reads on the decision: one more settled project, and the county has it.
        await Expect(w.Locator(".kpi[data-kpi='projects'] strong")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        await Expect(w.Locator($"tr[data-county='{other}']")).ToContainTextAsync("亿元");
        await watching.ScreenshotAsync("cockpit");
        Assert.Empty(watching.Errors);
        Assert.Empty(coordinator.Errors);
    }
}
