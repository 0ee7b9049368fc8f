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
}
