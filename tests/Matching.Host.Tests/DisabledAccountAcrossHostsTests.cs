using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Matching.Live.Wire;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.Host.Tests;

/// <summary>
/// Two hosts forming one cluster on PostgreSQL: an account disabled through one host loses the hub
/// connections it holds on the other within seconds, and connects to neither again; its tokens are refused
/// on the other host at once, whatever copy of the account that host kept for its sign-in check.
/// </summary>
public sealed class DisabledAccountAcrossHostsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private Dictionary<string, string> ClusterSettings(string cluster, string accountCopyLifetime = "00:00:02") => new()
    {
        ["Auth:AccountCopyLifetime"] = accountCopyLifetime,
        ["Matching:Profile"] = "Cluster",
        ["Storage:ConnectionString"] = postgres.ConnectionString,
        ["Search:Provider"] = "Lucene",
        ["Orleans:ClusterId"] = "disable-" + cluster,
        ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
        ["Orleans:SiloPort"] = MatchingApplication.FreePort().ToString(),
        ["Orleans:GatewayPort"] = MatchingApplication.FreePort().ToString(),
        ["Orleans:Dashboard:Enabled"] = "false",
    };

    /// <summary>Two hosts of one new cluster, started one after the other, each keeping its account copies for <paramref name="accountCopyLifetime"/>.</summary>
    private async Task<TwoHosts> StartTwoHosts(string accountCopyLifetime = "00:00:02")
    {
        var cluster = Guid.NewGuid().ToString("N")[..8];
        var a = MatchingApplication.With(settings: ClusterSettings(cluster, accountCopyLifetime));
        MatchingApplication? b = null;
        try
        {
            await a.InitializeAsync();
            b = MatchingApplication.With(settings: ClusterSettings(cluster, accountCopyLifetime));
            await b.InitializeAsync();
            return new TwoHosts(a, b);
        }
        catch
        {
            if (b is not null) await b.DisposeAsync();
            await a.DisposeAsync();
            throw;
        }
    }

    private sealed record TwoHosts(MatchingApplication A, MatchingApplication B) : IAsyncDisposable
    {
        public Uri OnA { get; } = A.CreateClient().BaseAddress!;
        public Uri OnB { get; } = B.CreateClient().BaseAddress!;

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    [Fact]
    public async Task Disabling_on_one_host_closes_the_accounts_connections_on_the_other()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        // Copies kept far longer than the test: only the disable's word to each host can make them refuse the token.
        await using var hosts = await StartTwoHosts(accountCopyLifetime: "00:10:00");
        var (hostA, hostB, onA, onB) = (hosts.A, hosts.B, hosts.OnA, hosts.OnB);

        const string user = "county-371502";
        var token = hostA.TokenOf(user);
        await using var sessionOnB = await HubSession.Open(onB, token);
        await using var sessionOnA = await HubSession.Open(onA, token);
        Assert.Single(await sessionOnB.Connection.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, ct));
        // Each host now holds its copy of the enabled account.
        Assert.Equal(HttpStatusCode.OK, await Me(onA, token));
        Assert.Equal(HttpStatusCode.OK, await Me(onB, token));

        // While the two silos are still agreeing on membership, each may briefly hold its own activation of
        // the live-hub directory; the close goes to the hubs the directory knows, so wait until it knows both.
        var directory = hostA.Services.GetRequiredService<Orleans.IGrainFactory>().GetGrain<Matching.Contracts.Live.ILiveHubDirectoryGrain>(0);
        Assert.Equal(2, (await Polling.Eventually(directory.GetHubs, hubs => hubs.Count >= 2, TimeSpan.FromSeconds(30))).Count);

        var clock = Stopwatch.StartNew();
        (await hostA.ClientAs("admin").PutAsJsonAsync($"/api/accounts/{user}/status", new { disabled = true, reason = "人员调离" }, ct)).EnsureSuccessStatusCode();
        await Task.WhenAll(sessionOnB.Closed, sessionOnA.Closed).WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"closed after {clock.Elapsed}");
        Assert.Equal(HubConnectionState.Disconnected, sessionOnB.Connection.State);

        Assert.Equal(HttpStatusCode.Unauthorized, await HubSession.Reconnect(onB, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await HubSession.Reconnect(onA, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(onB, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(onA, token));

        // Enabled again: the same token is taken at once on both (a copy never keeps refusing).
        (await hostA.ClientAs("admin").PutAsJsonAsync($"/api/accounts/{user}/status", new { disabled = false, reason = "调回原岗位" }, ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, await Me(onB, token));
        Assert.Equal(HttpStatusCode.OK, await Me(onA, token));
    }

    [Fact]
    public async Task A_password_changed_on_one_host_refuses_the_earlier_token_on_the_other_at_once()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        await using var hosts = await StartTwoHosts(accountCopyLifetime: "00:10:00");
        var (hostA, onA, onB) = (hosts.A, hosts.OnA, hosts.OnB);
        var directory = hostA.Services.GetRequiredService<Orleans.IGrainFactory>().GetGrain<Matching.Contracts.Live.ILiveHubDirectoryGrain>(0);
        await Polling.Eventually(directory.GetHubs, hubs => hubs.Count >= 2, TimeSpan.FromSeconds(30));

        const string user = "county-371521";
        var token = hostA.TokenOf(user);
        Assert.Equal(HttpStatusCode.OK, await Me(onB, token));

        using var onAClient = new HttpClient { BaseAddress = onA };
        onAClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var changed = await onAClient.PostAsJsonAsync("/api/accounts/me/password",
            new { currentPassword = MatchingApplication.Password, newPassword = "Xin-mima-2026-county" }, ct);
        changed.EnsureSuccessStatusCode();
        var fresh = (await changed.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(ct))!["accessToken"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, await Me(onB, token));
        Assert.Equal(HttpStatusCode.OK, await Me(onB, fresh));
        Assert.Equal(HttpStatusCode.OK, await Me(onA, fresh));
    }

    [Fact]
    public async Task A_joining_host_the_close_missed_closes_the_connection_within_seconds_not_at_its_sweep()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        await using var hosts = await StartTwoHosts();
        var (hostA, hostB, onB) = (hosts.A, hosts.B, hosts.OnB);

        const string user = "county-371503";
        var token = hostA.TokenOf(user);
        await using var sessionOnB = await HubSession.Open(onB, token);
        Assert.Single(await sessionOnB.Connection.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, ct));

        // B has just joined: the directory forgets it again (as a directory activation that moved, or a
        // second one while membership converges, does not know it), so the disable's close misses B.
        var directory = hostA.Services.GetRequiredService<Orleans.IGrainFactory>().GetGrain<Matching.Contracts.Live.ILiveHubDirectoryGrain>(0);
        await Polling.Eventually(directory.GetHubs, hubs => hubs.Count >= 2, TimeSpan.FromSeconds(30));
        await directory.Unregister(hostB.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress);
        Assert.Single(await directory.GetHubs());
        var sweepOnB = hostB.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Security.AccountHubSweep>().Single();
        Assert.True(sweepOnB.Settling, "host B should still be in its settling window");

        var clock = Stopwatch.StartNew();
        (await hostA.ClientAs("admin").PutAsJsonAsync($"/api/accounts/{user}/status", new { disabled = true, reason = "人员调离" }, ct)).EnsureSuccessStatusCode();
        // No call on the connection: only B's own check can close it (its 30 s sweep would be too late).
        await sessionOnB.Closed.WaitAsync(TimeSpan.FromSeconds(8), ct);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"closed after {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.Unauthorized, await HubSession.Reconnect(onB, token));
        // B's copy of the account for its sign-in check lasts 2 s: its REST requests are refused within that.
        await Polling.Eventually(() => Me(onB, token), status => status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(3));
    }

    private static async Task<HttpStatusCode> Me(Uri host, string token)
    {
        using var client = new HttpClient { BaseAddress = host };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
