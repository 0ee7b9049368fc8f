using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>Offline, fast, and usable at 1366×768 and on a tablet.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class PageQualityTests(WorkbenchApplication app)
{
    /// <summary>
    /// Everything the sign-in page and a project's page with its map need comes from the host. How fast they
    /// load is measured by the benchmark project's <c>pages</c> command on a host of its own, not here, where
    /// the machine's other work would decide it.
    /// </summary>
    [Fact]
    public async Task The_workbench_loads_from_the_host_alone()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Desk.Desktop });
        var page = await context.NewPageAsync();
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.Address.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("ws://" + app.Address.Authority, StringComparison.Ordinal))
                foreign.Add(request.Url);
        };

        await page.GotoAsync(app.Address.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.Locator("#login-user").WaitForAsync();
        await Expect(page).ToHaveTitleAsync("山东省协同招商平台 · 工作台");
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WorkbenchApplication.ScreenshotFolder, "sign-in.png") });

        // Signed in as the officer, a project's page colours the counties that fit on its map of 136.
        await page.FillAsync("#login-user", "officer");
        await page.FillAsync("#login-password", WorkbenchApplication.Password);
        await page.PressAsync("#login-password", "Enter");
        await page.Locator(".conn[data-state=online]").WaitForAsync();
        var projectId = await Api.PublishAsync(await app.ApiAsAsync("officer"), $"加载项目 {Guid.NewGuid().ToString("N")[..6]}");
        await page.GotoAsync("about:blank");
        await page.GotoAsync(new Uri(app.Address, $"#/projects/{projectId}").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.Locator(".map path[data-fit='1']").First.WaitForAsync();
        Assert.Equal(136, await page.Locator(".map path[data-adcode]").CountAsync());

        Assert.Empty(foreign);
        await context.CloseAsync();
    }

    public static TheoryData<string, string> Views => new()
    {
        { "officer", "/projects/new" },
        { "county-371329", "/inbox" },
        { "county-371329", "/profile" },
        { "coordinator", "/contests" },
        { "coordinator", "/province" },
        { "coordinator", "/evidence" },
        { "coordinator", "/pairings" },
        { "coordinator", "/holding" },
        { "coordinator", "/counties/370602" },
        { "admin", "/accounts" },
        { "county-371329", "/password" },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Views_fit_1366x768_and_a_tablet_without_sideways_scrolling(string user, string view)
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        foreach (var viewport in new[] { Desk.Desktop, Desk.Tablet })
        {
            await using var desk = await Desk.SignInAsync(app, user, viewport);
            await desk.GoAsync(view);
            await desk.Page.Locator("main h1").First.WaitForAsync();
            await desk.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var overflow = await desk.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{view} at {viewport.Width}×{viewport.Height} scrolls sideways by {overflow} px");
            Assert.Empty(desk.Errors);
        }
    }

    [Fact]
    public async Task The_project_form_can_be_filled_and_sent_with_the_keyboard_alone()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        await using var officer = await Desk.SignInAsync(app, "officer");
        var o = officer.Page;
        await officer.GoAsync("/projects/new");
        await o.Locator("#p-title").FocusAsync();
        await o.Keyboard.TypeAsync("键盘录入的光伏组件项目");
        await o.Keyboard.PressAsync("Tab");
        await o.Keyboard.TypeAsync("光伏");
        await o.Locator(".picker-list li").First.WaitForAsync();
        await o.Keyboard.PressAsync("Enter");
        await Expect(o.Locator(".picker-current")).ToContainTextAsync("3825");
        foreach (var (field, value) in new[] { ("#p-investment", "50000"), ("#p-landMu", "150"), ("#p-energyTce", "3000"), ("#p-jobs", "400"), ("#p-expectedTax", "3000") })
        {
            await o.Locator(field).FocusAsync();
            await o.Keyboard.TypeAsync(value);
        }

        // Leave the investor out: Enter in a field submits, and the host's message lands on that field.
        await o.Keyboard.PressAsync("Enter");
        await Expect(o.Locator("[data-error-for='p-investor-name']")).ToBeVisibleAsync();
        Assert.Equal("p-investor-name", await o.EvaluateAsync<string>("() => document.activeElement.id"));
        await o.Keyboard.TypeAsync("某光伏科技有限公司");
        await o.Keyboard.PressAsync("Enter");
        await Expect(o.Locator("h1 .status")).ToHaveAttributeAsync("data-status", "draft");

        // Editing sends the version it read (If-Match); the saved project is the next version.
        await o.GetByRole(AriaRole.Button, new() { Name = "编辑" }).ClickAsync();
        await Expect(o.Locator("#p-investment")).ToHaveValueAsync("50000");
        await o.Locator("#p-investment").FillAsync("60000");
        await o.Locator("#p-investment").PressAsync("Enter");
        await Expect(o.Locator(".facts")).ToContainTextAsync("6 亿元");
        var version = (await (await app.ApiAsAsync("officer")).GetAsync($"api/projects/{o.Url.Split("#/projects/")[1]}", TestContext.Current.CancellationToken)).Headers.ETag!.Tag;
        Assert.Equal("\"2\"", version);
        Assert.Empty(officer.Errors);
    }
}
