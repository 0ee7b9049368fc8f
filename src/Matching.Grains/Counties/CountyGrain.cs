using Matching.Contracts.Live;
using Matching.Grains.Quotas;
using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Domain.Validation;
using Matching.Engine;
using Matching.Grains.Persistence;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Counties;

/// <summary>Stored state of a county grain.</summary>
public sealed class CountyState : IOwesRows
{
    public County? County { get; set; }

    /// <summary>Digest of the seed this county was last loaded from.</summary>
    public string? SeedDigest { get; set; }

    /// <summary>Energy reserved by awarded or co-built projects, tce per year.</summary>
    public Reservations Energy { get; set; } = new();

    /// <summary>Last number given to a declared evidence item (its id).</summary>
    public long EvidenceSequence { get; set; }

    /// <summary>Last number of the county's evidence audit trail.</summary>
    public long AuditSequence { get; set; }

    /// <summary>Audit and queue rows of the last evidence change not yet confirmed written (sent again on activation).</summary>
    public List<Matching.Contracts.Persistence.RowWrite> EvidenceRowsOwed { get; set; } = [];

    /// <summary>Parks a coordinator placed into the county from the holding list (kept in its park list over every seed).</summary>
    public List<string> PlacedParkIds { get; set; } = [];

    /// <summary>The <c>countyChanged</c> events of stored changes not yet confirmed in their streams (an outbox, sent again on activation).</summary>
    public List<Matching.Contracts.Live.LiveEventDraft> ChangeOwed { get; set; } = [];

    List<Matching.Contracts.Persistence.RowWrite> IOwesRows.RowsOwed { get => EvidenceRowsOwed; set => EvidenceRowsOwed = value; }
}

/// <inheritdoc cref="ICountyGrain" />
public sealed partial class CountyGrain(
    [PersistentState("county", MatchingStorage.Name)] IPersistentState<CountyState> state,
    Province province,
    CandidateRegistry candidates,
    CountyEvidenceRows evidenceRows,
    TimeProvider time,
    ILogger<CountyGrain> logger) : Grain, ICountyGrain
{
    public Task<County?> Get() => Task.FromResult(state.State.County);

    public async Task<SeedOutcome> Seed(CountySeed seed)
    {
        var digest = Persistence.SeedDigest.Of(seed);
        if (state.State.SeedDigest == digest) return SeedOutcome.Unchanged;

        var now = time.GetUtcNow();
        var current = state.State.County;
        var outcome = current is null ? SeedOutcome.Created : SeedOutcome.Refreshed;
        var next = current is null
            ? seed.ToCounty(now)
            : current with { Reference = seed.Reference, ParkIds = WithPlacedParks(seed.ParkIds), Version = current.Version + 1, UpdatedAt = now, UpdatedBy = "seed" };
        await Save(next, digest);
        return outcome;
    }

    public async Task<CommandResult<County>> UpdateProfile(CountyProfileInput input, string actor, FigureSource editor, long? expectedVersion)
    {
        if (state.State.County is not { } county)
            return CommandResult<County>.NotFound($"县级行政区 {this.GetPrimaryKeyString()} 不存在。");
        if (expectedVersion is { } expected && expected != county.Version)
            return CommandResult<County>.VersionMismatch(expected, county.Version, county);

        if (!CommandResult<County>.TryValidate(() => input.ApplyTo(county.Profile, county.Adcode, editor, province), out var profile, out var invalid))
            return invalid;
        var now = time.GetUtcNow();
        if (editor == FigureSource.Coordinator) profile = CoordinatorSettings.Stamp(county.Profile, profile, new FigureCheck(actor, now, null));

        // A quota below what awarded projects already hold would leave a negative balance.
        var reserved = state.State.Energy.Total;
        if (Math.Min(profile.EnergyQuotaTce.Value, profile.EnergyQuotaTce.InForce) < reserved)
            return CommandResult<County>.Invalid(new Dictionary<string, string[]>
            {
                ["energyQuotaTce"] = [$"能耗指标不能低于已为获统筹项目预留的 {reserved:#,0.#} 吨标准煤/年。"],
            });

        var next = county with { Profile = profile, Version = county.Version + 1, UpdatedAt = now, UpdatedBy = actor };
        // A county's new figures and flags are queued for verification and audited, with the edit.
        if (FigureRows(county, profile, actor, editor, now) is { Count: > 0 } writes) return await SaveWithRows(next, writes);
        await Save(next, state.State.SeedDigest, announce: true);
        await Rematch(next);
        await SendChangeOwed();
        return CommandResult<County>.Ok(next);
    }

    public Task<CommandResult<QuotaView>> ReserveEnergy(Guid projectId, decimal energyTce)
    {
        if (state.State.County is not { } county)
            return Task.FromResult(CommandResult<QuotaView>.NotFound($"县级行政区 {this.GetPrimaryKeyString()} 不存在。"));
        return Energy.Reserve(projectId, energyTce, county.Profile.EnergyQuotaTce.InForce, view =>
            $"能耗：{county.Reference.Name}能耗指标 {view.Capacity:#,0.#} 吨标准煤/年{(county.Profile.EnergyQuotaTce.SelfDeclared && county.Profile.EnergyQuotaTce.Before is not null ? "（按核定值计，县自报值待核实）" : "")}，已预留 {view.Reserved:#,0.#} 吨标准煤/年，剩余不足 {energyTce:#,0.#} 吨标准煤/年。");
    }

    public Task<QuotaView> ReleaseEnergy(Guid projectId) => Energy.Release(projectId, EnergyCapacity);

    public Task<QuotaView> GetEnergyQuota() => Task.FromResult(state.State.Energy.View(EnergyCapacity));

    /// <summary>Reservations count against the quota in force (verified, or the value before a pending declaration), as matching does.</summary>
    private decimal EnergyCapacity => state.State.County?.Profile.EnergyQuotaTce.InForce ?? 0;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Energy.SendOwed();
        await SendEvidenceRows();
        await SendChangeOwed();
    }

    private QuotaKeeper<CountyState> Energy => new(this.GetPrimaryKeyString(), this.GetPrimaryKeyString(),
        () => state.State.Energy, r => state.State.Energy = r, state, GrainFactory,
        view => new QuotaChangedPayload(this.GetPrimaryKeyString(), QuotaKeeper<CountyState>.Figures(view), null, null));

    /// <summary>Matching reads the new profile from now on; the edit itself is already stored.</summary>
    private async Task Rematch(County county, Park? calling = null)
    {
        try
        {
            // A park calling in (placing itself here) is in the middle of its own turn: it is passed, never read back.
            var parks = await Task.WhenAll(county.ParkIds.Select(id => id == calling?.Id ? Task.FromResult<Park?>(calling) : GrainFactory.GetGrain<IParkGrain>(id).Get()));
            await candidates.UpdateAsync(new Candidate(county, parks.OfType<Park>().ToArray()));
        }
        catch (Exception e)
        {
            LogRematchFailed(e, county.Adcode);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "County {Adcode} was saved but matching still uses its previous profile")]
    private partial void LogRematchFailed(Exception error, string adcode);

    private async Task Save(County next, string? digest, bool announce = false)
    {
        var (previous, previousDigest, previousOwed) = (state.State.County, state.State.SeedDigest, state.State.ChangeOwed);
        (state.State.County, state.State.SeedDigest) = (next, digest);
        if (announce) state.State.ChangeOwed = OwingChange(next);
        await state.WriteOrUndo(() => (state.State.County, state.State.SeedDigest, state.State.ChangeOwed) = (previous, previousDigest, previousOwed));
    }
}
