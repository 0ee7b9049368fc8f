using Matching.Contracts.Live;
using Matching.Live.Wire;
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
    private static readonly TimeSpan HubListAge = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(2);

    private long _head;
    private IReadOnlyList<IRemoteLiveHub> _hubs = [];
    private DateTimeOffset _hubsReadAt = DateTimeOffset.MinValue;

    private string Stream => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _head = await log.HeadAsync(Stream, cancellationToken);

    public Task<long> Head() => Task.FromResult(_head);

    public async Task<LiveEventPage> Read(long afterSequence, int max)
    {
        max = Math.Clamp(max, 1, LiveHubProtocol.PageSize);
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
        var failed = new List<IRemoteLiveHub>();
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

    private async Task<IReadOnlyList<IRemoteLiveHub>> Hubs()
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
