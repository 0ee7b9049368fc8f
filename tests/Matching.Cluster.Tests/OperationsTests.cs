using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Cluster.Tests;

/// <summary>
/// One host (embedded profile, so no database is needed) exporting OpenTelemetry over OTLP/HTTP to a
/// recording collector on 127.0.0.1, logging JSON, and serving the Orleans dashboard to admins only.
/// </summary>
public sealed class TelemetryHost : IAsyncLifetime
{
    private readonly HttpListener _collector = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "matching-ops-" + Guid.NewGuid().ToString("N")[..8]);

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    public HostProcess Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var port = FreePort.Next();
        _collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        _collector.Start();
        _ = Task.Run(Collect);
        Host = new HostProcess("telemetry", _folder,
            settings: new Dictionary<string, string> { ["Matching:Profile"] = "Embedded", ["Orleans:Dashboard:Enabled"] = "true" },
            environment: new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
            });
        await Host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _collector.Close();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private async Task Collect()
    {
        while (_collector.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _collector.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            // An empty Export*ServiceResponse is zero bytes of protobuf.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}

[Collection(ClusterCollection.Name)]
public sealed class OperationsTests(TelemetryHost telemetry) : IClassFixture<TelemetryHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Traces_and_metrics_of_requests_and_grain_calls_are_exported_over_otlp_and_logs_are_json()
    {
        using var api = new MatchingApi(telemetry.Host, new SignIns());
        await api.OpenProjectAsync("遥测项目", Ct);
        await api.GetJsonAsync("/api/counties/370112", "officer", Ct);

        // Protobuf carries names as plain UTF-8: the service, the instrumentation scopes and instruments.
        var watch = Stopwatch.StartNew();
        string traces = "", metrics = "";
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            traces = Text("/v1/traces");
            metrics = Text("/v1/metrics");
            if (traces.Contains("Microsoft.Orleans.Runtime") && traces.Contains("/api/projects") &&
                metrics.Contains("http.server.request.duration") && metrics.Contains("orleans-"))
                break;
            await Task.Delay(250, Ct);
        }

        Assert.Contains("matching-host", traces);
        Assert.Contains("Microsoft.AspNetCore", traces);
        Assert.Contains("Microsoft.Orleans.Runtime", traces);          // grain calls
        Assert.Contains("/api/projects", traces);
        Assert.Contains("http.server.request.duration", metrics);
        Assert.Contains("Microsoft.Orleans", metrics);
        Assert.Contains("orleans-app-requests-latency", metrics);

        // Logging:Console:FormatterName=json: one JSON object per line, with level and category.
        var logs = telemetry.Host.Output.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l)).ToList();
        Assert.NotEmpty(logs);
        Assert.All(logs, l => Assert.True(l.RootElement.TryGetProperty("LogLevel", out _) && l.RootElement.TryGetProperty("Category", out _)));
    }

    [Fact]
    public async Task The_orleans_dashboard_is_served_under_dashboard_to_the_admin_role_only()
    {
        using var http = new HttpClient { BaseAddress = telemetry.Host.BaseAddress };
        using (var signIn = await http.PostAsync("/api/auth/token", null, Ct))
            if (signIn.StatusCode == HttpStatusCode.NotFound) Assert.Skip("this build has no sign-in yet: the dashboard stays unmapped without it");

        using (var anonymous = await http.GetAsync("/dashboard/", Ct))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var api = new MatchingApi(telemetry.Host, new SignIns());
        using (var officer = await api.SendAsync(HttpMethod.Get, "/dashboard/", "officer", cancellationToken: Ct))
            Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
        using (var admin = await api.SendAsync(HttpMethod.Get, "/dashboard/", "admin", cancellationToken: Ct))
        {
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.Contains("<html", await admin.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        }

        using (var stats = await api.SendAsync(HttpMethod.Get, "/dashboard/ClusterStats", "admin", cancellationToken: Ct))
            Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    private string Text(string path) =>
        string.Concat(telemetry.Exports.Where(e => e.Path == path).Select(e => Encoding.UTF8.GetString(e.Body)));
}
