using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>A county declares evidence and uploads its roster from its profile; a coordinator verifies from the queue.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class EvidenceVerificationTests(WorkbenchApplication app)
{
    private static string Code(int n) => Domain.Projects.CreditCode.WithCheck($"91371500MA3D{n:D5}");

    [Fact]
    public async Task A_county_declares_an_item_and_uploads_a_roster_and_a_coordinator_verifies_the_item_from_the_queue()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Yanggu = "371521"; // 阳谷县
        await using var county = await Desk.SignInAsync(app, $"county-{Yanggu}");
        var c = county.Page;
        await county.GoAsync("/profile");
        await Expect(c.Locator("main h1")).ToContainTextAsync("阳谷县");

        await c.FillAsync("#ev-statement", "龙头企业 阳谷电缆集团，年产值 60 亿元");
        await c.FillAsync("#ev-industries", "9999");
        await c.FillAsync("#ev-source", "阳谷县工信局 2025 年重点企业名单");
        await c.GetByRole(AriaRole.Button, new() { Name = "申报", Exact = true }).ClickAsync();
        await Expect(c.Locator(".declare .problem")).ToContainTextAsync("9999");
        await c.FillAsync("#ev-industries", "3831");
        await c.GetByRole(AriaRole.Button, new() { Name = "申报", Exact = true }).ClickAsync();
        var item = c.Locator(".declared li", new() { HasText = "阳谷电缆集团" });
        await Expect(item).ToContainTextAsync("本县自报，待省级核实");
        await Expect(item).ToHaveAttributeAsync("data-status", "selfDeclared");

        var bad = $"企业名称,统一社会信用代码,行业\n阳谷甲线缆有限公司,{Code(1)},3831\n阳谷乙线缆有限公司,91371500MA3D000020,3831\n";
        await c.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "名录.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await Expect(c.Locator(".declare .problem")).ToContainTextAsync("第 3 行");
        await Expect(c.Locator(".declared li[data-status]", new() { HasText = "企业名录" })).ToHaveCountAsync(0);
        var good = $"企业名称,统一社会信用代码,行业,年产值（万元）\n阳谷甲线缆有限公司,{Code(1)},3831,30000\n阳谷乙线缆有限公司,{Code(2)},3831,900\n";
        await c.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "名录.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        await Expect(c.Locator(".toast", new() { HasText = "名录已导入" })).ToContainTextAsync("2 家企业");
        await Expect(c.Locator(".declared li", new() { HasText = "2 家 3831" })).ToContainTextAsync("待省级核实");

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var k = coordinator.Page;
        await coordinator.GoAsync("/evidence");
        var queued = k.Locator($".queue li[data-county='{Yanggu}']", new() { HasText = "阳谷电缆集团" });
        await queued.GetByRole(AriaRole.Button, new() { Name = "不予采信" }).ClickAsync();
        await Expect(queued.Locator(".field-error")).ToContainTextAsync("理由");
        await queued.GetByLabel("核实说明").FillAsync("已核对县工信局名单");
        await queued.GetByRole(AriaRole.Button, new() { Name = "核实", Exact = true }).ClickAsync();
        await Expect(k.Locator(".toast", new() { HasText = "已核实" })).ToHaveCountAsync(1);
        await Expect(queued).ToHaveCountAsync(0);
        await coordinator.ScreenshotAsync("evidence-queue", withoutNotices: true);

        await c.ReloadAsync();
        await Expect(item).ToHaveAttributeAsync("data-status", "verified");
        await Expect(item).ToContainTextAsync("已核对县工信局名单");
        await county.ScreenshotAsync("county-evidence", withoutNotices: true);
        Assert.Empty(county.Errors);
        Assert.Empty(coordinator.Errors);
    }
}
