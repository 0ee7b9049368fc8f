using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// The province's side of 市级统筹 in the browser: taking over a contest a prefecture holds (with a reason), the
/// route line on the officer's project page, and the pairing editor with its version history.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class TakeoverAndPairingTests(WorkbenchApplication app)
{
    // 泗水县 and 梁山县 (济宁): bid on by no other browser test. 单县 and 成武县 (菏泽): paired by none.
    private const string Sishui = "370831", Liangshan = "370832", Shanxian = "371722", Chengwu = "371723";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> ContestInJining(string title)
    {
        var officer = await app.ApiAsAsync("officer");
        var body = Api.Project(title);
        body["investment"] = 50_000;
        body["landMu"] = 40;
        body["energyTce"] = 300;
        body["firstContactCounty"] = Sishui;
        var id = (await (await officer.PostAsJsonAsync("api/projects", body, Ct)).ReadJson())["id"]!.GetValue<string>();
        await (await officer.PostAsync($"api/projects/{id}/publish", null, Ct)).ReadJson();
        await Api.BidAsync(await app.ApiAsAsync($"county-{Sishui}"), id, Sishui);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Liangshan}"), id, Liangshan);
        return id;
    }

    [Fact]
    public async Task A_provincial_coordinator_takes_over_a_contest_a_prefecture_holds_with_a_reason()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var id = await ContestInJining("省级接管浏览器项目");

        // The officer's project page says who decides, and offers the officer no takeover.
        await using (var officer = await Desk.SignInAsync(app, "officer"))
        {
            await officer.GoAsync($"/projects/{id}");
            var line = officer.Page.Locator(".route-line .route");
            await Expect(line).ToHaveAttributeAsync("data-route-rule", "ESC-SAME-PREFECTURE");
            await Expect(line).ToContainTextAsync("意向县均属济宁市，由济宁市统筹");
            await Expect(officer.Page.Locator("[data-action='takeover']")).ToHaveCountAsync(0);
        }

        await using var province = await Desk.SignInAsync(app, "coordinator");
        var p = province.Page;
        var contest = p.Locator($".contest[data-project='{id}']");
        await Expect(contest).ToBeVisibleAsync();
        var takeover = contest.Locator("[data-action='takeover']");
        await Expect(takeover).ToContainTextAsync("现由济宁市统筹");

        // No reason: refused on the page, nothing sent.
        await takeover.ClickAsync();
        var dialog = p.Locator("dialog[open]");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认接管" }).ClickAsync();
        await Expect(dialog.Locator(".field-error")).ToContainTextAsync("请填写接管理由");
        await dialog.Locator("textarea").FillAsync("涉及全省产业链布局，省级统筹");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认接管" }).ClickAsync();

        var route = contest.Locator(".route");
        await Expect(route).ToHaveAttributeAsync("data-route-rule", "ESC-TAKEOVER");
        await Expect(route).ToContainTextAsync("省级统筹协调员接管：涉及全省产业链布局，省级统筹");
        await Expect(contest.Locator("[data-action='takeover']")).ToHaveCountAsync(0);

        var stored = await (await app.ApiAsAsync("officer")).GetFromJsonAsync<JsonObject>($"api/projects/{id}/route", Ct);
        Assert.Equal("province", stored!["level"]!.GetValue<string>());
        Assert.Equal("coordinator", stored["by"]!.GetValue<string>());
        // 济宁's coordinator may no longer decide it.
        var jining = await app.ApiAsAsync("city-3708");
        var version = (await (await app.ApiAsAsync("officer")).GetFromJsonAsync<JsonObject>($"api/projects/{id}", Ct))!["version"]!.GetValue<long>();
        var refused = await jining.PostAsJsonAsync($"api/projects/{id}/decision", new JsonObject { ["kind"] = "reject", ["reason"] = "市级", ["expectedVersion"] = version }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);

        // The project page follows: the route line now says the province decides.
        await province.GoAsync($"/projects/{id}");
        await Expect(p.Locator(".route-line .route")).ToHaveAttributeAsync("data-route-rule", "ESC-TAKEOVER");
    }

    [Fact]
    public async Task The_pairing_editor_adds_changes_and_ends_a_pairing_and_keeps_every_version()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        await using var province = await Desk.SignInAsync(app, "coordinator");
        var p = province.Page;
        await p.GetByRole(AriaRole.Link, new() { Name = "结对" }).ClickAsync();
        await Expect(p.Locator("h1")).ToContainTextAsync("结对管理");

        await p.Locator("[data-action='add-pairing']").ClickAsync();
        var form = p.Locator(".pairing-form");
        await form.Locator("#pairing-county-0").SelectOptionAsync(Shanxian);
        await form.Locator("#pairing-county-1").SelectOptionAsync(Chengwu);
        await form.Locator("#pairing-reason").FillAsync("产业梯度转移");
        // No notice: the host names the field, nothing stored.
        await form.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(form.Locator("[data-error-for='pairing-notice']")).ToBeVisibleAsync();
        await form.Locator("#pairing-notice").FillAsync("鲁发改区域〔2026〕8号（测试）");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0);

        var row = p.Locator("tr[data-current]", new() { HasText = "鲁发改区域〔2026〕8号（测试）" });
        await Expect(row).ToContainTextAsync("单县");
        await Expect(row).ToContainTextAsync("第 1 版");
        var pairingId = await row.GetAttributeAsync("data-current");

        await row.Locator("[data-action='edit-pairing']").ClickAsync();
        await p.Locator("#pairing-reason").FillAsync("产业梯度转移与园区共建");
        await p.Locator(".pairing-form").GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(row).ToContainTextAsync("第 2 版");
        await Expect(row).ToContainTextAsync("产业梯度转移与园区共建");

        await row.Locator("[data-action='end-pairing']").ClickAsync();
        var dialog = p.Locator("dialog[open]");
        await dialog.Locator("#end-reason").FillAsync("并入市级协作");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认终止" }).ClickAsync();
        await Expect(dialog.Locator("[data-error-for='end-notice']")).ToBeVisibleAsync();
        await dialog.Locator("#end-notice").FillAsync("鲁发改区域〔2027〕9号（测试）");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认终止" }).ClickAsync();
        await Expect(p.Locator($"tr[data-current='{pairingId}']")).ToHaveCountAsync(0);

        // The history keeps all three versions, the earlier reason included.
        var versions = p.Locator($".pairing-versions tr[data-pairing='{pairingId}']");
        await Expect(versions).ToHaveCountAsync(3);
        await Expect(versions.Nth(0)).ToHaveAttributeAsync("data-change", "ended");
        await Expect(versions.Nth(0)).ToContainTextAsync("鲁发改区域〔2027〕9号（测试）");
        await Expect(versions.Nth(2)).ToContainTextAsync("产业梯度转移");
        await Expect(versions.Nth(2)).ToHaveAttributeAsync("data-change", "added");
        await province.ScreenshotAsync("pairing-editor", withoutNotices: true);

        var county = await (await app.ApiAsAsync("officer")).GetFromJsonAsync<JsonObject>($"api/counties/{Shanxian}", Ct);
        Assert.DoesNotContain(county!["pairingPartners"]!.AsArray(), x => x!["adcode"]!.GetValue<string>() == Chengwu);
    }
}
