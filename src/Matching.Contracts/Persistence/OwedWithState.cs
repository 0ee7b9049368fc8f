using Matching.Contracts.Live;

namespace Matching.Contracts.Persistence;

/// <summary>
/// What a grain's change owes (its row writes and its live events), handed to the grain storage with the
/// change's state write, to be committed in the same transaction where the storage, the row store and the
/// event log share a database (the transactional outbox without further commits). The grain offers them with
/// <see cref="WriteAsync"/> around its state write; a grain storage that can commit them with the state
/// claims them (<see cref="TryClaim"/>) and says what it committed; one that cannot leaves them, and the
/// grain writes the rows through <see cref="IRowStore"/> and sends the events through their streams
/// afterwards, as before. Either way they stay owed in the stored state until the next write, so a crash
/// replays them (the rows are idempotent, and an event id is stored once per stream).
/// </summary>
/// <remarks>
/// Carried on the async flow of the state write (Orleans calls the grain storage in the grain's own call
/// chain), so two grains writing at once never see each other's.
/// </remarks>
public sealed class OwedWithState
{
    private static readonly AsyncLocal<OwedWithState?> Current = new();

    private int _claimed;

    private OwedWithState(IReadOnlyList<RowBatch> rows, IReadOnlyList<LiveEventDraft> events) => (Rows, Events) = (rows, events);

    /// <summary>The rows to write with the state.</summary>
    public IReadOnlyList<RowBatch> Rows { get; }

    /// <summary>The live events to append with the state, each to its stream (those an earlier send stored already are skipped).</summary>
    public IReadOnlyList<LiveEventDraft> Events { get; }

    /// <summary>True once the rows were committed in the state write's transaction.</summary>
    public bool RowsCommitted { get; private set; }

    /// <summary>
    /// The events the state write's transaction appended, with the positions the log gave them; null when the
    /// storage did not append the events (they are then still to be sent through their streams).
    /// </summary>
    public IReadOnlyList<LiveEvent>? EventsCommitted { get; private set; }

    /// <summary>
    /// Runs <paramref name="stateWrite"/> with <paramref name="rows"/> and <paramref name="events"/> offered to the
    /// grain storage; returns what it committed with the state.
    /// </summary>
    public static async Task<OwedWithState> WriteAsync(IReadOnlyList<RowBatch> rows, IReadOnlyList<LiveEventDraft> events, Func<Task> stateWrite)
    {
        var owed = new OwedWithState(rows, events);
        Current.Value = owed;
        try
        {
            await stateWrite();
        }
        finally
        {
            Current.Value = null;
        }

        return owed;
    }

    /// <summary>
    /// What is offered with the state write now under way, for the grain storage that will commit it with the
    /// state; null when nothing is offered or another write of the same flow took it already.
    /// </summary>
    public static OwedWithState? TryClaim() =>
        Current.Value is { } owed && Interlocked.Exchange(ref owed._claimed, 1) == 0 ? owed : null;

    /// <summary>Called by the grain storage once the transaction holding the state is committed: with the rows, and with the events it appended (null if it did not).</summary>
    public void MarkCommitted(bool rows, IReadOnlyList<LiveEvent>? events)
    {
        RowsCommitted = rows;
        EventsCommitted = events;
    }
}
