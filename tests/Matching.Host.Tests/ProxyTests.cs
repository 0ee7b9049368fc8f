using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Matching.Host.Tests;

/// <summary>
/// The documented nginx (<c>infra/nginx/nginx.conf</c>), run for real in front of a real host: the
/// requests Kestrel or nginx refuse on their own (a NUL in the path, a request line or header too long,
/// no host to answer) come back as Chinese ProblemDetails like every refusal of the hosts, the hosts'
/// own ProblemDetails pass unchanged, and no query string reaches the access log. Skipped where Debian's
/// nginx is missing (<c>.ci/run</c> installs <c>nginx-light</c>).
/// </summary>
public sealed class ProxyTests : IAsyncLifetime
{
    private const string Nginx = "/usr/sbin/nginx";
    private readonly string _prefix = Path.Combine(Path.GetTempPath(), "matching-nginx", Guid.NewGuid().ToString("N"));
    private readonly MatchingApplication _app = new();
    private Process? _nginx;
    private HttpClient _proxy = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string AccessLog => Path.Combine(_prefix, "access.log");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Nginx)) return;
        await _app.InitializeAsync();
        var host = _app.CreateClient().BaseAddress!;
        var port = Testing.FreePort.Next();
        Directory.CreateDirectory(_prefix);

        // The same file with what differs on this machine: the upstream hosts, the listening port, where logs and temp files go.
        var config = File.ReadAllText(Path.Combine(Testing.SourceTree.Root, "infra", "nginx", "nginx.conf"))
            .Replace("server host-1:8080", $"server 127.0.0.1:{host.Port}")
            .Replace("server host-2:8080", $"server 127.0.0.1:{host.Port}")
            .Replace("listen 80;", $"listen 127.0.0.1:{port};")
            .Replace("access_log /dev/stdout matching;", $"access_log {AccessLog} matching;")
            .Replace("http {", $"http {{\n    client_body_temp_path {_prefix}/body;\n    proxy_temp_path {_prefix}/proxy;\n    fastcgi_temp_path {_prefix}/fastcgi;\n    uwsgi_temp_path {_prefix}/uwsgi;\n    scgi_temp_path {_prefix}/scgi;");
        if (Environment.UserName == "root") config = "user root;\n" + config;
        var file = Path.Combine(_prefix, "nginx.conf");
        await File.WriteAllTextAsync(file, config, Ct);

        _nginx = Process.Start(new ProcessStartInfo(Nginx, ["-p", _prefix, "-c", file, "-g", $"daemon off; pid {_prefix}/nginx.pid;"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        _proxy = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, Ct);
                return;
            }
            catch (SocketException) when (attempt < 100 && !_nginx.HasExited)
            {
                await Task.Delay(100, Ct);
            }
        }
    }

    private void SkipWithoutNginx()
    {
        if (!File.Exists(Nginx)) Assert.Skip($"{Nginx} is missing (apt-get install nginx-light).");
    }

    private static async Task<JsonObject> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem["title"]!.GetValue<string>());
        return problem;
    }

    [Fact]
    public async Task A_nul_in_the_path_is_a_problem_not_an_empty_400()
    {
        SkipWithoutNginx();
        var direct = await _app.CreateClient().GetAsync("/api/counties/37%000102", Ct);
        // Kestrel's own answer, which no middleware of the host can shape: the reason the proxy answers it.
        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);

        await AssertProblem(await _proxy.GetAsync("/api/counties/37%000102", Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Too_long_a_request_line_or_header_is_a_problem()
    {
        SkipWithoutNginx();
        await AssertProblem(await _proxy.GetAsync("/api/counties/" + new string('1', 20_000), Ct), HttpStatusCode.RequestUriTooLong);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Padding", new string('a', 20_000));
        await AssertProblem(await _proxy.SendAsync(request, Ct), HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task The_hosts_answers_and_problems_pass_unchanged()
    {
        SkipWithoutNginx();
        Assert.Equal(HttpStatusCode.OK, (await _proxy.GetAsync("/health", Ct)).StatusCode);

        var direct = await _app.CreateClient().GetAsync("/api/projects", Ct);
        var proxied = await _proxy.GetAsync("/api/projects", Ct);
        Assert.Equal(direct.StatusCode, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, proxied.StatusCode);
        Assert.Equal(
            JsonNode.Parse(await direct.Content.ReadAsStringAsync(Ct))!["title"]!.GetValue<string>(),
            (await AssertProblem(proxied, HttpStatusCode.Unauthorized))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uploads_get_room_for_a_file_and_other_bodies_stay_small()
    {
        SkipWithoutNginx();
        var file = new byte[3 * 1024 * 1024];

        // Past the proxy: the host itself answers (the caller is not signed in).
        var upload = await _proxy.PostAsync($"/api/projects/{Guid.NewGuid()}/attachments", new ByteArrayContent(file), Ct);
        await AssertProblem(upload, HttpStatusCode.Unauthorized);
        await AssertProblem(await _proxy.PostAsync("/api/counties/370102/roster", new ByteArrayContent(file), Ct), HttpStatusCode.Unauthorized);

        await AssertProblem(await _proxy.PostAsync("/api/projects", new ByteArrayContent(file), Ct), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task No_host_to_answer_is_a_problem_too()
    {
        SkipWithoutNginx();
        await _app.DisposeAsync();

        await AssertProblem(await _proxy.GetAsync("/api/counties", Ct), HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Tokens_in_query_strings_stay_out_of_the_access_log()
    {
        SkipWithoutNginx();
        await _proxy.GetAsync("/hubs/matching/negotiate?access_token=secret-token-value&negotiateVersion=1", Ct);
        await _proxy.GetAsync("/health?access_token=secret-token-value", Ct);

        string log;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        do log = File.Exists(AccessLog) ? await File.ReadAllTextAsync(AccessLog, Ct) : "";
        while (!log.Contains("/health", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Task.Delay(100, Ct).ContinueWith(_ => true, Ct));

        Assert.Contains("GET /health", log);
        Assert.DoesNotContain("secret-token-value", log);
        Assert.DoesNotContain("access_token", log);
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync(CancellationToken.None);
        }

        _proxy?.Dispose();
        await _app.DisposeAsync();
        try { Directory.Delete(_prefix, recursive: true); } catch (IOException) { }
    }
}
