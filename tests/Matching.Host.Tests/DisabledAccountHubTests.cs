using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Matching.Contracts.Live;
using Matching.Live.Wire;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Matching.Host.Tests;

/// <summary>A real SignalR connection to the real host, as a disabled account holds it.</summary>
internal sealed class HubSession : IAsyncDisposable
{
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubSession(HubConnection connection)
    {
        Connection = connection;
        connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    /// <summary>Completes when the host closed the connection (no automatic reconnect).</summary>
    public Task Closed => _closed.Task;

    public static HubConnection Build(Uri host, string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(host, LiveHubProtocol.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
        .Build();

    public static async Task<HubSession> Open(Uri host, string token)
    {
        var session = new HubSession(Build(host, token));
        await session.Connection.StartAsync(TestContext.Current.CancellationToken);
        return session;
    }

    /// <summary>The status a new connection with the token gets: a refused one throws at negotiation.</summary>
    public static async Task<HttpStatusCode?> Reconnect(Uri host, string token)
    {
        await using var again = Build(host, token);
        try
        {
            await again.StartAsync(TestContext.Current.CancellationToken);
            return HttpStatusCode.OK;
        }
        catch (HttpRequestException e)
        {
            return e.StatusCode;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>
/// Disabling an account closes its open hub connections at once (not when the token expires), a
/// reconnect is refused, and a host that missed the close refuses the connection's next call.
/// </summary>
public sealed class DisabledAccountHubTests(MatchingApplication app) : IClassFixture<MatchingApplication>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Uri Host => app.CreateClient().BaseAddress!;

    private Task<HttpResponseMessage> SetDisabled(string user, bool disabled) =>
        app.ClientAs("admin").PutAsJsonAsync($"/api/accounts/{user}/status", new { disabled, reason = disabled ? "令牌泄露" : "已更换密码" }, Ct);

    [Fact]
    public async Task Disabling_an_account_closes_its_open_connections_within_seconds_and_a_reconnect_is_refused()
    {
        const string user = "county-370113";
        var token = app.TokenOf(user);
        await using var first = await HubSession.Open(Host, token);
        await using var second = await HubSession.Open(Host, token);
        await using var other = await HubSession.Open(Host, app.TokenOf("county-370114"));
        Assert.Single(await first.Connection.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, Ct));

        try
        {
            var clock = Stopwatch.StartNew();
            (await SetDisabled(user, true)).EnsureSuccessStatusCode();
            await Task.WhenAll(first.Closed, second.Closed).WaitAsync(TimeSpan.FromSeconds(5), Ct);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"closed after {clock.Elapsed}");
            Assert.Equal(HubConnectionState.Disconnected, first.Connection.State);

            Assert.Equal(HttpStatusCode.Unauthorized, await HubSession.Reconnect(Host, token));
            // Another account's connection is untouched.
            Assert.Equal(HubConnectionState.Connected, other.Connection.State);
            Assert.Single(await other.Connection.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, Ct));
        }
        finally
        {
            (await SetDisabled(user, false)).EnsureSuccessStatusCode();
        }

        Assert.Equal(HttpStatusCode.OK, await HubSession.Reconnect(Host, token));
    }

    [Fact]
    public async Task A_host_that_missed_the_close_refuses_the_connections_next_call_and_closes_it()
    {
        const string user = "county-370115";
        var token = app.TokenOf(user);
        await using var session = await HubSession.Open(Host, token);
        Assert.Single(await session.Connection.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, Ct));

        // The host drops out of the live directory (as a host cut off from the cluster would), so
        // disabling the account cannot reach it.
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var directory = grains.GetGrain<ILiveHubDirectoryGrain>(0);
        var silo = app.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var hub = Assert.Single(await directory.GetHubs());
        await directory.Unregister(silo);
        try
        {
            (await SetDisabled(user, true)).EnsureSuccessStatusCode();
            Assert.Equal(HubConnectionState.Connected, session.Connection.State);

            var refused = await Assert.ThrowsAnyAsync<Exception>(() => session.Connection.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, Ct));
            Assert.True(refused is Microsoft.AspNetCore.SignalR.HubException h && h.Message.Contains("账号已停用") || refused is TaskCanceledException or InvalidOperationException, refused.ToString());
            await session.Closed.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        }
        finally
        {
            await directory.Register(silo, hub);
            (await SetDisabled(user, false)).EnsureSuccessStatusCode();
        }
    }
}
