using Matching.Contracts.Live;
using Matching.Contracts.Persistence;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Projects;

/// <summary>
/// What a stored change owes: its projections (history, lists, keys, inboxes, investor index, search) and
/// its live events. Applied right after the write; what fails stays owed in the stored state and is
/// applied again by a timer, or on the next activation after a crash.
/// </summary>
public sealed partial class ProjectGrain
{
    /// <summary>How long a change waits for its events to be stored, and how often what is left is sent again.</summary>
    private static readonly TimeSpan OutboxTimeout = TimeSpan.FromSeconds(3), OutboxRetry = TimeSpan.FromSeconds(5);

    private IGrainTimer? _outboxRetry;

    /// <summary>
    /// The live events of the change just stored, until their first send: no stream can hold them yet, so
    /// the stream need not look them up in its log (the outbox's older events may have been stored already).
    /// </summary>
    private IReadOnlyList<LiveEventDraft> _unsent = [];

    /// <summary>
    /// The owed projections whose rows the grain storage committed with the state write that stored them
    /// (<see cref="OwedWithState"/>): applied without writing those rows again. Stored as owed all the same,
    /// so a crash before the next write replays them (idempotently).
    /// </summary>
    private Unprojected? _rowsStoredWith;

    /// <summary>
    /// The outbox whose events the grain storage appended to their streams' logs with the state write that stored
    /// it, and what it appended (events an earlier send had stored are not in it): the streams are only told, to send them.
    /// </summary>
    private (IReadOnlyList<LiveEventDraft> Outbox, IReadOnlyList<LiveEvent> Appended)? _eventsStoredWith;

    /// <summary>
    /// Applies what is owed. Once each piece has gone through it is dropped in memory (and in storage
    /// with the next write); on failure it stays, to go out with the next change, the retry or activation.
    /// </summary>
    private async Task ApplyOwed()
    {
        var owed = state.State.Unprojected;
        var failed = false;
        if (!owed.IsEmpty)
        {
            var rowsStored = ReferenceEquals(_rowsStoredWith, owed);
            _rowsStoredWith = null;
            var (left, error) = await projections.ApplyAsync(state.State, owed, rowsStored);
            // Only what this call applied is dropped: a change made meanwhile keeps its own.
            if (ReferenceEquals(state.State.Unprojected, owed)) state.State.Unprojected = left;
            if (error is not null)
            {
                LogProjectionFailed(error, this.GetPrimaryKey());
                failed = true;
            }
        }

        var outbox = state.State.Outbox;
        // Sent once now, whatever comes of it: a timed-out send may have stored them.
        var unsent = new HashSet<LiveEventDraft>(_unsent, ReferenceEqualityComparer.Instance);
        _unsent = [];
        var appended = _eventsStoredWith is { } withState && ReferenceEquals(withState.Outbox, outbox) ? withState.Appended : null;
        _eventsStoredWith = null;
        if (outbox.Count > 0)
        {
            try
            {
                // Bounded: a stream on a silo that just died must not hold the command (and every call queued
                // behind it) until the silo is declared dead. What is not confirmed is sent again.
                await Task.WhenAll(appended is not null
                    // Stored with the state: every event of the outbox is in its stream's log; the streams send the new ones.
                    ? appended.GroupBy(e => e.Stream).Select(stream => GrainFactory.GetGrain<IEventStreamGrain>(stream.Key).Announce([.. stream]))
                    : outbox.GroupBy(e => e.Stream).Select(stream =>
                {
                    LiveEventDraft[] drafts = [.. stream];
                    // The outbox keeps older events first: those after the last one sent before were never sent.
                    var unsentFrom = Array.FindLastIndex(drafts, d => !unsent.Contains(d)) + 1;
                    return GrainFactory.GetGrain<IEventStreamGrain>(stream.Key).AppendUnsentFrom(drafts, unsentFrom);
                })).WaitAsync(OutboxTimeout);
                if (ReferenceEquals(state.State.Outbox, outbox)) state.State.Outbox = [];
            }
            catch (Exception e)
            {
                LogOutboxFailed(e, this.GetPrimaryKey(), outbox.Count);
                failed = true;
            }
        }

        if (failed) _outboxRetry ??= this.RegisterGrainTimer(RetryOwed, new GrainTimerCreationOptions(OutboxRetry, OutboxRetry) { Interleave = false });
    }

    /// <summary>Applies what is still owed until nothing is, then stops.</summary>
    private async Task RetryOwed(CancellationToken cancellationToken)
    {
        await ApplyOwed();
        if (state.State.Outbox.Count == 0 && state.State.Unprojected.IsEmpty && _outboxRetry is { } timer)
        {
            _outboxRetry = null;
            timer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} live events of project {ProjectId} failed; they go out with its next change, a retry or activation")]
    private partial void LogOutboxFailed(Exception error, Guid projectId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projecting project {ProjectId} (history, inboxes, investor index or search) failed; it is applied again by a retry or on activation")]
    private partial void LogProjectionFailed(Exception error, Guid projectId);
}
