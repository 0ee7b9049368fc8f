namespace Matching.Contracts.Live;

/// <summary>
/// One recipient stream, keyed by its name (<see cref="LiveStreams"/>). Appends are stored before they
/// are fanned out to every host, one append at a time, so sequences have no gaps and hosts receive a
/// stream in order.
/// </summary>
[Alias("Matching.IEventStreamGrain")]
public interface IEventStreamGrain : IGrainWithStringKey
{
    /// <summary>Stores the events (skipping ids already in the stream) and sends them to every host.</summary>
    [Alias("Append")]
    Task<IReadOnlyList<LiveEvent>> Append(IReadOnlyList<LiveEventDraft> events);

    /// <summary>The last sequence, 0 when empty.</summary>
    [Alias("Head"), ReadOnly]
    Task<long> Head();

    /// <summary>Up to <paramref name="max"/> events after a position, oldest first.</summary>
    [Alias("Read"), ReadOnly]
    Task<LiveEventPage> Read(long afterSequence, int max);
}

/// <summary>A host's receiver of live events: it sends them to its own SignalR connections.</summary>
[Alias("Matching.ILiveHub")]
public interface ILiveHub : IGrainObserver
{
    /// <summary>Sends events of one stream, in order, to the host's connections in that stream.</summary>
    [Alias("Deliver")]
    Task Deliver(IReadOnlyList<LiveEvent> events);
}

/// <summary>
/// Every host's <see cref="ILiveHub"/> (GPSTracker's hub list). Hosts register again periodically;
/// a host not heard from for a while is dropped, so a dead host costs little.
/// </summary>
[Alias("Matching.ILiveHubDirectoryGrain")]
public interface ILiveHubDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or refreshes a host's hub.</summary>
    [Alias("Register")]
    Task Register(string hostId, ILiveHub hub);

    /// <summary>Removes a host's hub (graceful shutdown).</summary>
    [Alias("Unregister")]
    Task Unregister(string hostId);

    /// <summary>
    /// Drops a hub that failed to take a delivery (its host died or stalls), so that other streams stop
    /// waiting on it; a live host is back with its next registration.
    /// </summary>
    [Alias("Drop")]
    Task Drop(ILiveHub hub);

    /// <summary>The hubs heard from recently.</summary>
    [Alias("GetHubs"), ReadOnly]
    Task<IReadOnlyList<ILiveHub>> GetHubs();
}
