using System.Diagnostics;
using Matching.Contracts.Live;
using Matching.Grains.Live;

namespace Matching.Grains.Tests;

/// <summary>The directory of hosts' live hubs follows cluster membership (GPSTracker's hub list).</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveHubDirectoryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_silo_that_leaves_the_cluster_has_its_hub_dropped_without_waiting_for_missed_refreshes()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = fixture.Grains.GetGrain<ILiveHubDirectoryGrain>(0);
        // Activated on one of the silos that stay, so that what it holds survives the silo that leaves.
        await directory.GetHubs();
        var staying = new RecordingHub();
        var leaving = new RecordingHub();
        var stayingReference = fixture.Cluster.Client.CreateObjectReference<IRemoteLiveHub>(staying);
        var leavingReference = fixture.Cluster.Client.CreateObjectReference<IRemoteLiveHub>(leaving);
        var extra = await fixture.Cluster.StartAdditionalSiloAsync();
        try
        {
            await directory.Register(fixture.Cluster.Primary!.SiloAddress, stayingReference);
            await directory.Register(extra.SiloAddress, leavingReference);
            // Handed out once the directory's silo knows the new one as active.
            var both = await Until(directory, hubs => hubs.Count == 2, TimeSpan.FromSeconds(30), ct);
            Assert.Contains(stayingReference, both);
            Assert.Contains(leavingReference, both);

            // A graceful stop does not unregister the hub here: only membership can tell the directory.
            await fixture.Cluster.StopSiloAsync(extra, ct);
            var watch = Stopwatch.StartNew();
            var left = await Until(directory, hubs => hubs.Count == 1, TimeSpan.FromSeconds(30), ct);

            Assert.Equal(stayingReference, Assert.Single(left));
            // Well before a missed refresh would have dropped it (three registration intervals).
            Assert.True(watch.Elapsed < 3 * LiveHubDirectoryGrain.RegistrationInterval, $"dropped after {watch.Elapsed}");
            await Assert.Single(left).Deliver([new LiveEvent("test:directory", 1, "e1", LiveEventTypes.ProjectUpdated, 1, DateTimeOffset.UtcNow, null, "{}")]);
            Assert.Equal(["e1"], staying.Received.Select(e => e.Id));
            Assert.Empty(leaving.Received);
        }
        finally
        {
            await directory.Unregister(fixture.Cluster.Primary!.SiloAddress);
            if (fixture.Cluster.Silos.Contains(extra)) await fixture.Cluster.StopSiloAsync(extra, ct);
            fixture.Cluster.Client.DeleteObjectReference<IRemoteLiveHub>(stayingReference);
            fixture.Cluster.Client.DeleteObjectReference<IRemoteLiveHub>(leavingReference);
        }
    }

    [Fact]
    public async Task A_hub_of_a_silo_the_cluster_does_not_know_is_not_handed_out()
    {
        var directory = fixture.Grains.GetGrain<ILiveHubDirectoryGrain>(0);
        var stranger = fixture.Cluster.Client.CreateObjectReference<IRemoteLiveHub>(new RecordingHub());
        var unknownSilo = Orleans.Runtime.SiloAddress.New(System.Net.IPAddress.Loopback, 1, 1);
        try
        {
            await directory.Register(unknownSilo, stranger);
            Assert.DoesNotContain(stranger, await directory.GetHubs());
        }
        finally
        {
            await directory.Unregister(unknownSilo);
            fixture.Cluster.Client.DeleteObjectReference<IRemoteLiveHub>(stranger);
        }
    }

    private static async Task<IReadOnlyList<IRemoteLiveHub>> Until(
        ILiveHubDirectoryGrain directory, Func<IReadOnlyList<IRemoteLiveHub>, bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var hubs = await directory.GetHubs();
            if (condition(hubs)) return hubs;
            if (deadline.Elapsed > timeout) Assert.Fail($"the directory still hands out {hubs.Count} hubs after {timeout}");
            await Task.Delay(100, ct);
        }
    }
}
