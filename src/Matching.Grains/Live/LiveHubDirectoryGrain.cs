using Matching.Contracts.Live;
using Orleans.Runtime;

namespace Matching.Grains.Live;

/// <inheritdoc cref="ILiveHubDirectoryGrain" />
/// <remarks>
/// Like GPSTracker's <c>HubListGrain</c>: a silo's status comes from <see cref="IClusterMembershipService"/>
/// at every read, so a host whose silo left the cluster stops receiving events within one membership
/// update instead of after three missed refreshes. A silo not (yet) known as active is kept but not
/// handed out: one that just joined is heard of by this silo's membership a moment later.
/// </remarks>
public sealed class LiveHubDirectoryGrain(IClusterMembershipService membership) : Grain, ILiveHubDirectoryGrain
{
    /// <summary>Hosts register every <see cref="RegistrationInterval"/>; one silent for three intervals is dropped.</summary>
    public static readonly TimeSpan RegistrationInterval = TimeSpan.FromSeconds(20);

    private readonly Dictionary<SiloAddress, (IRemoteLiveHub Hub, DateTimeOffset At)> _hubs = [];

    public Task Register(SiloAddress silo, IRemoteLiveHub hub)
    {
        _hubs[silo] = (hub, DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public Task Unregister(SiloAddress silo)
    {
        _hubs.Remove(silo);
        return Task.CompletedTask;
    }

    public Task Drop(IRemoteLiveHub hub)
    {
        foreach (var silo in _hubs.Where(h => h.Value.Hub.Equals(hub)).Select(h => h.Key).ToArray()) _hubs.Remove(silo);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IRemoteLiveHub>> GetHubs()
    {
        var members = membership.CurrentSnapshot;
        var cutoff = DateTimeOffset.UtcNow - 3 * RegistrationInterval;
        var active = new List<IRemoteLiveHub>(_hubs.Count);
        foreach (var (silo, (hub, at)) in _hubs.ToArray())
        {
            var status = members.GetSiloStatus(silo);
            if (status == SiloStatus.Dead || at < cutoff) _hubs.Remove(silo);
            else if (status == SiloStatus.Active) active.Add(hub);
        }

        return Task.FromResult<IReadOnlyList<IRemoteLiveHub>>(active);
    }
}
