using System.Collections.Concurrent;
using Matching.Client;

namespace Matching.Host.Tests;

/// <summary>A live connection that records every event it yields, for assertions.</summary>
public sealed class LiveProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<LiveMessage> _received = new();
    private Task? _reader;

    public LiveProbe(LiveConnection connection) => Connection = connection;

    public LiveConnection Connection { get; }

    /// <summary>Everything yielded so far, in order.</summary>
    public IReadOnlyList<LiveMessage> Received => [.. _received];

    public async Task<LiveProbe> StartAsync()
    {
        await Connection.StartAsync(TestContext.Current.CancellationToken);
        _reader = Task.Run(async () =>
        {
            await foreach (var message in Connection.Events.ReadAllAsync()) _received.Enqueue(message);
        });
        return this;
    }

    /// <summary>The types received about one project, in order.</summary>
    public string[] TypesFor(Guid project) => [.. Received.Where(m => m.ProjectId == project).Select(m => m.Type)];

    /// <summary>Waits until the events about a project include all of <paramref name="types"/> (in any order), or times out.</summary>
    public async Task<string[]> WaitFor(Guid project, params string[] types)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var got = TypesFor(project);
            var missing = types.GroupBy(t => t).Any(g => got.Count(t => t == g.Key) < g.Count());
            if (!missing) return got;
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        return TypesFor(project);
    }

    /// <summary>Waits until this probe has read a stream up to <paramref name="sequence"/> (or times out).</summary>
    public async Task WaitForSequence(string stream, long sequence)
    {
        // What the probe has read, not the connection's position: the position moves before the event is read.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_received.Any(m => m.Stream == stream && m.Sequence >= sequence))
            await Task.Delay(25, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        if (_reader is not null) await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
