using Microsoft.Playwright;

namespace Matching.Web.Tests;

/// <summary>
/// One person at the workbench: a browser context of its own (its own sessionStorage, so its own
/// sign-in and live connection), signed in through the sign-in page. Collects the page's uncaught
/// errors so that a test can assert there were none.
/// </summary>
public sealed class Desk : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private Desk(IBrowserContext context, IPage page, Uri address)
    {
        _context = context;
        Page = page;
        Address = address;
        page.PageError += (_, error) => _errors.Add(error);
    }

    public IPage Page { get; }

    public Uri Address { get; }

    /// <summary>Uncaught script errors seen so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>1366×768, the smallest desktop the workbench is made for.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 768 };

    /// <summary>A 10-inch tablet in portrait.</summary>
    public static readonly ViewportSize Tablet = new() { Width = 800, Height = 1280 };

    /// <summary>Opens the workbench and signs in (a seeded account's test password unless given); returns once the live channel is connected.</summary>
    public static async Task<Desk> SignInAsync(WorkbenchApplication app, string userName, ViewportSize? viewport = null, string? password = null)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? Desktop, Locale = "zh-CN" });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var desk = new Desk(context, page, app.Address);
        await page.GotoAsync(app.Address.ToString());
        await page.FillAsync("#login-user", userName);
        await page.FillAsync("#login-password", password ?? WorkbenchApplication.Password);
        await page.PressAsync("#login-password", "Enter");
        await page.Locator(".conn[data-state=online]").WaitForAsync();
        return desk;
    }

    public async Task GoAsync(string hashPath) => await Page.GotoAsync(new Uri(Address, "#" + hashPath).ToString());

    /// <summary>Saves the visible part of the page as artifacts/screenshots/{name}.png (without the notices, if asked).</summary>
    public async Task ScreenshotAsync(string name, bool withoutNotices = false)
    {
        await Page.WaitForTimeoutAsync(400); // let transitions settle
        if (withoutNotices) await Page.EvaluateAsync("() => document.querySelectorAll('.toast').forEach(t => t.remove())");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WorkbenchApplication.ScreenshotFolder, name + ".png") });
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
