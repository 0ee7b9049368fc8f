namespace Matching.Contracts.Persistence;

/// <summary>
/// Row writes that go with a grain's next state write, in the same transaction where the grain storage and
/// the row store share a database (the transactional outbox without a second commit). The grain hands them
/// over with <see cref="WriteAsync"/> around its state write; a grain storage that can commit them with the
/// state claims them (<see cref="TryClaim"/>) and marks them committed with it; one that cannot leaves them,
/// and the grain writes them through <see cref="IRowStore"/> afterwards as before. Either way the rows stay
/// owed in the stored state until the next write, so a crash replays them (they are idempotent).
/// </summary>
/// <remarks>
/// Carried on the async flow of the state write (Orleans calls the grain storage in the grain's own call
/// chain), so two grains writing at once never see each other's rows.
/// </remarks>
public sealed class RowsWithState
{
    private static readonly AsyncLocal<RowsWithState?> Current = new();

    private int _claimed;

    private RowsWithState(IReadOnlyList<RowBatch> batches) => Batches = batches;

    /// <summary>The rows to write with the state.</summary>
    public IReadOnlyList<RowBatch> Batches { get; }

    /// <summary>True once the rows were committed in the state write's transaction.</summary>
    public bool Committed { get; private set; }

    /// <summary>
    /// Runs <paramref name="stateWrite"/> with <paramref name="batches"/> offered to the grain storage; returns
    /// true when the storage committed them with the state, false when they are still to be written.
    /// </summary>
    public static async Task<bool> WriteAsync(IReadOnlyList<RowBatch> batches, Func<Task> stateWrite)
    {
        if (batches.All(b => b.Writes.Count == 0))
        {
            await stateWrite();
            return false;
        }

        var rows = new RowsWithState(batches);
        Current.Value = rows;
        try
        {
            await stateWrite();
        }
        finally
        {
            Current.Value = null;
        }

        return rows.Committed;
    }

    /// <summary>
    /// The rows offered with the state write now under way, for the grain storage that will commit them with it;
    /// null when none are offered or another write of the same flow took them already.
    /// </summary>
    public static RowsWithState? TryClaim() =>
        Current.Value is { } rows && Interlocked.Exchange(ref rows._claimed, 1) == 0 ? rows : null;

    /// <summary>Called by the grain storage once the transaction holding the state and the rows is committed.</summary>
    public void MarkCommitted() => Committed = true;

    /// <summary>Gives the rows back (the storage will not write them after all), so the grain writes them itself.</summary>
    public void Release()
    {
        Committed = false;
        Volatile.Write(ref _claimed, 0);
    }
}
