namespace Matching.Contracts.Live;

/// <summary>
/// The durable, append-only log of every recipient stream (SQLite embedded, PostgreSQL in a cluster).
/// Only the stream's grain appends to a stream, so sequences are assigned without races; the store
/// still refuses a second row at one position and a second copy of one event id.
/// </summary>
public interface IEventLog
{
    /// <summary>The last sequence of the stream, 0 when empty.</summary>
    Task<long> HeadAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>Appends events at their positions; an event whose id the stream already holds is skipped. Returns those stored.</summary>
    Task<IReadOnlyList<LiveEvent>> AppendAsync(IReadOnlyList<LiveEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> events after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<LiveEvent>> ReadAsync(string stream, long afterSequence, int max, CancellationToken cancellationToken = default);

    /// <summary>The ids among <paramref name="ids"/> that the stream already holds.</summary>
    Task<IReadOnlySet<string>> ContainsAsync(string stream, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);
}
