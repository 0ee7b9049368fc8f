using Matching.Contracts.Live;
using Matching.Live.Wire;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Matching.Grains.Live;

/// <inheritdoc cref="IEventStreamGrain" />
/// <remarks>
/// Reentrant, so that appends arriving while one is stored queue up and are then stored together: one
/// id check, one log write and one fan-out for every append that waited (a stream such as the
/// coordinators' hears of every bid, and storing its appends one at a time made it the platform's
/// bottleneck). Batches are stored and sent one after another, in arrival order, so sequences have no
/// gaps and hosts receive a stream in order; each append returns once its events are stored and sent.
/// The head is read from the log on activation, so a stream that moves to another silo carries on
/// without gaps.
/// </remarks>
[Reentrant]
public sealed partial class EventStreamGrain(IEventLog log, ILogger<EventStreamGrain> logger) : Grain, IEventStreamGrain
{
    private static readonly TimeSpan HubListAge = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(2);

    private long _head;

    /// <summary>
    /// The log's head when this activation started: events at or below it were committed before, by this stream's previous
    /// activation (and sent) or by a change's own transaction whose announcement may be what activated this grain (and not
    /// sent). An announced one of those is sent; clients drop what they already hold by its sequence.
    /// </summary>
    private long _activationHead;
    private IReadOnlyList<IRemoteLiveHub> _hubs = [];
    private DateTimeOffset _hubsReadAt = DateTimeOffset.MinValue;

    // Appends waiting for the batch being stored; only the grain's own turns touch these (one thread at a time).
    private List<Waiting> _waiting = [];
    private bool _storing;

    private string Stream => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _head = _activationHead = await log.HeadAsync(Stream, cancellationToken);

    public Task<long> Head() => Task.FromResult(_head);

    public async Task<LiveEventPage> Read(long afterSequence, int max)
    {
        max = Math.Clamp(max, 1, LiveHubProtocol.PageSize);
        // The head moves only once a batch is stored, so a read never reaches events still being written.
        var head = _head;
        if (afterSequence >= head) return new LiveEventPage([], false);
        var events = await log.ReadAsync(Stream, Math.Max(0, afterSequence), max);
        events = [.. events.Where(e => e.Sequence <= head)];
        return new LiveEventPage(events, events.Count > 0 && events[^1].Sequence < head);
    }

    public Task<IReadOnlyList<LiveEvent>> Append(IReadOnlyList<LiveEventDraft> drafts) => AppendUnsentFrom(drafts, drafts.Count);

    public Task<IReadOnlyList<LiveEvent>> AppendUnsentFrom(IReadOnlyList<LiveEventDraft> drafts, int unsentFrom) =>
        drafts.Count == 0 ? Task.FromResult<IReadOnlyList<LiveEvent>>([]) : Enter(new Waiting(drafts, Math.Clamp(unsentFrom, 0, drafts.Count), [], NewAnswer()));

    public Task Announce(IReadOnlyList<LiveEvent> stored) =>
        stored.Count == 0 ? Task.CompletedTask : Enter(new Waiting([], 0, stored, NewAnswer()));

    private static TaskCompletionSource<IReadOnlyList<LiveEvent>> NewAnswer() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Queues an append or an announcement for the next batch, storing the batches if nobody does; completes with its batch.</summary>
    private async Task<IReadOnlyList<LiveEvent>> Enter(Waiting entry)
    {
        var stored = entry.Stored;
        _waiting.Add(entry);
        if (!_storing)
        {
            // This append stores the batches, its own first, until nobody waits.
            _storing = true;
            try
            {
                while (_waiting.Count > 0)
                {
                    var batch = _waiting;
                    _waiting = [];
                    await StoreAndSend(batch);
                }
            }
            finally
            {
                _storing = false;
            }
        }

        return await stored.Task;
    }

    private async Task StoreAndSend(List<Waiting> batch)
    {
        IReadOnlyList<LiveEvent> stored;
        try
        {
            if (log is IEventLogAtHead atHead)
            {
                stored = await StoreAtHead(atHead, batch);
            }
            else
            {
                // A republished outbox carries ids the stream may already hold: those are not stored twice. A change's
                // own events on their first send cannot be held yet, so a batch of only those costs no read of the log.
                var all = batch.SelectMany(b => b.Drafts).ToArray();
                var sentBefore = batch.SelectMany(b => b.Drafts.Take(b.UnsentFrom)).Select(d => d.Id).Distinct().ToArray();
                IReadOnlySet<string> known = sentBefore.Length == 0 ? new HashSet<string>() : await log.ContainsAsync(Stream, sentBefore);
                var sequence = _head;
                var events = all.Where(d => !known.Contains(d.Id)).DistinctBy(d => d.Id).Select(d => d.ToEvent(++sequence)).ToArray();
                stored = events.Length == 0 ? [] : await log.AppendAsync(events);
                _head = sequence;
                LiveMetrics.Appended.Add(stored.Count);
            }
        }
        catch (Exception e)
        {
            // Nothing of the batch is confirmed: every caller sends its events again (their outboxes keep them).
            foreach (var waiting in batch) waiting.Stored.TrySetException(e);
            return;
        }

        try
        {
            if (stored.Count > 0) await FanOut(stored);
        }
        catch (Exception e)
        {
            // Stored but perhaps not sent (the host directory did not answer): as for a failed append, the
            // callers hear of it; their clients catch up from the log.
            foreach (var waiting in batch) waiting.Stored.TrySetException(e);
            return;
        }

        var byId = stored.ToDictionary(e => e.Id);
        foreach (var (drafts, _, _, waiting) in batch)
            waiting.TrySetResult([.. drafts.Select(d => d.Id).Distinct().Select(id => byId.GetValueOrDefault(id)).OfType<LiveEvent>()]);
    }

    /// <summary>
    /// Stores the batch's drafts at the log's head (an id the stream holds takes no position) and returns, in order,
    /// every event past what this stream sent up to the last one it now knows of: its own, those announced by
    /// writers that appended in their own transactions, and, read from the log, any such writer's events not
    /// announced yet (committed before the ones known, since the log gives positions in commit order), so a
    /// stream is sent gapless and in order whoever appended to it. Announced events committed before this activation
    /// (<see cref="_activationHead"/>) go first: nobody may have sent them.
    /// </summary>
    private async Task<IReadOnlyList<LiveEvent>> StoreAtHead(IEventLogAtHead atHead, List<Waiting> batch)
    {
        LiveEventDraft[] drafts = [.. batch.SelectMany(b => b.Drafts).DistinctBy(d => d.Id)];
        var appended = drafts.Length == 0 ? [] : await atHead.AppendAtHeadAsync(drafts);
        LiveMetrics.Appended.Add(appended.Count);
        var announced = batch.SelectMany(b => b.Announced).ToList();
        List<LiveEvent> late = [.. announced.Where(e => e.Sequence <= _activationHead).DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence)];
        var known = appended.Concat(announced).Where(e => e.Sequence > _head)
            .DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence).ToList();
        if (known.Count == 0) return late;
        var last = known[^1].Sequence;
        if (known.Count != last - _head)
        {
            known.Clear();
            for (var after = _head; after < last;)
            {
                var page = await log.ReadAsync(Stream, after, LiveHubProtocol.PageSize);
                if (page.Count == 0) break;
                known.AddRange(page.Where(e => e.Sequence <= last));
                after = page[^1].Sequence;
            }
        }

        _head = Math.Max(_head, known.Count > 0 ? known[^1].Sequence : _head);
        return [.. late, .. known];
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

    /// <summary>An append waiting for its batch: its drafts, where its never-sent ones start, and its answer.</summary>
    private sealed record Waiting(IReadOnlyList<LiveEventDraft> Drafts, int UnsentFrom, IReadOnlyList<LiveEvent> Announced, TaskCompletionSource<IReadOnlyList<LiveEvent>> Stored);
}
