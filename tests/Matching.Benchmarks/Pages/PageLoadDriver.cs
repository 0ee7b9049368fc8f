using Matching.Benchmarks.Live;
using Microsoft.Playwright;

namespace Matching.Benchmarks.Pages;

/// <summary>
/// How soon the workbench is usable in a real browser (Debian's Chromium, headless, 1366×768) served by a
/// Release host process: the sign-in page from a cold navigation, and a project's page once its map of 136
/// counties is coloured. Timed here, on a host of its own, rather than in the browser tests, where whatever
/// else the machine runs would decide the outcome.
/// </summary>
internal static class PageLoadDriver
{
    /// <summary>The budget the workbench is held to for each page.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(string[] args)
    {
        var loads = int.Parse(Option(args, "--loads") ?? "30", System.Globalization.CultureInfo.InvariantCulture);
        var chromium = Matching.Testing.Chromium.Path;
        if (!File.Exists(chromium))
        {
            Console.Error.WriteLine($"Chromium is not installed at {chromium} (apt-get install -y chromium fonts-wqy-microhei).");
            Environment.ExitCode = 1;
            return;
        }

        await using var host = await LoadHost.StartAsync();
        var address = host.Address.ToString().TrimEnd('/') + "/";
        // A 3841 project, which many counties' profiles fit, so that its map has coloured counties.
        using var api = new Matching.Testing.MatchingApi(host.Process, new Matching.Testing.SignIns());
        var project = await api.OpenProjectAsync("页面加载测量项目", CancellationToken.None);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = Matching.Testing.Chromium.Args,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();

        // The first loads compile the host's paths and fill the browser's cache, as a desk's first visit does.
        await page.GotoAsync(address);
        await page.Locator("#login-user").WaitForAsync();
        var signIn = await TimeAsync(loads, async () =>
        {
            await page.EvaluateAsync("() => sessionStorage.clear()");
            await page.GotoAsync("about:blank");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await page.GotoAsync(address, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await page.Locator("#login-user").WaitForAsync();
            return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });

        await page.FillAsync("#login-user", "officer");
        await page.FillAsync("#login-password", Matching.Testing.HostProcess.SeedPassword);
        await page.PressAsync("#login-password", "Enter");
        await page.Locator(".conn[data-state=online]").WaitForAsync();
        var projectPage = $"{address}#/projects/{project}";
        await page.GotoAsync(projectPage);
        await page.Locator(".map path[data-fit='1']").First.WaitForAsync();
        var withMap = await TimeAsync(loads, async () =>
        {
            await page.GotoAsync("about:blank");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await page.GotoAsync(projectPage, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await page.Locator(".map path[data-fit='1']").First.WaitForAsync();
            return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });

        Console.WriteLine();
        Console.WriteLine($"| page, {loads} cold navigations each | p50 | p95 | max | p95 within {Budget.TotalSeconds:F0} s |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(Row("sign-in page", signIn));
        Console.WriteLine(Row("project page, map of 136 counties coloured", withMap));
    }

    private static string Row(string name, double[] sorted)
    {
        var p95 = Latency.Percentile(sorted, 0.95);
        return $"| {name} | {Latency.Percentile(sorted, 0.5):F0} ms | {p95:F0} ms | {sorted[^1]:F0} ms | {(p95 <= Budget.TotalMilliseconds ? "met" : "missed")} |";
    }

    private static async Task<double[]> TimeAsync(int loads, Func<Task<double>> load)
    {
        var samples = new double[loads];
        for (var i = 0; i < loads; i++) samples[i] = await load();
        Array.Sort(samples);
        return samples;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
