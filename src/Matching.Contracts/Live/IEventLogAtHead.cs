namespace Matching.Contracts.Live;

/// <summary>
/// An event log that gives appended events their positions itself: each at its stream's head + 1, in commit
/// order. Writers other than the stream grain can then append to a stream in their own transactions (a
/// project change's events, committed with its state), and the stream grain appends through it too, so the
/// two never take one position; the stream fans out whatever the log holds past what it sent, in order.
/// </summary>
public interface IEventLogAtHead : IEventLog
{
    /// <summary>Stores each draft whose id its stream does not hold yet, at the stream's head + 1; returns what it stored, in order.</summary>
    Task<IReadOnlyList<LiveEvent>> AppendAtHeadAsync(IReadOnlyList<LiveEventDraft> drafts, CancellationToken cancellationToken = default);
}
