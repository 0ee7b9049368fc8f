using Matching.Contracts.Live;
using Matching.Grains.Quotas;
using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Parks;
using Matching.Engine;
using Microsoft.Extensions.Logging;
using Matching.Grains.Persistence;

namespace Matching.Grains.Parks;

/// <summary>Stored state of a park grain.</summary>
public sealed class ParkState : IOwesRows
{
    public Park? Park { get; set; }

    /// <summary>Digest of the seed this park was last loaded from.</summary>
    public string? SeedDigest { get; set; }

    /// <summary>Land reserved by awarded or co-built projects, 亩.</summary>
    public Reservations Land { get; set; } = new();

    /// <summary>Last number of the park's land audit trail.</summary>
    public long LandAuditSequence { get; set; }

    /// <summary>Audit and queue rows of the last land change not yet confirmed written (sent again on activation).</summary>
    public List<Matching.Contracts.Persistence.RowWrite> LandRowsOwed { get; set; } = [];

    /// <summary>What the counties still have to be told of the last placement change (take the park in, let it go), sent until confirmed.</summary>
    public List<CountyParkNotice> CountiesOwed { get; set; } = [];

    /// <summary>The <c>parkChanged</c> events of stored changes not yet confirmed in the coordinators' stream (an outbox).</summary>
    public List<LiveEventDraft> ChangeOwed { get; set; } = [];

    List<Matching.Contracts.Persistence.RowWrite> IOwesRows.RowsOwed { get => LandRowsOwed; set => LandRowsOwed = value; }
}

/// <inheritdoc cref="IParkGrain" />
public sealed partial class ParkGrain(
    [PersistentState("park", MatchingStorage.Name)] IPersistentState<ParkState> state,
    CandidateRegistry candidates,
    Counties.CountyEvidenceRows evidenceRows,
    ParkOffers offers,
    TimeProvider time,
    ILogger<ParkGrain> logger,
    Matching.Domain.Geography.Province province) : Grain, IParkGrain
{
    public Task<Park?> Get() => Task.FromResult(state.State.Park);

    public async Task<SeedOutcome> Seed(ParkSeed seed)
    {
        var digest = SeedDigest.Of(seed);
        if (state.State.SeedDigest == digest) return SeedOutcome.Unchanged;

        var now = time.GetUtcNow();
        var (current, currentDigest) = (state.State.Park, state.State.SeedDigest);
        // A coordinator's placement into a county holds over the catalogue's (unknown) county.
        var next = current is null
            ? seed.ToPark(now)
            : current with { Reference = current.Placed?.Over(seed.Reference) ?? seed.Reference, Version = current.Version + 1, UpdatedAt = now, UpdatedBy = "seed" };
        (state.State.Park, state.State.SeedDigest) = (next, digest);
        await state.WriteOrUndo(() => (state.State.Park, state.State.SeedDigest) = (current, currentDigest));

        return current is null ? SeedOutcome.Created : SeedOutcome.Refreshed;
    }

    public async Task<CommandResult<Park>> SetChemicalPark(bool recognised, string actor)
    {
        if (state.State.Park is not { } park)
            return CommandResult<Park>.NotFound($"园区 {this.GetPrimaryKeyString()} 不存在。");
        var now = time.GetUtcNow();
        var next = park with
        {
            // Who said so and when, as for every figure a coordinator sets.
            Profile = park.Profile with { ChemicalPark = new Flag(recognised, FigureSource.Coordinator, Check: new FigureCheck(actor, now, null)) },
            Version = park.Version + 1,
            UpdatedAt = now,
            UpdatedBy = actor,
        };
        var owed = state.State.ChangeOwed;
        (state.State.Park, state.State.ChangeOwed) = (next, [.. owed, ParkChange(next)]);
        await state.WriteOrUndo(() => (state.State.Park, state.State.ChangeOwed) = (park, owed));

        LogChemicalPark(next.Id, recognised, actor);
        await SendChangeOwed();
        await Rematch(next);
        return CommandResult<Park>.Ok(next);
    }

    /// <summary>Matching reads the park's county with the change from now on (the periodic re-read would otherwise).</summary>
    private async Task Rematch(Park park)
    {
        if (park.Reference.CountyAdcode is not { } adcode) return;
        try
        {
            if (await GrainFactory.GetGrain<ICountyGrain>(adcode).Get() is not { } county) return;
            var parks = await Task.WhenAll(county.ParkIds.Select(id => id == park.Id ? Task.FromResult<Park?>(park) : GrainFactory.GetGrain<IParkGrain>(id).Get()));
            await candidates.UpdateAsync(new Candidate(county, parks.OfType<Park>().ToArray()));
        }
        catch (Exception e)
        {
            LogRematchFailed(e, park.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Park {Park} marked chemical park = {Recognised} by {Actor}")]
    private partial void LogChemicalPark(string park, bool recognised, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Park {Park} was saved but matching still uses its previous profile")]
    private partial void LogRematchFailed(Exception error, string park);

    public Task<CommandResult<QuotaView>> ReserveLand(Guid projectId, decimal landMu)
    {
        if (state.State.Park is not { } park)
            return Task.FromResult(CommandResult<QuotaView>.NotFound($"园区 {this.GetPrimaryKeyString()} 不存在。"));
        return Land.Reserve(projectId, landMu, park.Profile.AvailableLandMu.InForce, view =>
            $"土地：{park.Reference.Name}可用 {view.Capacity:#,0.#} 亩{(park.Profile.AvailableLandMu.SelfDeclared ? "（按核定值计，县自报值待核实）" : "")}，已预留 {view.Reserved:#,0.#} 亩，剩余不足 {landMu:#,0.#} 亩。");
    }

    public Task<QuotaView> ReleaseLand(Guid projectId) => Land.Release(projectId, Capacity);

    public Task<QuotaView> GetLandQuota() => Task.FromResult(state.State.Land.View(Capacity));

    private decimal Capacity => state.State.Park?.Profile.AvailableLandMu.InForce ?? 0;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Land.SendOwed();
        await SendLandRows();
        await SendChangeOwed();
        // Not in the activation itself: a county taking the park in reads its other parks, which may be activating too.
        if (state.State.CountiesOwed.Count > 0)
            _countiesRetry ??= this.RegisterGrainTimer(RetryCounties, new GrainTimerCreationOptions(TimeSpan.Zero, CountiesRetry) { Interleave = false });
    }

    private QuotaKeeper<ParkState> Land => new(this.GetPrimaryKeyString(), state.State.Park?.Reference.CountyAdcode,
        () => state.State.Land, r => state.State.Land = r, state, GrainFactory,
        view => new QuotaChangedPayload(state.State.Park?.Reference.CountyAdcode ?? "", null, this.GetPrimaryKeyString(), QuotaKeeper<ParkState>.Figures(view)));
}
