using Matching.Contracts.Unread;
using Matching.Grains.Persistence;

namespace Matching.Grains.Unread;

/// <summary>Stored state of a read mark: one number.</summary>
public sealed class ReadMarkState
{
    public long Sequence { get; set; }
}

/// <inheritdoc cref="IReadMarkGrain" />
public sealed class ReadMarkGrain(
    [PersistentState("read-mark", MatchingStorage.Name)] IPersistentState<ReadMarkState> state) : Grain, IReadMarkGrain
{
    public Task<long> Get() => Task.FromResult(state.State.Sequence);

    public async Task<long> See(long sequence)
    {
        // Marks only move forward: a stale tab cannot make what another tab read unread again.
        if (sequence <= state.State.Sequence) return state.State.Sequence;
        var previous = state.State.Sequence;
        state.State.Sequence = sequence;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Sequence = previous;
            throw;
        }

        return sequence;
    }
}
