using Matching.Contracts.Live;
using Matching.Grains.Quotas;
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

    /// <summary>Land reserved by awarded or co-built projects, 亩.</summary>
    public Reservations Land { get; set; } = new();
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
        await state.WriteOrUndo(() => (state.State.Park, state.State.SeedDigest) = (current, currentDigest));

        return current is null ? SeedOutcome.Created : SeedOutcome.Refreshed;
    }

    public Task<CommandResult<QuotaView>> ReserveLand(Guid projectId, decimal landMu)
    {
        if (state.State.Park is not { } park)
            return Task.FromResult(CommandResult<QuotaView>.NotFound($"园区 {this.GetPrimaryKeyString()} 不存在。"));
        return Land.Reserve(projectId, landMu, park.Profile.AvailableLandMu.Value, view =>
            $"土地：{park.Reference.Name}可用 {view.Capacity:#,0.#} 亩，已预留 {view.Reserved:#,0.#} 亩，不足 {landMu:#,0.#} 亩。");
    }

    public Task<QuotaView> ReleaseLand(Guid projectId) => Land.Release(projectId, Capacity);

    public Task<QuotaView> GetLandQuota() => Task.FromResult(state.State.Land.View(Capacity));

    private decimal Capacity => state.State.Park?.Profile.AvailableLandMu.Value ?? 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Land.SendOwed();

    private QuotaKeeper<ParkState> Land => new(this.GetPrimaryKeyString(), state.State.Park?.Reference.CountyAdcode,
        () => state.State.Land, r => state.State.Land = r, state, GrainFactory,
        view => new QuotaChangedPayload(state.State.Park?.Reference.CountyAdcode ?? "", null, this.GetPrimaryKeyString(), QuotaKeeper<ParkState>.Figures(view)));
}
