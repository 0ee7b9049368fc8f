using System.Net;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Cluster.Tests;

/// <summary>Two host processes in the cluster profile on one PostgreSQL database form one Orleans cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>SiloStatus values as stored in the membership table.</summary>
    private const int Active = 3, Dead = 6;

    [Fact]
    public async Task A_project_posted_through_one_host_is_read_through_the_other_and_survives_stopping_every_host()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        await using var cluster = await TestCluster.CreateAsync(postgres, hosts: 2, Ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await cluster.StartAsync(Ct);
        Log($"two hosts ready in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(new[] { Active, Active }, await Statuses(cluster));

        var (first, second) = (cluster.Api(0), cluster.Api(1));
        var id = await first.OpenProjectAsync("跨主机读取项目", Ct);
        var (county, park) = (await second.CountiesWithParksAsync(1, Ct))[0];
        using (var bid = await second.SendAsync(HttpMethod.Post, $"/api/projects/{id}/bids", $"county-{county}", MatchingApi.BidBody(county, park), cancellationToken: Ct))
            Assert.Equal(HttpStatusCode.Created, bid.StatusCode);

        var throughSecond = await second.GetJsonAsync($"/api/projects/{id}", "officer", Ct);
        Assert.Equal("跨主机读取项目", throughSecond["title"]!.GetValue<string>());
        var history = (await first.GetJsonAsync($"/api/projects/{id}/history", "officer", Ct)).ToJsonString();
        var bids = await first.GetJsonAsync($"/api/projects/{id}/bids", "coordinator", Ct);
        Assert.Equal(county, Assert.Single(bids.AsArray())!["county"]!.GetValue<string>());

        // SIGTERM to both: each drains, leaves the cluster (its row goes Dead, not left for others to
        // suspect) and exits 0 within the shutdown timeout.
        var stopTimes = await cluster.StopAsync();
        Log($"graceful stops: {string.Join(", ", stopTimes.Select(t => $"{t.TotalSeconds:F1} s"))}");
        Assert.All(cluster.Hosts, h => Assert.True(h.ExitCode == 0, $"{h.Name} exited with {h.ExitCode}:\n{h.Tail()}"));
        Assert.All(stopTimes, t => Assert.True(t < TimeSpan.FromSeconds(30), $"graceful stop took {t}"));
        Assert.Equal(new[] { Dead, Dead }, await Statuses(cluster));

        watch.Restart();
        await cluster.StartAsync(Ct);
        Log($"restarted in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(new[] { Active, Active }, (await Statuses(cluster)).Where(s => s == Active));
        for (var host = 0; host < 2; host++)
        {
            var api = cluster.Api(host);
            var project = await api.GetJsonAsync($"/api/projects/{id}", "officer", Ct);
            Assert.Equal(throughSecond["version"]!.GetValue<long>(), project["version"]!.GetValue<long>());
            Assert.Equal(history, (await api.GetJsonAsync($"/api/projects/{id}/history", "officer", Ct)).ToJsonString());
            Assert.Single((await api.GetJsonAsync($"/api/projects/{id}/bids", "coordinator", Ct)).AsArray());
        }
    }

    private static void Log(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);

    /// <summary>Membership rows of the cluster, oldest generation first.</summary>
    private static async Task<int[]> Statuses(TestCluster cluster) =>
        [.. (await ClusterDatabase.RowsAsync(cluster.ConnectionString, "SELECT status FROM orleansmembershiptable ORDER BY starttime, port", Ct)).Select(r => (int)r[0])];
}
