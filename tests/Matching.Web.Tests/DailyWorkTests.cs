using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>A day's work at the workbench: tables, exports, unread news, notes, edits, pickers and dialogs.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed partial class DailyWorkTests(WorkbenchApplication app)
{
    [Fact]
    public async Task A_200_project_list_is_sorted_filtered_and_paged_by_the_host_and_exports_the_filtered_rows()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var officer = await app.ApiAsAsync("officer");
        var tag = $"批量{Guid.NewGuid().ToString("N")[..6]}";
        var published = new List<string>();
        // 200 drafts with distinct investments; every 20th is published (10 open projects).
        await Parallel.ForEachAsync(Enumerable.Range(1, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var body = Api.Project($"{tag} 项目{i:000}");
            body["investment"] = 1000 + i * 10;
            // An investor of their own: 200 projects of one investor are likely duplicates of every other test's.
            body["investor"] = new JsonObject { ["name"] = $"{tag}投资有限公司", ["kind"] = "private" };
            var created = await (await officer.PostAsJsonAsync("api/projects", body, ct)).ReadJson();
            if (i % 20 != 0) return;
            var id = created["id"]!.GetValue<string>();
            using var publish = new HttpRequestMessage(HttpMethod.Post, $"api/projects/{id}/publish");
            await (await officer.SendAsync(publish, ct)).ReadJson();
            lock (published) published.Add($"{tag} 项目{i:000}");
        });

        await using var desk = await Desk.SignInAsync(app, "officer");
        var p = desk.Page;
        await desk.GoAsync("/projects");
        await p.FillAsync("#project-q", tag);
        await p.PressAsync("#project-q", "Enter");
        await Expect(p.Locator("[data-total]")).ToHaveAttributeAsync("data-total", "200");
        await Expect(p.Locator("table.list tbody tr")).ToHaveCountAsync(20);

        // Sorted by investment on the host: largest first, then smallest first.
        await p.Locator("button.sort[data-sort='investment']").ClickAsync();
        await Expect(p.Locator("table.list tbody tr").First.Locator("td[data-col='title']")).ToContainTextAsync("项目200");
        await p.Locator("button.sort[data-sort='investment']").ClickAsync();
        await Expect(p.Locator("table.list tbody tr").First.Locator("td[data-col='title']")).ToContainTextAsync("项目001");
        // The next page continues the order.
        await p.Locator("[data-action='next']").ClickAsync();
        await Expect(p.Locator("table.list tbody tr").First.Locator("td[data-col='title']")).ToContainTextAsync("项目021");
        await desk.ScreenshotAsync("officer-project-table", withoutNotices: true);

        // Filtered by status: the 10 published ones.
        await p.Locator(".chip[data-status='open']").ClickAsync();
        await Expect(p.Locator("[data-total]")).ToHaveAttributeAsync("data-total", "10");

        // The export has the same columns and the filtered rows, in the same order.
        var download = await p.RunAndWaitForDownloadAsync(() => p.Locator("[data-action='export']").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var file = Path.Combine(app.DataPath, "export.xlsx");
        await download.SaveAsAsync(file);
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(published.Order(StringComparer.Ordinal), rows.Select(r => (string)r["项目名称"]));
        Assert.All(rows, r => Assert.Equal("公开征集", r["状态"]));
        Assert.Equal(1000m + 20 * 10, Convert.ToDecimal(rows[0]["投资额（万元）"]));
        Assert.Contains("首谈地", rows[0].Keys);
        Assert.Equal("兰山区", rows[0]["首谈地"]);
        Assert.Empty(desk.Errors);
    }

    [Fact]
    public async Task The_unread_badge_rises_on_another_page_falls_on_open_and_agrees_across_browsers()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Lanshan = "371302"; // 兰山区
        await using var phone = await Desk.SignInAsync(app, $"county-{Lanshan}", new ViewportSize { Width = 390, Height = 844 });
        await using var desktop = await Desk.SignInAsync(app, $"county-{Lanshan}");
        await desktop.GoAsync("/bids");
        await desktop.Page.Locator("main h1").WaitForAsync();
        await desktop.Page.Locator("nav[data-unread-loaded='1']").WaitForAsync();
        var before = await UnreadAsync(desktop.Page);

        // A project is pushed while the county is on another page: the count in the navigation rises live.
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"未读提醒项目 {Guid.NewGuid().ToString("N")[..6]}");
        await Expect(desktop.Page.Locator(".nav-unread")).ToHaveAttributeAsync("data-unread", (before + 1).ToString());
        // The second browser (a phone) agrees: the state is the user's, kept by the host.
        await phone.GoAsync("/inbox");
        await Expect(phone.Page.Locator(".nav-unread")).ToHaveAttributeAsync("data-unread", (before + 1).ToString());
        await Expect(phone.Page.Locator($".inbox-item[data-project='{projectId}'][data-new='1']")).ToHaveCountAsync(1);

        // Opened on the desktop: read there, and on the phone too.
        await desktop.GoAsync($"/inbox/{projectId}");
        await Expect(desktop.Page.Locator(".why")).ToBeVisibleAsync();
        await ExpectUnreadAsync(desktop.Page, before);
        await phone.Page.ReloadAsync();
        await ExpectUnreadAsync(phone.Page, before);
        await Expect(phone.Page.Locator($".inbox-item[data-project='{projectId}'][data-new='1']")).ToHaveCountAsync(0);
        Assert.Empty(desktop.Errors);
        Assert.Empty(phone.Errors);
    }

    private static async Task<int> UnreadAsync(IPage page) =>
        await page.Locator(".nav-unread").CountAsync() == 0 ? 0 : int.Parse((await page.Locator(".nav-unread").GetAttributeAsync("data-unread"))!);

    private static async Task ExpectUnreadAsync(IPage page, int count)
    {
        if (count == 0) await Expect(page.Locator(".nav-unread")).ToHaveCountAsync(0);
        else await Expect(page.Locator(".nav-unread")).ToHaveAttributeAsync("data-unread", count.ToString());
    }

    [Fact]
    public async Task A_bids_note_reaches_the_coordinator_and_the_county_edits_its_bid_while_the_project_is_open()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        const string Yishui = "371323", Mengyin = "371328"; // 沂水县, 蒙阴县
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"备注与修改项目 {Guid.NewGuid().ToString("N")[..6]}");
        var yishui = await app.ApiAsAsync($"county-{Yishui}");
        var profile = await (await yishui.GetAsync($"api/counties/{Yishui}", TestContext.Current.CancellationToken)).ReadJson();
        var bid = new JsonObject
        {
            ["county"] = Yishui, ["parkId"] = profile["parks"]!.AsArray().First()!["id"]!.GetValue<string>(), ["landMu"] = 200, ["energyTce"] = 8000,
            ["deliveryMonths"] = 8, ["landPrice"] = 30, ["commitments"] = "专班服务", ["note"] = "可提供人才公寓两百套",
            ["localChainPartners"] = new JsonArray("沂水电机有限公司"),
        };
        await (await yishui.PostAsJsonAsync($"api/projects/{projectId}/bids", bid, TestContext.Current.CancellationToken)).ReadJson();
        await Api.BidAsync(await app.ApiAsAsync($"county-{Mengyin}"), projectId, Mengyin);

        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var column = coordinator.Page.Locator($".contest[data-project='{projectId}'] .bid-col[data-county='{Yishui}']");
        await Expect(column.Locator(".bid-note")).ToContainTextAsync("可提供人才公寓两百套");
        await Expect(column).ToContainTextAsync("沂水电机有限公司");

        // The county edits its bid on the project's page; the coordinator sees the edit.
        await using var county = await Desk.SignInAsync(app, $"county-{Yishui}");
        var c = county.Page;
        await county.GoAsync($"/inbox/{projectId}");
        await Expect(c.Locator(".my-bid .bid-note")).ToContainTextAsync("可提供人才公寓两百套");
        await c.GetByRole(AriaRole.Button, new() { Name = "修改意向" }).ClickAsync();
        await Expect(c.Locator("#b-note")).ToHaveValueAsync("可提供人才公寓两百套");
        await c.FillAsync("#b-deliveryMonths", "5");
        await c.FillAsync("#b-note", "可提供人才公寓三百套");
        await c.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
        await Expect(c.Locator(".my-bid")).ToContainTextAsync("5 个月交地");
        await Expect(c.Locator(".my-bid .bid-note")).ToContainTextAsync("三百套");
        await county.ScreenshotAsync("county-bid-edited", withoutNotices: true);

        await coordinator.Page.ReloadAsync();
        await Expect(column.Locator(".bid-note")).ToContainTextAsync("可提供人才公寓三百套");
        await Expect(column).ToContainTextAsync("5 个月");
        Assert.Empty(county.Errors);
        Assert.Empty(coordinator.Errors);
    }

    [Fact]
    public async Task County_pickers_are_grouped_by_prefecture_searchable_and_put_the_bidders_first()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        await using var officer = await Desk.SignInAsync(app, "officer");
        var o = officer.Page;
        await officer.GoAsync("/projects/new");
        var select = o.Locator("#p-firstContact");
        await Expect(select.Locator("optgroup")).ToHaveCountAsync(16);
        await Expect(select.Locator("optgroup[label='济南市'] option", new() { HasText = "市中区" })).ToHaveTextAsync("济南市 市中区");
        await o.FillAsync("#p-firstContact-search", "市中");
        await Expect(select.Locator("option[value]:not([value=''])")).ToHaveTextAsync(["济南市 市中区", "枣庄市 市中区"]);
        await o.FillAsync("#p-firstContact-search", "临沂");
        await Expect(select.Locator("option[value]:not([value=''])")).ToHaveCountAsync(12); // 临沂市's 12 counties
        await select.SelectOptionAsync("371302");
        await Expect(select).ToHaveValueAsync("371302");

        // In a decision form, the bidders come first.
        const string Linshu = "371329", Tancheng = "371322"; // 临沭县, 郯城县
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"选县项目 {Guid.NewGuid().ToString("N")[..6]}");
        await Api.BidAsync(await app.ApiAsAsync($"county-{Linshu}"), projectId, Linshu);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Tancheng}"), projectId, Tancheng);
        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var contest = coordinator.Page.Locator($".contest[data-project='{projectId}']");
        await contest.GetByLabel("共建（分成）").CheckAsync();
        var share = contest.Locator("select[id$='-share-1']");
        await Expect(share.Locator("optgroup").First).ToHaveAttributeAsync("label", "意向县");
        await Expect(share.Locator("optgroup").First.Locator("option")).ToHaveCountAsync(2);
        Assert.Empty(officer.Errors);
        Assert.Empty(coordinator.Errors);
    }

    [Fact]
    public async Task Withdrawing_asks_for_a_reason_in_a_page_dialog_and_refuses_an_empty_one_and_publishing_asks_first()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var officer = await app.ApiAsAsync("officer");
        var created = await (await officer.PostAsJsonAsync("api/projects", Api.Project($"撤回对话框项目 {Guid.NewGuid().ToString("N")[..6]}"), TestContext.Current.CancellationToken)).ReadJson();
        var id = created["id"]!.GetValue<string>();

        await using var desk = await Desk.SignInAsync(app, "officer");
        var p = desk.Page;
        var dialogs = 0;
        p.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await desk.GoAsync($"/projects/{id}");

        // Publishing asks first; cancelling leaves a draft.
        await p.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Expect(p.Locator("dialog[open]")).ToContainTextAsync("发布后项目推送给契合的县区");
        await p.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(p.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "draft");
        await p.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await p.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "确认发布" }).ClickAsync();
        await Expect(p.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "open");

        // Withdrawing: an empty reason is refused on the page, nothing is sent.
        await p.GetByRole(AriaRole.Button, new() { Name = "撤回", Exact = true }).ClickAsync();
        var dialog = p.Locator("dialog[open]");
        await Expect(dialog.Locator("#reason-text")).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认撤回" }).ClickAsync();
        await Expect(dialog.Locator(".field-error")).ToContainTextAsync("请填写撤回原因");
        await Expect(dialog.Locator("#reason-text")).ToHaveAttributeAsync("aria-invalid", "true");
        await desk.ScreenshotAsync("officer-withdraw-dialog");
        Assert.Equal("open", (await (await officer.GetAsync($"api/projects/{id}", TestContext.Current.CancellationToken)).ReadJson())["status"]!.GetValue<string>());

        await dialog.Locator("#reason-text").FillAsync("投资方改变投资计划");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认撤回" }).ClickAsync();
        await Expect(p.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "withdrawn");
        var history = await (await officer.GetAsync($"api/projects/{id}/history", TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonArray>(TestContext.Current.CancellationToken);
        Assert.Contains(history!, e => e!["note"]?.GetValue<string>() == "投资方改变投资计划");
        Assert.Equal(0, dialogs); // no prompt(), confirm() or alert()
        Assert.Empty(desk.Errors);
    }

    [Fact]
    public async Task The_api_reference_loads_from_the_host_alone_in_chinese_without_console_errors()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Desk.Desktop });
        var page = await context.NewPageAsync();
        var failed = new List<string>();
        var foreign = new List<string>();
        var console = new List<string>();
        page.RequestFailed += (_, r) => failed.Add(r.Url);
        page.Request += (_, r) => { if (!r.Url.StartsWith(app.Address.ToString(), StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) foreign.Add(r.Url); };
        page.Response += (_, r) => { if (r.Status >= 400) failed.Add($"{r.Status} {r.Url}"); };
        page.Console += (_, m) => { if (m.Type == "error") console.Add(m.Text); };
        page.PageError += (_, e) => console.Add(e);

        await page.GotoAsync(new Uri(app.Address, "api/docs").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.GetByText("山东省协同招商平台 API").First).ToBeVisibleAsync();
        await Expect(page.GetByText("项目", new() { Exact = true }).First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await Expect(page.GetByText("Deploy API")).ToHaveCountAsync(0); // no vendor buttons
        await Expect(page.GetByText("Developer Tools")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WorkbenchApplication.ScreenshotFolder, "api-docs.png") });

        Assert.Empty(foreign);
        Assert.Empty(failed);
        Assert.Empty(console);
        var document = await (await new HttpClient { BaseAddress = app.Address }.GetAsync("openapi/v1.json", TestContext.Current.CancellationToken)).ReadJson();
        Assert.DoesNotContain(document["paths"]!.AsObject(), path => path.Key.StartsWith("/dashboard", StringComparison.Ordinal));
        await context.CloseAsync();
    }

    /// <summary>Every page of every role, with a project that has bids and a decision to show.</summary>
    private async Task<(string User, string[] Pages)[]> EveryPageAsync()
    {
        const string Hedong = "371312", Feixian = "371325"; // 河东区, 费县
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"巡检项目 第{Random.Shared.Next(1000, 9999)}号");
        await Api.BidAsync(await app.ApiAsAsync($"county-{Hedong}"), projectId, Hedong);
        await Api.BidAsync(await app.ApiAsAsync($"county-{Feixian}"), projectId, Feixian);
        return
        [
            ("officer", ["/projects", "/projects/new", $"/projects/{projectId}", $"/projects/{projectId}/edit"]),
            ($"county-{Hedong}", ["/inbox", $"/inbox/{projectId}", "/bids", "/profile"]),
            ("coordinator", ["/contests", "/allocation", "/cockpit", "/province", "/projects", $"/projects/{projectId}", "/quotas", "/evidence"]),
            ("admin", ["/contests", "/province", "/projects", "/quotas"]),
        ];
    }

    [GeneratedRegex(@"county-\d{6}|\bFC-[A-Z]|[0-9a-f]{8}-[0-9a-f]{4}-|(?<![\d,.])37\d{4}(?![\d,.])|\b(coordinator|officer|admin|seed)\b|版本 \d|undefined|NaN|null")]
    private static partial Regex Internal();

    [Fact]
    public async Task No_page_shows_an_internal_id_or_rule_code_to_any_role()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var found = new List<string>();
        foreach (var (user, pages) in await EveryPageAsync())
        {
            await using var desk = await Desk.SignInAsync(app, user);
            foreach (var page in pages)
            {
                await desk.GoAsync(page);
                await desk.Page.Locator("main h1").First.WaitForAsync();
                await desk.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await desk.Page.WaitForTimeoutAsync(300);
                // Open every collapsed detail so that what it holds is checked too.
                await desk.Page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
                var text = await desk.Page.EvaluateAsync<string>("() => document.querySelector('.topbar').innerText + '\\n' + document.querySelector('main').innerText");
                foreach (Match m in Internal().Matches(text))
                {
                    var line = text.Split('\n').First(l => l.Contains(m.Value, StringComparison.Ordinal));
                    found.Add($"{user} {page}: “{m.Value}” in “{line.Trim()}”");
                }
            }

            Assert.Empty(desk.Errors);
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task Every_page_fits_a_390px_phone_without_sideways_scrolling()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var phone = new ViewportSize { Width = 390, Height = 844 };
        var overflows = new List<string>();
        foreach (var (user, pages) in await EveryPageAsync())
        {
            await using var desk = await Desk.SignInAsync(app, user, phone);
            foreach (var page in pages)
            {
                await desk.GoAsync(page);
                await desk.Page.Locator("main h1").First.WaitForAsync();
                await desk.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await desk.Page.WaitForTimeoutAsync(300);
                var overflow = await desk.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                if (overflow > 0)
                {
                    // Name what sticks out, so that a failure says where to look.
                    var wide = await desk.Page.EvaluateAsync<string[]>("""
                        () => [...document.querySelectorAll('main *')]
                            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                            .slice(0, 3)
                            .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent || '').slice(0, 60)}`)
                        """);
                    overflows.Add($"{user} {page} scrolls sideways by {overflow} px: {string.Join(" | ", wide)}");
                }
                if (user.StartsWith("county", StringComparison.Ordinal) && page == "/inbox") await desk.ScreenshotAsync("phone-county-inbox", withoutNotices: true);
            }

            Assert.Empty(desk.Errors);
        }

        Assert.True(overflows.Count == 0, string.Join("\n", overflows));
    }
}
