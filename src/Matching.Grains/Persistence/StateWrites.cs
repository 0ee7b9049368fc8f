namespace Matching.Grains.Persistence;

/// <summary>The one way grains store a change they have already made in memory.</summary>
public static class StateWrites
{
    /// <summary>
    /// Writes the state; if the write fails, <paramref name="undo"/> puts memory back as it was before
    /// the change and the failure propagates, so memory never holds a change storage does not.
    /// </summary>
    public static async Task WriteOrUndo<T>(this IPersistentState<T> state, Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }
}
