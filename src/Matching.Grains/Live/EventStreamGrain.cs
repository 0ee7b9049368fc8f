using Matching.Contracts.Live;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Live;

/// <inheritdoc cref="IEventStreamGrain" />
/// <remarks>
/// Not reentrant: one append at a time, stored and then sent, so a stream reaches each host in order.
/// The head is read from the log on activation, so a stream that moves to another silo carries on
/// without gaps.
/// </remarks>
public sealed partial class EventStreamGrain(IEventLog log, ILogger<EventStreamGrain> logger) : Grain, IEventStreamGrain
{
    /// <summary>Most events one read returns.</summary>
    public const int PageSize = 500;

    private static readonly TimeSpan HubListAge = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(2);

    private long _head;
    private IReadOnlyList<ILiveHub> _hubs = [];
    private DateTimeOffset _hubsReadAt = DateTimeOffset.MinValue;

    private string Stream => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _head = await log.HeadAsync(Stream, cancellationToken);

    public Task<long> Head() => Task.FromResult(_head);

    public async Task<LiveEventPage> Read(long afterSequence, int max)
    {
        max = Math.Clamp(max, 1, PageSize);
        if (afterSequence >= _head) return new LiveEventPage([], false);
        var events = await log.ReadAsync(Stream, Math.Max(0, afterSequence), max);
        return new LiveEventPage(events, events.Count > 0 && events[^1].Sequence < _head);
    }

    public async Task<IReadOnlyList<LiveEvent>> Append(IReadOnlyList<LiveEventDraft> drafts)
    {
        if (drafts.Count == 0) return [];
        // A republished outbox carries ids the stream may already hold: those are not stored twice.
        var known = await log.ContainsAsync(Stream, [.. drafts.Select(d => d.Id)]);
        var sequence = _head;
        var events = drafts.Where(d => !known.Contains(d.Id)).DistinctBy(d => d.Id).Select(d => d.ToEvent(++sequence)).ToArray();
        if (events.Length == 0) return [];
        var stored = await log.AppendAsync(events);
        _head = sequence;
        LiveMetrics.Appended.Add(stored.Count);
        await FanOut(stored);
        return stored;
    }

    private async Task FanOut(IReadOnlyList<LiveEvent> events)
    {
        var started = TimeProvider.System.GetTimestamp();
        var hubs = await Hubs();
        var failed = new List<ILiveHub>();
        await Task.WhenAll(hubs.Select(async hub =>
        {
            try
            {
                await hub.Deliver(events).WaitAsync(DeliveryTimeout);
            }
            catch (Exception e)
            {
                LogDeliveryFailed(e, Stream);
                lock (failed) failed.Add(hub);
            }
        }));

        if (failed.Count > 0)
        {
            // A host that does not take an event (dead, or stalled past the timeout) must not slow every
            // later append: skip it here, and have the directory drop it for every stream. Its clients
            // resume from the log when they reconnect (to it, once it registers again, or elsewhere).
            _hubs = [.. _hubs.Except(failed)];
            var directory = GrainFactory.GetGrain<ILiveHubDirectoryGrain>(0);
            foreach (var hub in failed)
            {
                try
                {
                    await directory.Drop(hub);
                }
                catch (Exception e)
                {
                    LogDeliveryFailed(e, Stream);
                }
            }
        }

        LiveMetrics.FanOut.Record(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<IReadOnlyList<ILiveHub>> Hubs()
    {
        var now = DateTimeOffset.UtcNow;
        if (now - _hubsReadAt < HubListAge) return _hubs;
        _hubs = await GrainFactory.GetGrain<ILiveHubDirectoryGrain>(0).GetHubs();
        _hubsReadAt = now;
        return _hubs;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering events of stream {Stream} to a host failed")]
    private partial void LogDeliveryFailed(Exception error, string stream);
}

/// <inheritdoc cref="ILiveHubDirectoryGrain" />
public sealed class LiveHubDirectoryGrain : Grain, ILiveHubDirectoryGrain
{
    /// <summary>Hosts register every <see cref="RegistrationInterval"/>; one silent for three intervals is dropped.</summary>
    public static readonly TimeSpan RegistrationInterval = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, (ILiveHub Hub, DateTimeOffset At)> _hubs = [];

    public Task Register(string hostId, ILiveHub hub)
    {
        _hubs[hostId] = (hub, DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public Task Unregister(string hostId)
    {
        _hubs.Remove(hostId);
        return Task.CompletedTask;
    }

    public Task Drop(ILiveHub hub)
    {
        foreach (var host in _hubs.Where(h => h.Value.Hub.Equals(hub)).Select(h => h.Key).ToArray()) _hubs.Remove(host);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveHub>> GetHubs()
    {
        var cutoff = DateTimeOffset.UtcNow - 3 * RegistrationInterval;
        foreach (var stale in _hubs.Where(h => h.Value.At < cutoff).Select(h => h.Key).ToArray()) _hubs.Remove(stale);
        return Task.FromResult<IReadOnlyList<ILiveHub>>([.. _hubs.Values.Select(h => h.Hub)]);
    }
}
