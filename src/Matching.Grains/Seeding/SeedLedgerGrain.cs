using Matching.Contracts;
using Matching.Grains.Persistence;

namespace Matching.Grains.Seeding;

/// <summary>Stored state of the seed ledger.</summary>
public sealed class SeedLedgerState
{
    public SeedRecord? Last { get; set; }
}

/// <inheritdoc cref="ISeedLedgerGrain" />
public sealed class SeedLedgerGrain(
    [PersistentState("seed-ledger", MatchingStorage.Name)] IPersistentState<SeedLedgerState> state) : Grain, ISeedLedgerGrain
{
    public Task<SeedRecord?> Get() => Task.FromResult(state.State.Last);

    public async Task Record(SeedRecord record)
    {
        state.State.Last = record;
        await state.WriteStateAsync();
    }
}
