using Matching.Contracts;
using Matching.Domain.Parks;
using Matching.Grains.Persistence;

namespace Matching.Grains.Parks;

/// <summary>Stored state of a park grain.</summary>
public sealed class ParkState
{
    public Park? Park { get; set; }

    /// <summary>Digest of the seed this park was last loaded from.</summary>
    public string? SeedDigest { get; set; }
}

/// <inheritdoc cref="IParkGrain" />
public sealed class ParkGrain(
    [PersistentState("park", MatchingStorage.Name)] IPersistentState<ParkState> state,
    TimeProvider time) : Grain, IParkGrain
{
    public Task<Park?> Get() => Task.FromResult(state.State.Park);

    public async Task<SeedOutcome> Seed(ParkSeed seed)
    {
        var digest = SeedDigest.Of(seed);
        if (state.State.SeedDigest == digest) return SeedOutcome.Unchanged;

        var now = time.GetUtcNow();
        var (current, currentDigest) = (state.State.Park, state.State.SeedDigest);
        var next = current is null
            ? seed.ToPark(now)
            : current with { Reference = seed.Reference, Version = current.Version + 1, UpdatedAt = now, UpdatedBy = "seed" };
        (state.State.Park, state.State.SeedDigest) = (next, digest);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Park, state.State.SeedDigest) = (current, currentDigest);
            throw;
        }

        return current is null ? SeedOutcome.Created : SeedOutcome.Refreshed;
    }
}
