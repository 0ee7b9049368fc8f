using System.Net.Http.Json;
using Matching.Contracts;
using Matching.Contracts.Live;
using Matching.Domain.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Host.Tests;

/// <summary>A client reconnecting to a restarted host resumes where it was, exactly once, in order.</summary>
public sealed class LiveRestartTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "matching-tests", "live-restart-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task After_a_host_restart_the_client_gets_exactly_the_missed_events_in_order()
    {
        var port = MatchingApplication.FreePort();
        var stream = LiveStreams.County("370112");
        LiveProbe probe;
        long start;

        var first = MatchingApplication.With(_data, port);
        await first.InitializeAsync();
        probe = await first.Live(SeededAccounts.CountyUser("370112")).StartAsync();
        try
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await LiveUpdatesTests.Append(grains, stream, "before-restart", 20);
            start = 0;
            await probe.WaitForSequence(stream, 20);
            await first.DisposeAsync();

            // The client keeps retrying while no host answers; the new host continues the stream from its log.
            await using var second = MatchingApplication.With(_data, port);
            await second.InitializeAsync();
            await LiveUpdatesTests.Append(second.Services.GetRequiredService<IGrainFactory>(), stream, "after-restart", 30);

            await probe.WaitForSequence(stream, 50);
            // Exactly once each: an event both pushed and fetched on catch-up is recognised by its sequence and dropped.
            LiveUpdatesTests.AssertContiguous(probe.Received, stream, start, 50);
        }
        finally
        {
            await probe.DisposeAsync();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Two hosts forming one cluster on PostgreSQL: a client connected to one host receives what is
/// caused through the other (grains fan out to every host; each host sends to its own connections).
/// </summary>
public sealed class LiveAcrossHostsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private Dictionary<string, string> ClusterSettings(string name) => new()
    {
        ["Matching:Profile"] = "Cluster",
        ["Storage:ConnectionString"] = postgres.ConnectionString,
        ["Search:Provider"] = "Lucene",
        ["Orleans:ClusterId"] = "live-" + name,
        ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
        ["Orleans:SiloPort"] = MatchingApplication.FreePort().ToString(),
        ["Orleans:GatewayPort"] = MatchingApplication.FreePort().ToString(),
        ["Orleans:Dashboard:Enabled"] = "false",
    };

    [Fact]
    public async Task A_client_on_one_host_receives_what_is_caused_on_the_other()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;
        var cluster = "c" + Guid.NewGuid().ToString("N")[..8];
        var settingsA = ClusterSettings(cluster);
        var settingsB = ClusterSettings(cluster);
        settingsB["Orleans:ClusterId"] = settingsA["Orleans:ClusterId"];

        await using var hostA = MatchingApplication.With(settings: settingsA);
        await hostA.InitializeAsync();
        await using var hostB = MatchingApplication.With(settings: settingsB);
        await hostB.InitializeAsync();

        await using var coordinatorOnB = await hostB.Live(SeededAccounts.Coordinator).StartAsync();
        await using var officerOnB = await hostB.Live(SeededAccounts.Officer).StartAsync();

        // Caused on A: post and publish.
        var officerOnA = hostA.Officer();
        var (id, _) = await officerOnA.CreateProject(ProjectBodies.Valid("跨主机推送测试项目").With("landMu", 50).With("energyTce", 2000));
        (await officerOnA.PostAsync($"/api/projects/{id}/publish", null, ct)).EnsureSuccessStatusCode();

        Assert.Equal(["projectPublished"], await coordinatorOnB.WaitFor(id, "projectPublished"));
        Assert.Equal(["projectPublished"], await officerOnB.WaitFor(id, "projectPublished"));

        // And a county connected to B hears of it too, while its bid, placed through A, reaches the officer on B.
        var fits = await hostA.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectGrain>(id).GetInterestScores();
        var county = fits.Keys.Order(StringComparer.Ordinal).First();
        var park = (await officerOnA.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/parks?county={county}", ct))![0]!["id"]!.GetValue<string>();
        await using var countyOnB = await hostB.Live(SeededAccounts.CountyUser(county)).StartAsync();
        Assert.Equal(["projectPublished"], await countyOnB.WaitFor(id, "projectPublished"));
        (await hostA.County(county).PostAsJsonAsync($"/api/projects/{id}/bids", new
        {
            county, parkId = park, landMu = 50, energyTce = 2000, deliveryMonths = 12, landPrice = 30, commitments = "专班服务", note = "",
        }, ct)).EnsureSuccessStatusCode();
        Assert.Equal(["projectPublished", "bidPlaced"], await officerOnB.WaitFor(id, "projectPublished", "bidPlaced"));
    }
}
