using Matching.Contracts.Live;
using Matching.Live.Wire;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Host.Live;

/// <summary>
/// This host's <see cref="IRemoteLiveHub"/> (GPSTracker's <c>RemoteLocationHub</c>): the grain observer
/// that streams call with their events, and that sends each to this host's own <see cref="LiveHub"/>
/// connections in the event's stream (its SignalR group). An <see cref="IHubContext{THub}"/> reaches
/// only the connections of the host it lives in, hence one of these per host.
/// </summary>
public sealed class RemoteLiveHub(IHubContext<LiveHub> hub, HubConnections connections, Auth.CurrentAccounts accounts) : IRemoteLiveHub
{
    public async Task Deliver(IReadOnlyList<LiveEvent> events)
    {
        foreach (var e in events) await hub.Clients.Group(e.Stream).SendAsync(LiveHubProtocol.Event, e.ToMessage());
    }

    /// <inheritdoc />
    public Task CloseConnectionsOf(string userName)
    {
        // Its next request is checked against the stored account, not this host's copy of it.
        accounts.Forget(userName);
        connections.Abort(userName);
        return Task.CompletedTask;
    }
}
