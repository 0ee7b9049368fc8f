namespace Matching.Contracts.Live;

/// <summary>
/// One recipient stream, keyed by its name (<see cref="LiveStreams"/>). Appends are stored before they
/// are fanned out to every host, one batch at a time (the appends that arrived while the previous batch
/// was stored), so sequences have no gaps and hosts receive a stream in order.
/// </summary>
[Alias("Matching.IEventStreamGrain")]
public interface IEventStreamGrain : IGrainWithStringKey
{
    /// <summary>Stores the events (skipping ids already in the stream) and sends them to every host.</summary>
    [Alias("Append")]
    Task<IReadOnlyList<LiveEvent>> Append(IReadOnlyList<LiveEventDraft> events);

    /// <summary>
    /// As <see cref="Append"/>, from a caller that knows the events from <paramref name="unsentFrom"/> on were never
    /// sent before (a stored change's own events, on their first send): the stream does not look those ids up in
    /// its log, only the ones before (sent again from an outbox, perhaps stored already).
    /// </summary>
    [Alias("AppendUnsentFrom")]
    Task<IReadOnlyList<LiveEvent>> AppendUnsentFrom(IReadOnlyList<LiveEventDraft> events, int unsentFrom);

    /// <summary>
    /// Sends events a caller appended to this stream in its own transaction (a project change's, committed with its
    /// state; the log gave them their positions, <see cref="IEventLogAtHead"/>), in order with everything the log holds
    /// before them; completes once they are sent. Events the stream sent already are skipped.
    /// </summary>
    [Alias("Announce")]
    Task Announce(IReadOnlyList<LiveEvent> stored);

    /// <summary>The last sequence, 0 when empty.</summary>
    [Alias("Head"), ReadOnly]
    Task<long> Head();

    /// <summary>Up to <paramref name="max"/> events after a position, oldest first.</summary>
    [Alias("Read"), ReadOnly]
    Task<LiveEventPage> Read(long afterSequence, int max);
}
