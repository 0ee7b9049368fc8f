using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Matching.Client;
using Matching.Domain.Access;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.Host.Tests;

/// <summary>
/// A host with tight limits and every log at Trace: per-identity rate limits (429 with Retry-After),
/// a sign-in limit, hub connections closed when their token expires, and no token in any log line.
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
            ["Auth:TokenLifetime"] = "00:00:04",
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

    [Fact]
    public async Task Password_guessing_is_cut_off_at_the_sign_in_limit()
    {
        var client = _app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/token", new { userName = "coordinator", password = "guess-" + i }, Ct)).StatusCode);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
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

        // The token lives 4 s (plus the validation's 30 s clock skew is not applied to closing).
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);

        Assert.NotEmpty(_logs);
        Assert.Contains(_logs, line => line.Contains("/hubs/matching", StringComparison.Ordinal) || line.Contains("Hub", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs, line => line.Contains(token, StringComparison.Ordinal) || line.Contains(token[..40], StringComparison.Ordinal));
    }
}
