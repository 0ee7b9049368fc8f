using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>Decisions people can act on, in the browser: the confirmation step and revising a decision.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class DecisionConfirmationTests(WorkbenchApplication app)
{
    private const string Zhangdian = "370303", Boshan = "370304"; // 张店区, 博山区

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Contested(string title)
    {
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"{title} {Guid.NewGuid().ToString("N")[..6]}");
        await Api.BidAsync(await app.ApiAsAsync($"county-{Zhangdian}"), projectId, Zhangdian);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Boshan}"), projectId, Boshan);
        return projectId;
    }

    private async Task<decimal?> EnergyHeld(string county, string projectId)
    {
        var quota = await (await app.ApiAsAsync("coordinator")).GetFromJsonAsync<JsonObject>($"api/counties/{county}/quota", Ct);
        return quota!["energyTce"]!["byProject"]![projectId]?.GetValue<decimal>();
    }

    [Fact]
    public async Task The_coordinators_confirm_shows_what_will_be_decided_and_cancelling_decides_nothing()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var projectId = await Contested("确认步骤测试项目");

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var p = coordinator.Page;
        var contest = p.Locator($".contest[data-project='{projectId}']");
        await Expect(contest.Locator(".bid-col")).ToHaveCountAsync(2);
        await contest.Locator("select[id$='-county']").SelectOptionAsync(Zhangdian);
        await Expect(contest.Locator("select[id$='-park']")).Not.ToHaveValueAsync("");
        await contest.Locator("textarea[id$='-reason']").FillAsync("产业链配套最完整");
        await contest.GetByRole(AriaRole.Button, new() { Name = "确认：确定落地县" }).ClickAsync();

        var dialog = p.Locator("dialog[open]");
        await Expect(dialog.Locator(".decision-preview")).ToBeVisibleAsync();
        await Expect(dialog.Locator($"[data-preview-county='{Zhangdian}']")).ToHaveTextAsync("张店区");
        await Expect(dialog.Locator($"tr[data-reserve='{Zhangdian}']")).ToContainTextAsync("预留 8,000");
        await Expect(dialog).ToContainTextAsync("未被选中：博山区");
        await Expect(dialog).ToContainTextAsync("产业链配套最完整");
        await coordinator.ScreenshotAsync("coordinator-decision-confirmation");

        // Cancelled: nothing is written.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(p.Locator("dialog[open]")).ToHaveCountAsync(0);
        Assert.Null(await EnergyHeld(Zhangdian, projectId));
        var project = await (await app.ApiAsAsync("coordinator")).GetFromJsonAsync<JsonObject>($"api/projects/{projectId}", Ct);
        Assert.Equal("contested", project!["status"]!.GetValue<string>());

        await contest.GetByRole(AriaRole.Button, new() { Name = "确认：确定落地县" }).ClickAsync();
        await p.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "确认决定" }).ClickAsync();
        await Expect(contest).ToHaveCountAsync(0);
        Assert.Equal(8000m, await EnergyHeld(Zhangdian, projectId));
        Assert.Empty(coordinator.Errors);
    }

    [Fact]
    public async Task A_coordinator_revises_an_award_from_the_project_page_and_the_counties_see_the_outcome()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var projectId = await Contested("修改决定页面测试项目");
        var api = await app.ApiAsAsync("coordinator");
        var project = (await api.GetFromJsonAsync<JsonObject>($"api/projects/{projectId}", Ct))!;
        var park = (await api.GetFromJsonAsync<JsonObject>($"api/counties/{Zhangdian}", Ct))!["parks"]!.AsArray().First()!["id"]!.GetValue<string>();
        (await api.PostAsJsonAsync($"api/projects/{projectId}/decision", new JsonObject
        {
            ["kind"] = "award", ["county"] = Zhangdian, ["parkId"] = park, ["reason"] = "首轮决定", ["expectedVersion"] = project["version"]!.GetValue<long>(),
        }, Ct)).EnsureSuccessStatusCode();

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var p = coordinator.Page;
        await coordinator.GoAsync($"/projects/{projectId}");
        var banner = p.Locator(".outcome");
        await Expect(banner.Locator($"[data-outcome-county='{Zhangdian}']")).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("首轮决定");

        await banner.GetByRole(AriaRole.Button, new() { Name = "修改决定" }).ClickAsync();
        await p.Locator("#revise-county").SelectOptionAsync(Boshan);
        await p.Locator("#revise-park option:nth-child(2)").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await p.Locator("#revise-park").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await banner.GetByRole(AriaRole.Button, new() { Name = "预览修改" }).ClickAsync();
        // No reason: refused on the page's field, nothing changes.
        await Expect(p.Locator("[data-error-for='revise-reason']")).ToBeVisibleAsync();
        await p.Locator("#revise-reason").FillAsync("博山区用能指标更充裕");
        await banner.GetByRole(AriaRole.Button, new() { Name = "预览修改" }).ClickAsync();

        var dialog = p.Locator("dialog[open]");
        await Expect(dialog.Locator($"tr[data-release='{Zhangdian}']")).ToContainTextAsync("释放 8,000");
        await Expect(dialog.Locator($"tr[data-reserve='{Boshan}']")).ToContainTextAsync("预留 8,000");
        await coordinator.ScreenshotAsync("coordinator-revise-decision");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认修改" }).ClickAsync();

        await Expect(banner.Locator($"[data-outcome-county='{Boshan}']")).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("已修改");
        await Expect(banner).ToContainTextAsync("博山区用能指标更充裕");
        Assert.Null(await EnergyHeld(Zhangdian, projectId));
        Assert.Equal(8000m, await EnergyHeld(Boshan, projectId));

        // The county no longer chosen sees that on its project page.
        await using var loser = await Desk.SignInAsync(app, $"county-{Zhangdian}");
        await loser.GoAsync($"/inbox/{projectId}");
        await Expect(loser.Page.Locator(".outcome[data-you='notChosen']")).ToContainTextAsync("未被选中");
        Assert.Empty(coordinator.Errors);
        Assert.Empty(loser.Errors);
    }
}
