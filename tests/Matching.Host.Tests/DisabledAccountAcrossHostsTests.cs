using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Matching.Live.Wire;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.Host.Tests;

/// <summary>
/// Two hosts forming one cluster on PostgreSQL: an account disabled through one host loses the hub
/// connections it holds on the other within seconds, and connects to neither again.
/// </summary>
public sealed class DisabledAccountAcrossHostsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private Dictionary<string, string> ClusterSettings(string cluster) => new()
    {
        ["Matching:Profile"] = "Cluster",
        ["Storage:ConnectionString"] = postgres.ConnectionString,
        ["Search:Provider"] = "Lucene",
        ["Orleans:ClusterId"] = "disable-" + cluster,
        ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
        ["Orleans:SiloPort"] = MatchingApplication.FreePort().ToString(),
        ["Orleans:GatewayPort"] = MatchingApplication.FreePort().ToString(),
        ["Orleans:Dashboard:Enabled"] = "false",
    };

    [Fact]
    public async Task Disabling_on_one_host_closes_the_accounts_connections_on_the_other()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        var cluster = Guid.NewGuid().ToString("N")[..8];
        await using var hostA = MatchingApplication.With(settings: ClusterSettings(cluster));
        await hostA.InitializeAsync();
        await using var hostB = MatchingApplication.With(settings: ClusterSettings(cluster));
        await hostB.InitializeAsync();
        var onA = hostA.CreateClient().BaseAddress!;
        var onB = hostB.CreateClient().BaseAddress!;

        const string user = "county-371502";
        var token = hostA.TokenOf(user);
        await using var sessionOnB = await HubSession.Open(onB, token);
        await using var sessionOnA = await HubSession.Open(onA, token);
        Assert.Single(await sessionOnB.Connection.InvokeAsync<StreamHead[]>(LiveHubProtocol.Streams, ct));

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
    }

    [Fact]
    public async Task A_joining_host_the_close_missed_closes_the_connection_within_seconds_not_at_its_sweep()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        var cluster = Guid.NewGuid().ToString("N")[..8];
        await using var hostA = MatchingApplication.With(settings: ClusterSettings(cluster));
        await hostA.InitializeAsync();
        await using var hostB = MatchingApplication.With(settings: ClusterSettings(cluster));
        await hostB.InitializeAsync();
        var onB = hostB.CreateClient().BaseAddress!;

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
    }
}
