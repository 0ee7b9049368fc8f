using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Matching.Client;
using Matching.Domain.Access;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>
/// A host with tight limits and every log at Trace, behind a known proxy: per-identity rate limits (429
/// with Retry-After), failed sign-ins limited per client and per user name (successes free), health
/// probes unlimited, hub calls limited per connection, hub connections closed when their token
/// expires, and no token in any log line.
/// </summary>
public sealed class AbuseLimitsTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _logs = new();
    private MatchingApplication _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = MatchingApplication.With(settings: new Dictionary<string, string>
        {
            ["RateLimits:PermitsPerMinute"] = "60",
            ["RateLimits:Burst"] = "5",
            ["RateLimits:SignInsPerMinute"] = "3",
            ["RateLimits:FailedSignInsPerUserPerMinute"] = "4",
            ["RateLimits:HubBurst"] = "5",
            ["RateLimits:HubCallsPerMinute"] = "60",
            // The documented nginx, as seen from the host: only this address may say who the client is.
            ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
            // Short enough to watch a hub connection close at expiry, long enough for a loaded machine to use the token first.
            ["Auth:TokenLifetime"] = "00:00:10",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        }, capturedLogs: _logs);
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_identity_over_its_rate_gets_429_with_Retry_After_and_others_are_unaffected()
    {
        var county = _app.County("370102");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await county.GetAsync("/api/rules", Ct)).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var limited = await county.GetAsync("/api/rules", Ct);
        var problem = await Problems.AssertProblem(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("秒后重试", problem["detail"]!.GetValue<string>());

        // Another identity has a budget of its own.
        Assert.Equal(HttpStatusCode.OK, (await _app.County("370112").GetAsync("/api/rules", Ct)).StatusCode);
    }

    /// <summary>The proxy's address: a loopback address of its own, so that the test client (127.0.0.1) is not trusted.</summary>
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.2");

    /// <summary>A client connecting from the proxy's address, saying it forwards <paramref name="client"/>.</summary>
    private HttpClient ThroughProxy(string client)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(Proxy, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = _app.CreateClient().BaseAddress };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        return http;
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { userName = user, password }, Ct);

    [Fact]
    public async Task Password_guessing_is_cut_off_at_the_sign_in_limit_and_a_spoofed_forwarded_address_does_not_help()
    {
        var client = _app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // 127.0.0.1 is no known proxy: what it claims to forward is ignored, every guess is its own.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { userName = "coordinator", password = "guess-" + i }) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add((await client.SendAsync(request, Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Behind_the_proxy_one_clients_guessing_does_not_lock_out_another_client()
    {
        var attacker = ThroughProxy("203.0.113.10");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await SignIn(attacker, "admin", "guess-" + i)).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);

        var officer = await SignIn(ThroughProxy("203.0.113.11"), "officer", MatchingApplication.Password);
        Assert.Equal(HttpStatusCode.OK, officer.StatusCode);
    }

    [Fact]
    public async Task Successful_sign_ins_are_not_counted()
    {
        var client = ThroughProxy("203.0.113.20");
        // More than the 3 failures a client may have; within the 5 requests an address may make at once.
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await SignIn(client, "county-370102", MatchingApplication.Password)).StatusCode);
    }

    [Fact]
    public async Task Guessing_one_user_name_from_many_clients_is_cut_off_for_that_name_only()
    {
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(ThroughProxy($"203.0.113.{30 + i}"), "county-370105", "guess-" + i)).StatusCode);

        var limited = await SignIn(ThroughProxy("203.0.113.40"), "county-370105", MatchingApplication.Password);
        await Problems.AssertProblem(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(ThroughProxy("203.0.113.40"), "county-370112", MatchingApplication.Password)).StatusCode);
    }

    [Fact]
    public async Task Health_probes_are_outside_the_anonymous_rate_limit()
    {
        var probe = _app.CreateClient();
        for (var i = 0; i < 30; i++) Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task Hub_method_calls_are_limited_per_connection()
    {
        async Task<HubConnection> Connect(string token)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(_app.CreateClient().BaseAddress!, LiveHubProtocol.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            await connection.StartAsync(Ct);
            return connection;
        }

        // This host's tokens live 10 s; the busy connection's must outlive its 20 calls on a loaded machine.
        var lasting = AuthorizationMatrixTests.Craft(_app.Services.GetRequiredService<Auth.SigningKeys>().Key, Auth.AuthOptions.EmbeddedIssuer, DateTime.UtcNow, DateTime.UtcNow.AddHours(1));
        await using var busy = await Connect(lasting);
        var refused = 0;
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await busy.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, Ct);
            }
            catch (Microsoft.AspNetCore.SignalR.HubException e) when (e.Message.Contains("调用过于频繁"))
            {
                refused++;
            }
        }

        Assert.InRange(refused, 10, 15);
        Assert.Equal(HubConnectionState.Connected, busy.State);
        await using var other = await Connect(_app.TokenOf(SeededAccounts.Admin));
        Assert.Single(await other.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, Ct));
    }

    [Fact]
    public async Task A_hub_connection_closes_when_its_token_expires_and_no_token_is_ever_logged()
    {
        var token = _app.TokenOf(SeededAccounts.Coordinator);
        var closed = new TaskCompletionSource<Exception?>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.CreateClient().BaseAddress!, LiveHubProtocol.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await connection.StartAsync(Ct);
        var streams = await connection.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, Ct);
        Assert.Equal(["coordinators"], streams.Select(s => s.Stream));
        var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await api.GetAsync("/api/auth/me", Ct)).EnsureSuccessStatusCode();
        // What a browser does: WebSockets cannot carry headers, so @microsoft/signalr puts the token in the query.
        var asBrowser = await _app.CreateClient().PostAsync($"{LiveHubProtocol.Path}/negotiate?negotiateVersion=1&access_token={token}", null, Ct);
        Assert.Equal(HttpStatusCode.OK, asBrowser.StatusCode);

        // The token lives 10 s (plus the validation's 30 s clock skew is not applied to closing).
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);

        Assert.NotEmpty(_logs);
        Assert.Contains(_logs, line => line.Contains("/hubs/matching", StringComparison.Ordinal) || line.Contains("Hub", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs, line => line.Contains(token, StringComparison.Ordinal) || line.Contains(token[..40], StringComparison.Ordinal));
    }
}
