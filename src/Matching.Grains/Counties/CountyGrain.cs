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
public sealed class CountyState
{
    public County? County { get; set; }

    /// <summary>Digest of the seed this county was last loaded from.</summary>
    public string? SeedDigest { get; set; }
}

/// <inheritdoc cref="ICountyGrain" />
public sealed partial class CountyGrain(
    [PersistentState("county", MatchingStorage.Name)] IPersistentState<CountyState> state,
    Province province,
    CandidateRegistry candidates,
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
            : current with { Reference = seed.Reference, ParkIds = seed.ParkIds, Version = current.Version + 1, UpdatedAt = now, UpdatedBy = "seed" };
        await Save(next, digest);
        return outcome;
    }

    public async Task<CommandResult<County>> UpdateProfile(CountyProfileInput input, string actor, FigureSource editor, long? expectedVersion)
    {
        if (state.State.County is not { } county)
            return CommandResult<County>.NotFound($"县级行政区 {this.GetPrimaryKeyString()} 不存在。");
        if (expectedVersion is { } expected && expected != county.Version)
            return CommandResult<County>.VersionMismatch(expected, county.Version, county);

        CountyProfile profile;
        try
        {
            profile = input.ApplyTo(county.Profile, county.Adcode, editor, province);
        }
        catch (DomainValidationException e)
        {
            return CommandResult<County>.Invalid(e.Errors.ToDictionary());
        }

        var next = county with { Profile = profile, Version = county.Version + 1, UpdatedAt = time.GetUtcNow(), UpdatedBy = actor };
        await Save(next, state.State.SeedDigest);
        await Rematch(next);
        return CommandResult<County>.Ok(next);
    }

    /// <summary>Matching reads the new profile from now on; the edit itself is already stored.</summary>
    private async Task Rematch(County county)
    {
        try
        {
            var parks = await Task.WhenAll(county.ParkIds.Select(id => GrainFactory.GetGrain<IParkGrain>(id).Get()));
            await candidates.UpdateAsync(new Candidate(county, parks.OfType<Park>().ToArray()));
        }
        catch (Exception e)
        {
            LogRematchFailed(e, county.Adcode);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "County {Adcode} was saved but matching still uses its previous profile")]
    private partial void LogRematchFailed(Exception error, string adcode);

    private async Task Save(County next, string? digest)
    {
        var (previous, previousDigest) = (state.State.County, state.State.SeedDigest);
        (state.State.County, state.State.SeedDigest) = (next, digest);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Keep memory equal to storage: a failed write must not leave a change only in memory.
            (state.State.County, state.State.SeedDigest) = (previous, previousDigest);
            throw;
        }
    }
}
