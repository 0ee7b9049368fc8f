using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>Restoring a withdrawn project from its page; the matches and the province's quotas as host-paged tables.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class RestoreAndTablesTests(WorkbenchApplication app)
{
    private const string Linshu = "371329"; // 临沭县: fits the 新能源汽车 project of Api.Project

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_withdrawn_project_is_restored_from_its_page_with_a_required_reason_and_reaches_the_counties_again()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var officer = await app.ApiAsAsync("officer");
        var id = await Api.PublishAsync(officer, $"恢复项目 {Guid.NewGuid().ToString("N")[..6]}");
        (await officer.PostAsJsonAsync($"api/projects/{id}/withdraw", new { reason = "投资方暂缓" }, Ct)).EnsureSuccessStatusCode();

        await using var county = await Desk.SignInAsync(app, $"county-{Linshu}");
        await county.GoAsync("/inbox");
        await county.Page.Locator("main h1").First.WaitForAsync();
        await Expect(county.Page.Locator($".inbox-item[data-project='{id}']")).ToHaveCountAsync(0);

        await using var desk = await Desk.SignInAsync(app, "officer");
        var p = desk.Page;
        var dialogs = 0;
        p.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await desk.GoAsync($"/projects/{id}");
        await Expect(p.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "withdrawn");

        // An empty reason is refused on the page; nothing is sent.
        await p.Locator("[data-action='restore']").ClickAsync();
        var dialog = p.Locator("dialog[open]");
        await Expect(dialog).ToContainTextAsync("撤回前的意向不再有效");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认恢复" }).ClickAsync();
        await Expect(dialog.Locator(".field-error")).ToContainTextAsync("请填写恢复原因");
        Assert.Equal("withdrawn", (await (await officer.GetAsync($"api/projects/{id}", Ct)).ReadJson())["status"]!.GetValue<string>());
        await desk.ScreenshotAsync("officer-restore-dialog");

        await dialog.Locator("#reason-text").FillAsync("投资方重新启动项目");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认恢复" }).ClickAsync();
        await Expect(p.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "open");
        await Expect(p.Locator("[data-action='restore']")).ToHaveCountAsync(0);
        await p.GetByRole(AriaRole.Tab, new() { Name = "历史" }).ClickAsync();
        await Expect(p.Locator("table.list tbody tr").First).ToContainTextAsync("恢复");
        await Expect(p.Locator("table.list tbody tr").First).ToContainTextAsync("投资方重新启动项目");

        // The fitting county hears of it live, as newly published, without reloading.
        var item = county.Page.Locator($".inbox-item[data-project='{id}']");
        await Expect(item).ToHaveAttributeAsync("data-new", "1");
        Assert.Equal(0, dialogs);
        Assert.Empty(desk.Errors);
        Assert.Empty(county.Errors);
    }

    [Fact]
    public async Task The_matches_are_a_table_the_host_sorts_filters_pages_and_exports()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var officer = await app.ApiAsAsync("officer");
        var id = await Api.PublishAsync(officer, $"匹配表项目 {Guid.NewGuid().ToString("N")[..6]}");
        var total = int.Parse((await officer.GetAsync($"api/projects/{id}/matches/rows?take=1", Ct)).Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > 20, $"{total} matches");

        await using var desk = await Desk.SignInAsync(app, "officer");
        var p = desk.Page;
        await desk.GoAsync($"/projects/{id}");
        var table = p.Locator(".match-table");
        await Expect(table.Locator("[data-total]")).ToHaveAttributeAsync("data-total", total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(20);
        await Expect(table.Locator("tbody tr").First.Locator("td[data-col='rank']")).ToHaveTextAsync("1");

        // The next page continues the ranking; sorting by score ascending puts the last-ranked first.
        await table.Locator("[data-action='next']").ClickAsync();
        await Expect(table.Locator("tbody tr").First.Locator("td[data-col='rank']")).ToHaveTextAsync("21");
        await table.Locator("button.sort[data-sort='score']").ClickAsync();
        await table.Locator("button.sort[data-sort='score']").ClickAsync();
        await Expect(table.Locator("th[aria-sort='ascending'] button[data-sort='score']")).ToBeVisibleAsync();
        var lowest = (await (await officer.GetAsync($"api/projects/{id}/matches/rows?sort=score&order=asc&take=1", Ct)).Content.ReadFromJsonAsync<JsonArray>(Ct))![0]!;
        await Expect(table.Locator("tbody tr").First).ToHaveAttributeAsync("data-county", lowest["county"]!.GetValue<string>());
        Assert.NotEqual("1", await table.Locator("tbody tr").First.Locator("td[data-col='rank']").InnerTextAsync());

        // Filtered to 临沂市: only its counties; a county's name selects it on the map.
        await table.Locator("#matches-prefecture").SelectOptionAsync("371300");
        await Expect(table.Locator("tbody tr [data-col='prefecture']").First).ToHaveTextAsync("临沂市");
        var shown = await table.Locator("tbody tr [data-col='prefecture']").AllInnerTextsAsync();
        Assert.All(shown, t => Assert.Equal("临沂市", t));
        await table.Locator($"tbody tr[data-county='{Linshu}'] button.link").ClickAsync();
        await Expect(p.Locator(".county-detail h3")).ToContainTextAsync("临沭县");
        // Each factor by its Chinese name, with its points in 分.
        var factorNames = await p.Locator(".county-detail .factor-name").AllInnerTextsAsync();
        Assert.NotEmpty(factorNames);
        Assert.All(factorNames, n => Assert.DoesNotMatch("[A-Za-z]", n));
        Assert.All(await p.Locator(".county-detail .points").AllInnerTextsAsync(), t => Assert.EndsWith("分", t.Trim()));
        // No cell wraps a character per line in the side column: every cell is wider than two characters.
        var narrow = await table.Locator("tbody tr").First.EvaluateAsync<int>("tr => [...tr.cells].filter(td => td.getBoundingClientRect().width < 28).length");
        Assert.Equal(0, narrow);
        await desk.ScreenshotAsync("officer-match-table", withoutNotices: true);

        var download = await p.RunAndWaitForDownloadAsync(() => table.Locator("[data-action='export']").ClickAsync());
        var file = Path.Combine(app.DataPath, "matches.xlsx");
        await download.SaveAsAsync(file);
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(shown.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal("临沂市", r["地级市"]));
        Assert.Contains("契合度（满分 100）", rows[0].Keys);
        Assert.Empty(desk.Errors);
    }

    [Fact]
    public async Task The_coordinator_reads_every_quota_with_its_unit_sorted_filtered_and_exported()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        await using var desk = await Desk.SignInAsync(app, "coordinator");
        var p = desk.Page;
        await desk.GoAsync("/quotas");
        await Expect(p.Locator("main h1")).ToHaveTextAsync("全省指标");
        await Expect(p.Locator("table.list tbody tr")).ToHaveCountAsync(20);

        await p.Locator(".chip", new() { HasText = "能耗指标" }).ClickAsync();
        await Expect(p.Locator("[data-total]")).ToHaveAttributeAsync("data-total", "136");
        await Expect(p.Locator("table.list tbody tr").First.Locator("td[data-col='base']")).ToContainTextAsync("吨标准煤/年");

        await p.Locator(".chip", new() { HasText = "土地指标" }).ClickAsync();
        await p.Locator("button.sort[data-sort='available']").ClickAsync();
        await Expect(p.Locator("th[aria-sort='descending'] button[data-sort='available']")).ToBeVisibleAsync();
        await Expect(p.Locator("table.list tbody tr").First.Locator("td[data-col='available']")).ToContainTextAsync("亩");
        var available = (await p.Locator("table.list tbody tr td[data-col='available']").AllInnerTextsAsync())
            .Select(t => decimal.Parse(t.Replace("亩", "").Replace(",", "").Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(available.OrderDescending(), available);

        await p.FillAsync("#quotas-q", "市中区");
        await p.PressAsync("#quotas-q", "Enter");
        await Expect(p.Locator("table.list tbody tr td[data-col='county']", new() { HasText = "枣庄市 市中区" }).First).ToBeVisibleAsync();
        await desk.ScreenshotAsync("coordinator-quotas", withoutNotices: true);

        var download = await p.RunAndWaitForDownloadAsync(() => p.Locator("[data-action='export']").ClickAsync());
        var file = Path.Combine(app.DataPath, "quotas.xlsx");
        await download.SaveAsAsync(file);
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("亩", r["单位"]));
        Assert.All(rows, r => Assert.Contains("市中区", (string)r["县（市、区）"]));
        Assert.Empty(desk.Errors);
    }
}
