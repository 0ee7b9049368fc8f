using System.Collections.Concurrent;
using Matching.Contracts.Live;

namespace Matching.Grains.Tests;

/// <summary>A host's live hub as the stream grains see it, keeping every event delivered to it.</summary>
internal sealed class RecordingHub : IRemoteLiveHub
{
    private readonly ConcurrentQueue<LiveEvent> _received = new();

    public IReadOnlyList<LiveEvent> Received => [.. _received];

    public Task Deliver(IReadOnlyList<LiveEvent> events)
    {
        foreach (var e in events) _received.Enqueue(e);
        return Task.CompletedTask;
    }

    public Task CloseConnectionsOf(string userName) => Task.CompletedTask;
}
