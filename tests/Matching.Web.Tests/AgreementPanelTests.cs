using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// A co-build's benefit-sharing agreement on the project page: the parties see both ledgers of a year,
/// a county outside the agreement sees the official one only, as the host decides.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class AgreementPanelTests(WorkbenchApplication app)
{
    private const string Zhangdian = "370303", Boshan = "370304", Linzi = "370305"; // 张店区, 博山区, 临淄区

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_parties_see_both_ledgers_and_an_outsider_the_official_one_only()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var officer = await app.ApiAsAsync("officer");
        var body = Api.Project($"共建协议页面测试 {Guid.NewGuid().ToString("N")[..6]}");
        (body["landMu"], body["energyTce"]) = (50, 500);
        var projectId = (await (await officer.PostAsJsonAsync("api/projects", body, Ct)).ReadJson())["id"]!.GetValue<string>();
        (await officer.PostAsync($"api/projects/{projectId}/publish", null, Ct)).EnsureSuccessStatusCode();
        await Api.BidAsync(await app.ApiAsAsync($"county-{Zhangdian}"), projectId, Zhangdian);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Boshan}"), projectId, Boshan);

        var coordinator = await app.ApiAsAsync("coordinator");
        var version = (await coordinator.GetFromJsonAsync<JsonObject>($"api/projects/{projectId}", Ct))!["version"]!.GetValue<long>();
        var park = (await coordinator.GetFromJsonAsync<JsonObject>($"api/counties/{Zhangdian}", Ct))!["parks"]!.AsArray().First()!["id"]!.GetValue<string>();
        (await coordinator.PostAsJsonAsync($"api/projects/{projectId}/decision", new JsonObject
        {
            ["kind"] = "cobuild", ["county"] = Zhangdian, ["parkId"] = park, ["years"] = 5, ["reason"] = "两地共建",
            ["shares"] = new JsonArray(new JsonObject { ["county"] = Zhangdian, ["percent"] = 70 }, new JsonObject { ["county"] = Boshan, ["percent"] = 30 }),
            ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        (await coordinator.PostAsJsonAsync($"api/projects/{projectId}/agreement", new JsonObject
        {
            ["template"] = "7:3", ["firstYear"] = year, ["years"] = 3, ["indicators"] = new JsonArray("retainedTax", "outputValue"),
        }, Ct)).EnsureSuccessStatusCode();
        (await coordinator.PutAsJsonAsync($"api/projects/{projectId}/agreement/figures/{year}", new JsonObject
        {
            ["fixedAssetInvestment"] = 1000, ["outputValue"] = 5000, ["retainedTax"] = 300, ["source"] = "县统计局年报",
        }, Ct)).EnsureSuccessStatusCode();

        await using (var partner = await Desk.SignInAsync(app, $"county-{Boshan}"))
        {
            await partner.GoAsync($"/inbox/{projectId}");
            var panel = partner.Page.Locator("section.agreement");
            await Expect(panel).ToContainTextAsync("张店区 70%");
            var first = panel.Locator("details").First;
            await first.Locator("summary").ClickAsync();
            await Expect(first.Locator("table.ledger")).ToHaveCountAsync(2);
            // 30 % of the output goes to 博山区 in the assessment ledger; the official one keeps it all at 张店区.
            await Expect(first.Locator("table.ledger").Nth(1)).ToContainTextAsync("1,500");
            await Expect(first.Locator("table.ledger").Nth(0)).ToContainTextAsync("5,000");
            await partner.ScreenshotAsync("county-agreement-ledgers");
        }

        await using var outsider = await Desk.SignInAsync(app, $"county-{Linzi}");
        await outsider.GoAsync($"/inbox/{projectId}");
        var seen = outsider.Page.Locator("section.agreement");
        var seenFirst = seen.Locator("details").First;
        await seenFirst.Locator("summary").ClickAsync();
        await Expect(seenFirst.Locator("table.ledger")).ToHaveCountAsync(1);
        await Expect(seen).ToContainTextAsync("考核口径台账仅协议各方与统筹协调员可见");
    }

    private const string Zhoucun = "370306", Huantai = "370321", Gaoqing = "370322"; // 周村区, 桓台县, 高青县

    [Fact]
    public async Task The_coordinator_completes_and_confirms_the_drafted_agreement_a_party_marks_a_year_paid_and_an_outsider_sees_the_official_ledger()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var officer = await app.ApiAsAsync("officer");
        var body = Api.Project($"共建协议表单测试 {Guid.NewGuid().ToString("N")[..6]}");
        (body["landMu"], body["energyTce"]) = (30, 200);
        var projectId = (await (await officer.PostAsJsonAsync("api/projects", body, Ct)).ReadJson())["id"]!.GetValue<string>();
        (await officer.PostAsync($"api/projects/{projectId}/publish", null, Ct)).EnsureSuccessStatusCode();
        await Api.BidAsync(await app.ApiAsAsync($"county-{Zhoucun}"), projectId, Zhoucun);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Huantai}"), projectId, Huantai);
        var coordinatorApi = await app.ApiAsAsync("coordinator");
        var version = (await coordinatorApi.GetFromJsonAsync<JsonObject>($"api/projects/{projectId}", Ct))!["version"]!.GetValue<long>();
        var park = (await coordinatorApi.GetFromJsonAsync<JsonObject>($"api/counties/{Zhoucun}", Ct))!["parks"]!.AsArray().First()!["id"]!.GetValue<string>();
        // The co-build decision drafts the agreement (60:40, 5 years): no agreement is posted through the API.
        (await coordinatorApi.PostAsJsonAsync($"api/projects/{projectId}/decision", new JsonObject
        {
            ["kind"] = "cobuild", ["county"] = Zhoucun, ["parkId"] = park, ["years"] = 5, ["reason"] = "两地共建",
            ["shares"] = new JsonArray(new JsonObject { ["county"] = Zhoucun, ["percent"] = 60 }, new JsonObject { ["county"] = Huantai, ["percent"] = 40 }),
            ["expectedVersion"] = version,
        }, Ct)).EnsureSuccessStatusCode();
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

        await using (var coordinator = await Desk.SignInAsync(app, "coordinator"))
        {
            await coordinator.GoAsync($"/projects/{projectId}");
            var panel = coordinator.Page.Locator("section.agreement");
            await Expect(panel.Locator(".agreement-status")).ToContainTextAsync("草稿");
            var form = panel.Locator("form.agreement-form");
            await form.Locator("#ag-template").SelectOptionAsync("custom");
            await form.Locator("#ag-share-0").FillAsync("70");
            await Expect(form.Locator(".share-sum")).ToContainTextAsync("合计 110%");
            await form.Locator("button[type=submit]").ClickAsync();
            // The host's message for the shares, in Chinese, on the shares.
            await Expect(form.Locator("[data-error-for=shares]")).ToContainTextAsync("各方份额之和须为 100%");
            await form.Locator("#ag-share-1").FillAsync("30");
            await form.Locator("#ag-years").FillAsync("0");
            await form.Locator("button[type=submit]").ClickAsync();
            await Expect(form.Locator("[data-error-for=ag-years]")).ToContainTextAsync("1 到 50 年");
            await form.Locator("#ag-years").FillAsync("3");
            await form.Locator("input[value=fixedAssetInvestment]").UncheckAsync();
            await form.Locator("button[type=submit]").ClickAsync();
            await Expect(panel).ToContainTextAsync("周村区 70%");
            await Expect(panel).ToContainTextAsync($"分享期 {year}–{year + 2} 年");
            await panel.Locator("form.agreement-form button", new() { HasTextString = "确认协议" }).ClickAsync();
            await Expect(panel.Locator(".agreement-status")).ToContainTextAsync("已确认");
            await Expect(panel.Locator("form.agreement-form")).ToHaveCountAsync(0);

            // The year's verified figures, recorded on the page.
            var first = panel.Locator("details").First;
            await first.Locator("summary").ClickAsync();
            var figures = first.Locator("form.figures-form");
            await figures.Locator($"#fg-{year}-outputValue").FillAsync("-5");
            await figures.Locator($"#fg-{year}-source").FillAsync("县统计局年报");
            await figures.Locator("button[type=submit]").ClickAsync();
            await Expect(figures.Locator($"[data-error-for=fg-{year}-outputValue]")).ToContainTextAsync("不能小于 0");
            await figures.Locator($"#fg-{year}-outputValue").FillAsync("2000");
            await figures.Locator("button[type=submit]").ClickAsync();
            await Expect(first.Locator("table.ledger").Nth(0)).ToContainTextAsync("2,000");
        }

        await using (var partner = await Desk.SignInAsync(app, $"county-{Huantai}"))
        {
            await partner.GoAsync($"/inbox/{projectId}");
            var panel = partner.Page.Locator("section.agreement");
            var first = panel.Locator("details").First;
            await first.Locator("summary").ClickAsync();
            // 30 % of the output to 桓台县 in the assessment ledger.
            await Expect(first.Locator("table.ledger").Nth(1)).ToContainTextAsync("600");
            var settlement = first.Locator("form.settlement-form");
            await settlement.Locator($"#st-{year}-status").SelectOptionAsync("disputed");
            await settlement.Locator("button[type=submit]").ClickAsync();
            await Expect(settlement.Locator($"[data-error-for=st-{year}-note]")).ToContainTextAsync("须说明理由");
            await settlement.Locator($"#st-{year}-status").SelectOptionAsync("paid");
            await settlement.Locator("button[type=submit]").ClickAsync();
            await Expect(first.Locator("summary")).ToContainTextAsync("已结算");
            await partner.ScreenshotAsync("county-agreement-settlement");
        }

        var stored = (await coordinatorApi.GetFromJsonAsync<JsonObject>($"api/projects/{projectId}/agreement/ledgers/{year}", Ct))!;
        Assert.Equal(("paid", $"county-{Huantai}"), (stored["settlement"]!["status"]!.GetValue<string>(), stored["settlement"]!["setBy"]!.GetValue<string>()));

        await using var outsider = await Desk.SignInAsync(app, $"county-{Gaoqing}");
        await outsider.GoAsync($"/inbox/{projectId}");
        var seen = outsider.Page.Locator("section.agreement");
        var seenFirst = seen.Locator("details").First;
        await seenFirst.Locator("summary").ClickAsync();
        await Expect(seenFirst.Locator("table.ledger")).ToHaveCountAsync(1);
        await Expect(seenFirst.Locator("table.ledger")).ToContainTextAsync("2,000");
        await Expect(seen).ToContainTextAsync("考核口径台账仅协议各方与统筹协调员可见");
        await Expect(seen.Locator("form")).ToHaveCountAsync(0);
    }
}
