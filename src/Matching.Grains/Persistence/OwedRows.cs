using Matching.Contracts.Persistence;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Persistence;

/// <summary>A grain state that owes rows to the row store (audit lines, queue entries) for changes it has stored.</summary>
public interface IOwesRows
{
    /// <summary>The rows owed: stored with the change that owes them, cleared once sent.</summary>
    List<RowWrite> RowsOwed { get; set; }
}

/// <summary>
/// The rows a grain's change owes the row store, kept in the grain's state and stored in the change's own state write
/// (so a crash between the two loses none), then sent; what fails to send stays owed for the next change or the next
/// activation. The rows are idempotent, so sending them twice is harmless.
/// </summary>
public static partial class OwedRows
{
    /// <summary>
    /// Makes the change (<paramref name="change"/>) and adds <paramref name="writes"/> to the rows still owed, in one
    /// state write; if the write fails, <paramref name="undo"/> and the rows owed before put memory back.
    /// </summary>
    public static async Task StoreWithRows<TState>(this IPersistentState<TState> state, Action change, Action undo, IReadOnlyList<RowWrite> writes)
        where TState : IOwesRows
    {
        var owed = state.State.RowsOwed;
        change();
        state.State.RowsOwed = [.. owed, .. writes];
        await state.WriteOrUndo(() =>
        {
            undo();
            state.State.RowsOwed = owed;
        });
    }

    /// <summary>Sends the rows owed; on failure they stay owed (logged), since the change itself is stored.</summary>
    /// <param name="state">The grain's state.</param>
    /// <param name="send">Writes the rows (one transaction).</param>
    /// <param name="logger">The grain's logger.</param>
    /// <param name="grain">The grain, for the log.</param>
    public static async Task SendOwedRows<TState>(this IPersistentState<TState> state, Func<IReadOnlyList<RowWrite>, Task> send, ILogger logger, string grain)
        where TState : IOwesRows
    {
        var owed = state.State.RowsOwed;
        if (owed.Count == 0) return;
        try
        {
            await send(owed);
        }
        catch (Exception e)
        {
            LogRowsOwed(logger, e, grain, owed.Count);
            return;
        }

        // Cleared in memory only: the next state write stores the empty list, and sending these again meanwhile is harmless.
        if (ReferenceEquals(state.State.RowsOwed, owed)) state.State.RowsOwed = [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Grain}: {Count} audit and queue rows not written yet; they stay owed and are sent again with the next change or activation")]
    private static partial void LogRowsOwed(ILogger logger, Exception error, string grain, int count);
}
