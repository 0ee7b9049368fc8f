using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Host.Live;

/// <summary>
/// This host's open hub connections by account (SignalR keeps groups, not users, and cannot close a
/// connection from outside it): kept by <see cref="Security.AccountHubGuard"/> as connections come and
/// go, so that a disabled account's connections can be closed at once.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new(StringComparer.Ordinal);

    /// <summary>Every open connection here, by account: connections of one account may hold tokens of different credential versions.</summary>
    public IReadOnlyList<(string UserName, IReadOnlyList<HubCallerContext> Connections)> ByUser =>
        [.. _byUser.Select(u => (u.Key, (IReadOnlyList<HubCallerContext>)[.. u.Value.Values])).Where(u => u.Item2.Count > 0)];

    internal void Add(string userName, HubCallerContext connection) =>
        _byUser.GetOrAdd(userName, _ => new ConcurrentDictionary<string, HubCallerContext>(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    internal void Remove(string userName, HubCallerContext connection)
    {
        if (!_byUser.TryGetValue(userName, out var connections)) return;
        connections.TryRemove(connection.ConnectionId, out _);
        // Removed only while still empty: a connection added meanwhile keeps its entry.
        if (connections.IsEmpty) _byUser.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, HubCallerContext>>(userName, connections));
    }

    /// <summary>Closes every connection of the account on this host; returns how many there were.</summary>
    public int Abort(string userName)
    {
        if (!_byUser.TryGetValue(userName, out var connections)) return 0;
        var open = connections.Values.ToArray();
        foreach (var connection in open) connection.Abort();
        return open.Length;
    }
}
