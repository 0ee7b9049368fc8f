namespace Matching.Contracts.Live;

/// <summary>
/// A host's live hub as grains see it (GPSTracker's <c>IRemoteLocationHub</c>): a grain observer in
/// each host that relays events to that host's own SignalR connections. Streams reach every host's
/// through <see cref="ILiveHubDirectoryGrain"/>.
/// </summary>
/// <remarks>The alias is the one this interface had as <c>ILiveHub</c>; it never changes.</remarks>
[Alias("Matching.ILiveHub")]
public interface IRemoteLiveHub : IGrainObserver
{
    /// <summary>Sends events of one stream, in order, to the host's connections in that stream.</summary>
    [Alias("Deliver")]
    Task Deliver(IReadOnlyList<LiveEvent> events);

    /// <summary>
    /// Closes every connection of the account on the host (the account was disabled): its REST calls
    /// are refused at once, and so, through this, is the connection it holds open. The host forgets its
    /// copy of the account too, so that its sign-in check reads the account as stored.
    /// </summary>
    [Alias("CloseConnectionsOf")]
    Task CloseConnectionsOf(string userName);
}
