using Matching.Testing;

namespace Matching.Cluster.Tests;

/// <summary>
/// A host killed with SIGKILL while counties bid through both hosts, on a machine kept busy by one
/// spinning process per core for the whole test: every acknowledged bid is in the database
/// afterwards, none is applied twice, and the grains that lived on the dead host answer again through
/// the survivor within 30 s. Runs <c>MATCHING_RECOVERY_TRIALS</c> trials (2 by default; the README's
/// figures come from 10), appending one line per trial to <c>MATCHING_RECOVERY_REPORT</c> if set
/// (<c>MATCHING_RECOVERY_DETAIL=1</c> adds the survivor's membership log lines);
/// <c>MATCHING_CPU_LOAD</c> sets the number of busy processes (0 for a quiet machine).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FaultTests(PostgresServer postgres)
{
    private const int KillAfterAcknowledged = 20;
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_host_under_cpu_load_loses_no_acknowledged_bid_applies_none_twice_and_its_grains_answer_again_within_30_s()
    {
        if (postgres.SkipReason is { } reason) Assert.Skip(reason);
        var trials = int.TryParse(Environment.GetEnvironmentVariable("MATCHING_RECOVERY_TRIALS"), out var n) ? n : 2;
        await using var cluster = await TestCluster.CreateAsync(postgres, hosts: 2, Ct, Membership.Diagnostics);
        Membership.KeepLogs(cluster);
        await cluster.StartAsync(Ct);
        var counties = await cluster.Api(1).CountiesWithParksAsync(BidWorkload.CountiesPerProject, Ct);
        Assert.Equal(BidWorkload.CountiesPerProject, counties.Count);
        await using var load = CpuLoad.Start(CpuLoad.Configured);

        var results = new List<Recovery>();
        for (var trial = 1; trial <= trials; trial++)
        {
            // The victim alternates, so that every trial kills a host holding grains: the longer-lived one
            // holds the counties and the earlier trials' projects.
            var victim = trial % 2 == 1 ? 0 : 1;
            var survivor = 1 - victim;
            var apis = new[] { cluster.Api(0, TimeSpan.FromSeconds(10)), cluster.Api(1, TimeSpan.FromSeconds(10)) };
            var setup = new[] { cluster.Api(0), cluster.Api(1) };
            var workload = await BidWorkload.OpenAsync(setup, apis, counties, $"故障试验{trial}", Ct);
            Membership.Mark(cluster, $"trial {trial}: {cluster.Hosts[victim].Name} will be killed");
            var writing = workload.RunAsync(KillAfterAcknowledged, () => cluster.Hosts[victim].KillAsync(), Ct);
            var sinceKill = await workload.Fault.WaitAsync(TimeSpan.FromSeconds(120), Ct);

            // Every project and bidding county answers through the survivor (those that lived on the dead
            // host once it is declared dead and they are activated again): how long until all do.
            var (at, affected, probed) = await workload.RecoveryThroughAsync(apis[survivor], sinceKill, Ct);
            await writing;
            workload.AssertAllAcknowledged(() => $"survivor {cluster.Hosts[survivor].Name} running: {cluster.Hosts[survivor].IsRunning}; its last lines:\n{cluster.Hosts[survivor].Tail(30)}");
            await workload.AssertStoredAsync(cluster.ConnectionString, Ct);
            Assert.True(affected > 0, "no project or county lived on the killed host: the trial proved nothing about recovery");

            var result = new Recovery(trial, $"SIGKILL {cluster.Hosts[victim].Name}", at, affected, probed, workload.Acknowledged.Count, load.Workers);
            results.Add(result);
            await Membership.ReportAsync(result.ToString(), cluster.Hosts[survivor], Ct);

            // The victim comes back (a new silo generation) for the next trial.
            await cluster.StartAsync(Ct);
        }

        Recovery.AssertWithin(results, RecoveryLimit);
    }
}
