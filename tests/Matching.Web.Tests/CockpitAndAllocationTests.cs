using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>The coordinator plans the contested projects at once, adopts a suggestion, and the cockpit shows it live.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class CockpitAndAllocationTests(WorkbenchApplication app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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

    [Fact]
    public async Task Raising_quotas_in_the_what_if_brings_a_co_build_pair_which_the_coordinator_adopts_as_a_co_build()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Strong = "370321", Weak = "370683", Other = "370215"; // 桓台县 (paired here with 莱州市), 即墨区: no other browser test uses them
        var api = await app.ApiAsAsync("coordinator");
        var pairing = await (await api.PostAsJsonAsync("api/pairings", new JsonObject
        {
            ["kind"] = "strongWeak", ["counties"] = new JsonArray(Strong, Weak), ["reason"] = "统筹共建测试", ["notice"] = "鲁发改区域〔2026〕9号（测试）",
        }, Ct)).ReadJson();
        try
        {
            var title = $"结对共建统筹项目 {Guid.NewGuid().ToString("N")[..6]}";
            var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), title);
            await Api.BidAsync(await app.ApiAsAsync($"county-{Strong}"), projectId, Strong);
            await Api.BidAsync(await app.ApiAsAsync($"county-{Other}"), projectId, Other);
            async Task<decimal> Available(string county)
            {
                var quota = (await (await api.GetAsync($"api/counties/{county}/quota", Ct)).ReadJson())["energyTce"]!;
                return quota["capacity"]!.GetValue<decimal>() - quota["reserved"]!.GetValue<decimal>();
            }

            await using var coordinator = await Desk.SignInAsync(app, "coordinator");
            var c = coordinator.Page;
            await coordinator.GoAsync("/allocation");
            // No pairs first (share 0): the project goes to one county alone.
            await c.Locator("input[name=partnerPercent]").FillAsync("0");
            var row = c.Locator($"tr[data-project='{projectId}']");
            for (var attempt = 0; attempt < 10 && await row.CountAsync() == 0; attempt++)
            {
                await c.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("计算方案|重新计算") }).ClickAsync();
                await Expect(c.Locator(".plan-summary")).ToBeVisibleAsync();
                if (await row.CountAsync() == 0) await c.WaitForTimeoutAsync(500);
            }

            await Expect(row).ToBeVisibleAsync();
            await Expect(row.Locator("td[data-suggested]")).ToHaveAttributeAsync("data-partner", "");

            // What-if: 桓台县 keeps 6,000 tce (less than the project's 8,000, more than its 70 % share), 即墨区 none.
            var raises = c.GetByRole(AriaRole.Group, new() { Name = "调整指标（假设分析）" });
            foreach (var (county, amount) in new[] { (Strong, 6000 - await Available(Strong)), (Other, -await Available(Other)) })
            {
                await raises.Locator("select[name=raiseTarget]").SelectOptionAsync($"energy:{county}");
                await raises.Locator("input[name=raiseAmount]").FillAsync(amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await raises.GetByRole(AriaRole.Button, new() { Name = "加入调整" }).ClickAsync();
                await Expect(raises.Locator($"li[data-raise='energy:{county}']")).ToBeVisibleAsync();
            }

            await c.Locator("input[name=partnerPercent]").FillAsync("30");
            await c.GetByRole(AriaRole.Button, new() { Name = "重新计算" }).ClickAsync();
            await Expect(row.Locator("td[data-suggested]")).ToHaveAttributeAsync("data-partner", Weak);
            await Expect(row.Locator("td[data-suggested]")).ToHaveAttributeAsync("data-suggested", Strong);
            await Expect(row).ToContainTextAsync("结对共建");
            await Expect(row).ToContainTextAsync("桓台县独自承接不可行");
            await Expect(row.Locator("select option", new() { HasText = "桓台县+莱州市结对共建" })).ToHaveCountAsync(1);
            await Expect(c.Locator(".plan-summary")).ToContainTextAsync("结对共建建议");

            foreach (var box in await c.Locator("tr[data-project] input[type=checkbox]").AllAsync())
                if (await box.IsCheckedAsync()) await box.UncheckAsync();
            await row.Locator("input[type=checkbox]").CheckAsync();
            await c.Locator("input[name=coBuildYears]").FillAsync("8");
            await c.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("采纳所选建议（1 项）") }).ClickAsync();
            await Expect(row.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", "decided");
            await coordinator.ScreenshotAsync("allocation-cobuild");

            var decisions = await (await api.GetAsync($"api/projects/{projectId}/decisions", Ct)).Content.ReadFromJsonAsync<JsonArray>(Ct);
            var terms = Assert.Single(decisions!)!["terms"]!;
            Assert.Equal(("cobuild", Strong, 8), (terms["kind"]!.GetValue<string>(), terms["county"]!.GetValue<string>(), terms["years"]!.GetValue<int>()));
            Assert.Equal([(Strong, 70m), (Weak, 30m)], terms["shares"]!.AsArray().Select(x => (x!["county"]!.GetValue<string>(), x["percent"]!.GetValue<decimal>())));
            Assert.Empty(coordinator.Errors);
        }
        finally
        {
            (await api.PostAsJsonAsync($"api/pairings/{pairing["id"]!.GetValue<string>()}/end", new JsonObject { ["reason"] = "测试结束", ["notice"] = "测试" }, Ct)).EnsureSuccessStatusCode();
        }
    }
}
