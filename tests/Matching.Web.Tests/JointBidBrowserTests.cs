using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// 联合招商 in the browser: 任城区 proposes a joint bid with its neighbour 兖州区; 兖州区's banned phrase is
/// refused next to its field; its clean confirmation makes the bid count, which 任城区 sees.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class JointBidBrowserTests(WorkbenchApplication app)
{
    private const string Rencheng = "370811", Yanzhou = "370812";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lead_county_proposes_a_joint_bid_and_its_partner_confirms_it()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var officer = await app.ApiAsAsync("officer");
        var body = Api.Project("联合招商浏览器项目");
        body["investment"] = 50_000;
        body["landMu"] = 40;
        body["energyTce"] = 300;
        body["firstContactCounty"] = Rencheng;
        var id = (await (await officer.PostAsJsonAsync("api/projects", body, Ct)).ReadJson())["id"]!.GetValue<string>();
        await (await officer.PostAsync($"api/projects/{id}/publish", null, Ct)).ReadJson();

        await using var lead = await Desk.SignInAsync(app, $"county-{Rencheng}");
        await lead.GoAsync($"/inbox/{id}");
        var l = lead.Page;
        var form = l.Locator(".joint-form");
        await Expect(form).ToBeVisibleAsync();
        await form.Locator("#jb-partner").SelectOptionAsync(Yanzhou);
        await form.Locator("#jb-percent").FillAsync("40");
        await form.Locator("#jb-landPrice").FillAsync("30");
        await form.Locator("#jb-commitments").FillAsync("两县联合专班服务");
        await form.GetByRole(AriaRole.Button, new() { Name = "提交联合招商意向" }).ClickAsync();
        var status = l.Locator(".joint-status");
        await Expect(status).ToHaveAttributeAsync("data-counts", "0");
        await Expect(status).ToContainTextAsync("等待 兖州区 确认");

        await using var partner = await Desk.SignInAsync(app, $"county-{Yanzhou}");
        await partner.GoAsync($"/inbox/{id}");
        var confirm = partner.Page.Locator($".joint-confirm[data-lead='{Rencheng}']");
        await Expect(confirm).ToBeVisibleAsync();
        await confirm.Locator("#jc-commitments").FillAsync("兖州区给予税收返还");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "确认联合招商" }).ClickAsync();
        await Expect(confirm.Locator(".field-error")).ToBeVisibleAsync();
        await Expect(confirm.Locator(".field-error")).ToContainTextAsync("税收返还");
        await partner.ScreenshotAsync("joint-bid-partner-refused", withoutNotices: true);

        await confirm.Locator("#jc-commitments").FillAsync("兖州区提供用工培训与物流配套");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "确认联合招商" }).ClickAsync();
        await Expect(confirm.Locator(".ok")).ToHaveTextAsync("本县已确认。");

        await l.ReloadAsync();
        await Expect(l.Locator(".joint-status")).ToHaveAttributeAsync("data-counts", "1");
        var bids = await officer.GetFromJsonAsync<JsonArray>($"api/projects/{id}/bids", Ct);
        Assert.Equal(Rencheng, bids!.Single()!["county"]!.GetValue<string>());
    }
}
