using Orleans.Runtime;

namespace Matching.Contracts.Live;

/// <summary>
/// Every host's <see cref="IRemoteLiveHub"/>, by the host's silo (GPSTracker's hub list). Only hubs of
/// silos that cluster membership knows as active are handed out; a silo that left the cluster (stopped,
/// or declared dead) is dropped as soon as membership says so. Hosts register again periodically
/// (the directory keeps nothing in storage), and one not heard from for a while is dropped too.
/// </summary>
[Alias("Matching.ILiveHubDirectoryGrain")]
public interface ILiveHubDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or refreshes the hub of a host's silo.</summary>
    [Alias("RegisterSilo")]
    Task Register(SiloAddress silo, IRemoteLiveHub hub);

    /// <summary>Removes a host's hub (graceful shutdown).</summary>
    [Alias("UnregisterSilo")]
    Task Unregister(SiloAddress silo);

    /// <summary>
    /// Drops a hub that failed to take a delivery (its host died or stalls), so that other streams stop
    /// waiting on it; a live host is back with its next registration.
    /// </summary>
    [Alias("Drop")]
    Task Drop(IRemoteLiveHub hub);

    /// <summary>The hubs of active silos heard from recently.</summary>
    [Alias("GetHubs"), ReadOnly]
    Task<IReadOnlyList<IRemoteLiveHub>> GetHubs();
}
