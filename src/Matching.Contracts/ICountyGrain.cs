using Matching.Domain.Counties;

namespace Matching.Contracts;

/// <summary>A county-level division, keyed by its 6-digit adcode.</summary>
[Alias("Matching.ICountyGrain")]
public interface ICountyGrain : IGrainWithStringKey
{
    /// <summary>The county, or null when it was never seeded.</summary>
    [Alias("Get"), ReadOnly]
    Task<County?> Get();

    /// <summary>
    /// Loads the county's first state from the seeds. Idempotent: the same seed twice changes nothing;
    /// a changed seed updates the reference facts and park list but keeps what the county edited.
    /// </summary>
    /// <returns>What the call did.</returns>
    [Alias("Seed")]
    Task<SeedOutcome> Seed(CountySeed seed);

    /// <summary>Edits the county's profile (featured industries, quotas, flags, pairing partners).</summary>
    /// <param name="input">The edit; fields left null keep their value.</param>
    /// <param name="actor">Who edits.</param>
    /// <param name="editor">Whether a county or a coordinator sets the figures.</param>
    /// <param name="expectedVersion">Optimistic concurrency: the version the editor saw, or null.</param>
    [Alias("UpdateProfile")]
    Task<CommandResult<County>> UpdateProfile(CountyProfileInput input, string actor, FigureSource editor, long? expectedVersion);

    /// <summary>The county declares an evidence item (self-declared until a coordinator reviews it); audited, queued for review.</summary>
    /// <param name="input">The declaration (validated here).</param>
    /// <param name="actor">Who declares.</param>
    [Alias("DeclareEvidence")]
    Task<CommandResult<County>> DeclareEvidence(Matching.Domain.Evidence.EvidenceDeclarationInput input, string actor);

    /// <summary>A coordinator verifies or rejects a self-declared item; audited. Conflict when it was already reviewed.</summary>
    /// <param name="itemId">The item's id.</param>
    /// <param name="input">The review (validated here).</param>
    /// <param name="actor">The coordinator.</param>
    [Alias("ReviewEvidence")]
    Task<CommandResult<County>> ReviewEvidence(string itemId, Matching.Domain.Evidence.EvidenceReviewInput input, string actor);

    /// <summary>Replaces the county's roster evidence with a newly uploaded roster's items (self-declared); audited.</summary>
    /// <param name="items">The roster's items, one per GB/T class.</param>
    /// <param name="actor">Who uploaded it.</param>
    [Alias("ReplaceRoster")]
    Task<CommandResult<County>> ReplaceRoster(IReadOnlyList<Matching.Domain.Evidence.EvidenceItem> items, string actor);

    /// <summary>
    /// Records a confirmed 签约 on the platform as a verified evidence item of the county (source: the platform,
    /// verified by the confirming coordinator); audited. Idempotent per project.
    /// </summary>
    [Alias("RecordLanding")]
    Task<CommandResult<County>> RecordLanding(Matching.Domain.Evidence.LandingOutcome outcome);

    /// <summary>
    /// Takes in a park a coordinator placed into the county (<see cref="IParkGrain.PlaceInCounty"/>): kept in the county's park
    /// list over every later seed, audited, and matched from now on. Idempotent per park.
    /// </summary>
    /// <param name="park">The park as placed (its grain is in the middle of the call, so it is passed, not read).</param>
    /// <param name="actor">The coordinator.</param>
    [Alias("AcceptPark")]
    Task<CommandResult<County>> AcceptPark(Matching.Domain.Parks.Park park, string actor);

    /// <summary>
    /// The counterpart of <see cref="AcceptPark"/>: a placed park moved elsewhere or back to the holding list leaves the county's
    /// park list and its matching candidate, audited with the coordinator's reason. Idempotent: a park the county does not hold changes nothing.
    /// </summary>
    /// <param name="parkId">The park.</param>
    /// <param name="statement">The audit line (from where to where, why), as the park wrote it.</param>
    /// <param name="actor">The coordinator.</param>
    [Alias("ReleasePark")]
    Task<CommandResult<County>> ReleasePark(string parkId, string statement, string actor);

    /// <summary>Reserves energy quota for a project; idempotent per project, Conflict when the quota would go negative.</summary>
    [Alias("ReserveEnergy")]
    Task<CommandResult<QuotaView>> ReserveEnergy(Guid projectId, decimal energyTce);

    /// <summary>Releases a project's energy; no error when it holds none.</summary>
    [Alias("ReleaseEnergy")]
    Task<QuotaView> ReleaseEnergy(Guid projectId);

    /// <summary>The county's energy quota: total, reserved, by project.</summary>
    [Alias("GetEnergyQuota"), ReadOnly]
    Task<QuotaView> GetEnergyQuota();
}

/// <summary>What a seeding call did.</summary>
[Alias("Matching.SeedOutcome")]
public enum SeedOutcome
{
    /// <summary>Nothing: the stored state already came from this seed.</summary>
    Unchanged = 0,
    /// <summary>First state written.</summary>
    Created = 1,
    /// <summary>Reference facts refreshed from a newer seed; edits kept.</summary>
    Refreshed = 2,
}
