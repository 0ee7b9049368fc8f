using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Testing;

namespace Matching.Cluster.Tests;

/// <summary>
/// A host cut off from the network without being killed (its namespace's link down: peers,
/// PostgreSQL and clients all lose it; its process runs on), on a machine kept busy by one spinning
/// process per core: its clients fail over to the other host and every bid gets acknowledged there;
/// awards racing through both hosts across the cut never reserve more energy than the county's quota;
/// its grains answer again through the other host within 30 s; the cut host is either dead (declared
/// dead, and stopped within 20 s of the link's return) or a member again, never a dead member still
/// serving — checked from a client on its own side of the cut, without grace, from the cut on; no
/// acknowledged write is lost, none applied twice. Skipped where network namespaces cannot be made
/// (not root, no iproute2). <c>MATCHING_PARTITION_TRIALS</c> trials (1 by default), reported like the
/// fault test's.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PartitionTests(PostgresServer postgres)
{
    private const int CutAfterAcknowledged = 20;
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30), FateLimit = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cut_off_host_under_cpu_load_fails_its_clients_over_never_overbooks_a_quota_and_comes_back_dead_or_member_never_both()
    {
        if (postgres.SkipReason is { } noPostgres) Assert.Skip(noPostgres);
        if (IsolatedNetwork.Unavailable is { } noNamespaces) Assert.Skip(noNamespaces);
        var trials = int.TryParse(Environment.GetEnvironmentVariable("MATCHING_PARTITION_TRIALS"), out var n) ? n : 1;

        await using var network = await IsolatedNetwork.CreateAsync(hosts: 2);
        await using var database = await HubPostgres.StartAsync(network, Ct);
        await using var cluster = TestCluster.CreateIsolated(network, database, hosts: 2, Membership.Diagnostics);
        Membership.KeepLogs(cluster);
        await cluster.StartAsync(Ct);
        // The workload's counties, and one more for a write through the cut host after the link returns.
        var all = await cluster.Api(0).CountiesWithParksAsync(BidWorkload.CountiesPerProject + 1, Ct);
        Assert.Equal(BidWorkload.CountiesPerProject + 1, all.Count);
        var (counties, lateCounty) = (all[..^1], all[^1]);
        await using var load = CpuLoad.Start(CpuLoad.Configured);

        var results = new List<Recovery>();
        for (var trial = 1; trial <= trials; trial++)
        {
            // The cut host alternates, as the fault test's victim does.
            var victim = trial % 2 == 1 ? 0 : 1;
            var survivor = 1 - victim;
            var apis = new[] { cluster.Api(0, TimeSpan.FromSeconds(10)), cluster.Api(1, TimeSpan.FromSeconds(10)) };
            var setup = new[] { cluster.Api(0), cluster.Api(1) };
            var workload = await BidWorkload.OpenAsync(setup, apis, counties, $"分区试验{trial}", Ct);
            var quota = await QuotaRace.PrepareAsync(setup, setup, workload, counties[0], trial, Ct);
            var generation = await ActiveGeneration(cluster, victim);

            Membership.Mark(cluster, $"trial {trial}: {cluster.Hosts[victim].Name} will be cut off");
            var writing = workload.RunAsync(CutAfterAcknowledged, () => network.CutAsync(victim), Ct);
            // The awards start a moment before the cut and go on across it.
            var awarding = Task.Run(async () =>
            {
                while (workload.Acknowledged.Count < CutAfterAcknowledged - 6) await Task.Delay(20, Ct);
                await quota.RunAsync(Ct);
            }, Ct);
            var sinceCut = await workload.Fault.WaitAsync(TimeSpan.FromSeconds(120), Ct);
            Membership.Mark(cluster, $"trial {trial}: {cluster.Hosts[victim].Name} cut off");
            // From the cut on, a client on the cut host's side checks "dead or member, never both".
            // Its reads: a project posted through the cut host (so activated there), as the coordinator and
            // as the bidding counties in turn (a read also calls its account's grain, which may live on either host).
            await using var watch = CutHostWatch.Start(cluster, network, victim, generation, workload.Projects[victim],
                ["coordinator", .. counties.Select(c => $"county-{c.County}")], sinceCut);

            var (at, affected, probed) = await workload.RecoveryThroughAsync(apis[survivor], sinceCut, Ct);
            await Membership.ReportAsync($"trial {trial}: every project and county answered through {cluster.Hosts[survivor].Name} {at.TotalSeconds:F1} s after the cut (at {DateTime.UtcNow - sinceCut.Elapsed:HH:mm:ss.fff} UTC)", cluster.Hosts[survivor], Ct);
            await Task.WhenAll(writing, awarding);
            workload.AssertAllAcknowledged(() => $"{cluster.Hosts[survivor].Name}'s last lines:\n{cluster.Hosts[survivor].Tail(30)}");
            Assert.True(affected > 0, "no project or county lived on the cut host: the trial proved nothing about recovery");
            await quota.AssertWithinCapacityAsync(apis[survivor], Ct);

            // The link returns: the cut host learns it was declared dead and stops, or (had it not been
            // declared dead) is a member again. A write it acknowledges meanwhile must not be lost.
            await network.HealAsync(victim);
            var sinceHeal = Stopwatch.StartNew();
            Membership.Mark(cluster, $"trial {trial}: {cluster.Hosts[victim].Name}'s link returned {sinceCut.Elapsed.TotalSeconds:F1} s after the cut");
            var lateWrite = await LateWriteAsync(apis[victim], workload.Projects[trial % workload.Projects.Count], lateCounty);
            var outcome = await SettleAsync(cluster, victim, watch, sinceHeal);
            TestContext.Current.TestOutputHelper?.WriteLine($"after the link returned: {outcome} ({sinceHeal.Elapsed.TotalSeconds:F1} s); {watch}");
            Assert.Equal("dead and stopped", outcome);
            // The fence: the cut host answered 503 before the others could declare it dead.
            Assert.True(watch.FirstFenced is { } fenced && fenced < watch.DeadAt, $"the cut host did not answer 503 before its row was Dead: {watch}");
            // The server ends a session left inside a transaction by the cut host after 5 s (the host's
            // idle_in_transaction_session_timeout), so that its locks do not hold the survivor up.
            Assert.True(watch.LongestOpen <= 10, $"a session of the cut host stayed open inside a transaction for {watch.LongestOpen:F1} s: {watch}");

            await workload.AssertStoredAsync(cluster.ConnectionString, Ct, lateWrite is { } late ? [late] : []);

            var result = new Recovery(trial, $"cut {cluster.Hosts[victim].Name} off", at, affected, probed, workload.Acknowledged.Count, load.Workers);
            results.Add(result);
            await Membership.ReportAsync(result + $"; after the link returned: {outcome} within {sinceHeal.Elapsed.TotalSeconds:F1} s; {watch}; awards: {quota}", cluster.Hosts[victim], Ct);

            // The cut host starts again (a new silo generation) and rejoins for the next trial.
            if (trial < trials) await cluster.StartAsync(Ct);
        }

        Recovery.AssertWithin(results, RecoveryLimit);
    }

    /// <summary>The generation of <paramref name="host"/>'s active silo in the membership table.</summary>
    private static async Task<int> ActiveGeneration(TestCluster cluster, int host) =>
        await ClusterDatabase.ScalarAsync<int>(cluster.ConnectionString,
            $"SELECT max(generation) FROM orleansmembershiptable WHERE deploymentid = '{cluster.ClusterId}' AND address = '{IsolatedNetwork.HostAddress(host)}' AND status = 3", Ct);

    /// <summary>
    /// Right after the link returns, one bid through the cut host (it may still believe itself alive):
    /// if it is acknowledged, it must be stored like every other.
    /// </summary>
    private static async Task<(Guid Project, string County, string Key)?> LateWriteAsync(MatchingApi victim, Guid project, (string County, string Park) county)
    {
        var key = Guid.NewGuid().ToString("N");
        try
        {
            using var response = await victim.SendAsync(HttpMethod.Post, $"/api/projects/{project}/bids", $"county-{county.County}",
                MatchingApi.BidBody(county.County, county.Park), key, Ct);
            return response.IsSuccessStatusCode ? (project, county.County, key) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !Ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits (at most 20 s after the link returned) until the cut host's fate is clear and says which it
    /// is: its silo row <c>Dead</c> and its process ended, or its row still <c>Active</c> and its HTTP
    /// answering a grain read. Fails at once when the watch saw the split: a grain read answered 200 by
    /// the cut host after its row had been read <c>Dead</c>, at any time since the cut.
    /// </summary>
    private static async Task<string> SettleAsync(TestCluster cluster, int victim, CutHostWatch watch, Stopwatch sinceHeal)
    {
        while (true)
        {
            Assert.True(watch.Violations.Count == 0,
                $"dead in the membership table but still answering: {string.Join("; ", watch.Violations.Take(3))} ({watch}; the link returned {sinceHeal.Elapsed.TotalSeconds:F1} s ago):\n{cluster.Hosts[victim].Tail(20)}");
            if (watch is { Status: 6, StoppedAt: not null }) return "dead and stopped";
            if (watch is { Status: 3, Answers: true } && sinceHeal.Elapsed > TimeSpan.FromSeconds(15)) return "member again";
            if (sinceHeal.Elapsed > FateLimit)
                Assert.Fail($"{cluster.Hosts[victim].Name} neither stopped nor rejoined {FateLimit.TotalSeconds:F0} s after the link returned (status {watch.Status}, running {cluster.Hosts[victim].IsRunning}; {watch}):\n{cluster.Hosts[victim].Tail(20)}");
            await Task.Delay(250, Ct);
        }
    }
}
