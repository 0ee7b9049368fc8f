using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Web.Tests;

/// <summary>
/// The admins' accounts page and every user's password form, in the browser against the real host: an
/// admin creates an account (the host's message on a bad password's field), finds it listed, disables
/// it with a reason, and the account's sign-in is refused; other roles have no accounts page; an
/// account changes its own password and its earlier sign-in is refused.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class AccountsPageTests(WorkbenchApplication app)
{
    private const string FirstPassword = "Erstes-Konto-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> SignIn(string userName, string password) =>
        new HttpClient { BaseAddress = app.Address }.PostAsJsonAsync("api/auth/token", new { userName, password }, Ct);

    [Fact]
    public async Task An_admin_creates_an_account_sees_it_listed_disables_it_and_its_sign_in_is_refused()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var userName = "web-" + Guid.NewGuid().ToString("N")[..8];
        await using var admin = await Desk.SignInAsync(app, "admin");
        var a = admin.Page;
        await a.GetByRole(AriaRole.Link, new() { Name = "账号管理" }).ClickAsync();
        await Expect(a.Locator("main h1")).ToHaveTextAsync("账号管理");
        await Expect(a.Locator("[data-total]")).Not.ToHaveAttributeAsync("data-total", "0");

        await a.FillAsync("#acc-userName", userName);
        await a.FillAsync("#acc-displayName", "历下区招商专员（测试）");
        await a.SelectOptionAsync("#acc-role", "county");
        await a.SelectOptionAsync("#acc-adcode", "370102");
        await Expect(a.Locator("#acc-password-hint")).ToContainTextAsync("三类");
        // Too short and of two kinds only: the host's message under the field, focus on it.
        await a.FillAsync("#acc-password", "kurz-passwort");
        await a.FillAsync("#acc-reason", "新任招商专员");
        await a.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        await Expect(a.Locator("[data-error-for='acc-password']")).ToContainTextAsync("三类");
        await Expect(a.Locator("#acc-password")).ToBeFocusedAsync();

        await a.FillAsync("#acc-password", FirstPassword);
        await a.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        await Expect(a.Locator(".toast", new() { HasText = "已创建账号" })).ToBeVisibleAsync();
        var row = a.Locator($"tr[data-user='{userName}']");
        await Expect(row).ToContainTextAsync("历下区");
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("正常");
        Assert.Equal(HttpStatusCode.OK, (await SignIn(userName, FirstPassword)).StatusCode);

        // Disabling asks for a reason on the page first.
        await row.Locator("[data-action=disable]").ClickAsync();
        var dialog = a.Locator("dialog[open]");
        await Expect(dialog).ToContainTextAsync("停用后该账号不能登录");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认停用" }).ClickAsync();
        await Expect(dialog.Locator("#acc-status-error")).ToContainTextAsync("请填写理由");
        await dialog.Locator("#acc-status-reason").FillAsync("人员调离");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认停用" }).ClickAsync();
        await Expect(a.Locator("dialog[open]")).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-status]")).ToHaveTextAsync("已停用");
        await Expect(row.Locator("[data-action=enable]")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("admin-accounts", withoutNotices: true);

        // The account is refused at the sign-in page, as by the API.
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Desk.Desktop, Locale = "zh-CN" });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(app.Address.ToString());
            await page.FillAsync("#login-user", userName);
            await page.FillAsync("#login-password", FirstPassword);
            await page.PressAsync("#login-password", "Enter");
            await Expect(page.Locator(".login-card [role=alert]")).ToContainTextAsync("用户名或密码不正确");
            await Expect(page.Locator(".conn")).ToHaveCountAsync(0);
        }
        finally
        {
            await context.CloseAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(userName, FirstPassword)).StatusCode);
        Assert.Empty(admin.Errors);
    }

    [Fact]
    public async Task Other_roles_have_no_accounts_page()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        await using var coordinator = await Desk.SignInAsync(app, "coordinator");
        var c = coordinator.Page;
        await Expect(c.Locator("nav[aria-label=主导航] a")).Not.ToHaveCountAsync(0);
        await Expect(c.GetByRole(AriaRole.Link, new() { Name = "账号管理" })).ToHaveCountAsync(0);
        await coordinator.GoAsync("/accounts");
        await Expect(c.Locator("main h1")).Not.ToHaveTextAsync("账号管理");
        await Expect(c.Locator("#acc-userName")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_account_changes_its_own_password_and_the_old_one_is_refused()
    {
        if (WorkbenchApplication.MissingBrowser is { } reason) Assert.Skip(reason);
        var userName = "web-pw-" + Guid.NewGuid().ToString("N")[..8];
        const string NewPassword = "Zweites-Konto-2027";
        var admin = await app.ApiAsAsync("admin");
        (await admin.PostAsJsonAsync("api/accounts", new { userName, displayName = "改密测试", role = "officer", password = FirstPassword, reason = "改密测试" }, Ct)).EnsureSuccessStatusCode();

        await using var officer = await Desk.SignInAsync(app, userName, password: FirstPassword);
        var o = officer.Page;
        await o.Locator("[data-action=password]").ClickAsync();
        await Expect(o.Locator("main h1")).ToHaveTextAsync("修改密码");
        await Expect(o.Locator("#pw-new-hint")).ToContainTextAsync("12 到 128");

        await o.FillAsync("#pw-current", "Falsches-Passwort-1");
        await o.FillAsync("#pw-new", NewPassword);
        await o.FillAsync("#pw-repeat", NewPassword);
        await o.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        await Expect(o.Locator("[data-error-for='pw-current']")).ToContainTextAsync("当前密码不正确");

        // The policy's message on the new password's field.
        await o.FillAsync("#pw-current", FirstPassword);
        await o.FillAsync("#pw-new", "nur-kleinbuchstaben");
        await o.FillAsync("#pw-repeat", "nur-kleinbuchstaben");
        await o.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        await Expect(o.Locator("[data-error-for='pw-new']")).ToContainTextAsync("三类");

        await o.FillAsync("#pw-new", NewPassword);
        await o.FillAsync("#pw-repeat", NewPassword);
        await o.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
        await Expect(o.Locator("[data-done]")).ToBeVisibleAsync();

        // This tab goes on with the answer's token (a reload keeps it), live again; the old password is refused.
        await o.ReloadAsync();
        await Expect(o.Locator("main h1")).ToHaveTextAsync("修改密码");
        await Expect(o.Locator(".conn[data-state=online]")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(userName, FirstPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(userName, NewPassword)).StatusCode);
        Assert.Empty(officer.Errors);
    }
}
