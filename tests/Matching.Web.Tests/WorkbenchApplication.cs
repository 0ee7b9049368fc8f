using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Host.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Matching.Web.Tests;

/// <summary>
/// The real host (silo, SQLite storage, seeds, API, hub, and the workbench in wwwroot) on a real
/// Kestrel port with its data in a folder of its own, and one headless Debian Chromium driven by
/// Playwright. Every seeded account's password is <see cref="Password"/>. Without Chromium nothing
/// starts and every test is skipped with <see cref="MissingBrowser"/>.
/// </summary>
public sealed class WorkbenchApplication : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Debian's Chromium; <c>MATCHING_CHROMIUM</c> names another build.</summary>
    public static readonly string ChromiumPath = Matching.Testing.Chromium.Path;
    public const string Password = "workbench-test-password";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public WorkbenchApplication()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "matching-web-tests", Guid.NewGuid().ToString("N"));
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Why the browser tests cannot run here, or null.</summary>
    public static string? MissingBrowser => File.Exists(ChromiumPath)
        ? null
        : $"Chromium is not installed at {ChromiumPath}: the browser tests need Debian's chromium (apt-get install -y chromium fonts-wqy-microhei; .ci/run installs it).";

    public string DataPath { get; }

    /// <summary>The host's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(MissingBrowser ?? "Not started.");

    /// <summary>Screenshots of the tests: artifacts/screenshots/ under the repository root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", DataPath);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Auth:SeedPassword", Password);
        // A browser makes bursts of reads (a board, a province view); the limits have tests of their own.
        builder.UseSetting("RateLimits:PermitsPerMinute", "6000000");
        builder.UseSetting("RateLimits:Burst", "100000");
        builder.UseSetting("RateLimits:SignInsPerMinute", "100000");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public async ValueTask InitializeAsync()
    {
        if (MissingBrowser is not null) return;
        StartServer();
        await Services.GetRequiredService<SeedStatus>().Done.WaitAsync(TimeSpan.FromMinutes(2));
        await Services.GetRequiredService<Host.Search.SearchStatus>().Done.WaitAsync(TimeSpan.FromMinutes(2));
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.EndsWith('/') ? address : address + "/");
        await WaitForSignInAsync();

        Directory.CreateDirectory(ScreenshotFolder);
        // Live events and the search index (searchable within a second) need a little longer than
        // Playwright's 5 s default on a busy two-core CI machine running other test projects.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Matching.Testing.Chromium.Args,
        });
    }

    /// <summary>Accounts are seeded in the background at start; sign-in answers once they are in.</summary>
    private async Task WaitForSignInAsync()
    {
        using var http = new HttpClient { BaseAddress = Address };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var response = await http.PostAsJsonAsync("api/auth/token", new { userName = "coordinator", password = Password });
            if (response.IsSuccessStatusCode) return;
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"Sign-in did not become ready: {(int)response.StatusCode}");
            await Task.Delay(200);
        }
    }

    /// <summary>An API client signed in as a seeded account (officer, coordinator, county-{adcode}).</summary>
    public async Task<HttpClient> ApiAsAsync(string userName)
    {
        var http = new HttpClient { BaseAddress = Address };
        var response = await http.PostAsJsonAsync("api/auth/token", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Matching.sln"))) return dir.FullName;
        }

        return AppContext.BaseDirectory;
    }
}

[CollectionDefinition(Name)]
public sealed class WorkbenchCollection : ICollectionFixture<WorkbenchApplication>
{
    public const string Name = "workbench";
}
