using Matching.Domain.Parks;

namespace Matching.Contracts;

/// <summary>A park or development zone, keyed by its id (the catalogue code).</summary>
[Alias("Matching.IParkGrain")]
public interface IParkGrain : IGrainWithStringKey
{
    /// <summary>The park, or null when it was never seeded.</summary>
    [Alias("Get"), ReadOnly]
    Task<Park?> Get();

    /// <summary>Loads the park's first state from the seeds; idempotent as <see cref="ICountyGrain.Seed"/>.</summary>
    [Alias("Seed")]
    Task<SeedOutcome> Seed(ParkSeed seed);

    /// <summary>
    /// Reserves land for a project. Idempotent per project: the same reservation again changes nothing,
    /// a new amount replaces the old. Conflict when the park's available land would be exceeded.
    /// </summary>
    [Alias("ReserveLand")]
    Task<CommandResult<QuotaView>> ReserveLand(Guid projectId, decimal landMu);

    /// <summary>Releases a project's land; no error when it holds none.</summary>
    [Alias("ReleaseLand")]
    Task<QuotaView> ReleaseLand(Guid projectId);

    /// <summary>
    /// A coordinator records whether the park is a recognised chemical park (认定化工园区); the seeded list is
    /// partial. New chemical projects may go only to counties with one. Returns the park as changed.
    /// </summary>
    [Alias("SetChemicalPark")]
    Task<CommandResult<Park>> SetChemicalPark(bool recognised, string actor);

    /// <summary>
    /// Sets the park's available land: a county's value is self-declared (queued for a coordinator, audited) and the value
    /// in force stays until it is verified; a coordinator's is in force at once. Invalid (field <c>availableLandMu</c>)
    /// when missing, out of range or below what is reserved; version mismatch when <paramref name="expectedVersion"/> is stale.
    /// </summary>
    [Alias("DeclareLand")]
    Task<CommandResult<Park>> DeclareLand(ParkLandInput input, string actor, Matching.Domain.Counties.FigureSource editor, long? expectedVersion);

    /// <summary>A coordinator verifies or rejects the county's pending land; audited. Conflict when nothing is pending, or the value would fall below what is reserved.</summary>
    [Alias("ReviewLand")]
    Task<CommandResult<Park>> ReviewLand(Matching.Domain.Evidence.EvidenceReviewInput input, string actor);

    /// <summary>
    /// A coordinator places a holding-list park (no county in the catalogue) into a county, verified by them: stored with who and
    /// when, audited in the park's and the county's trails, and the county's candidate for matching includes the park from now on.
    /// The same placement again re-sends it to the county and changes nothing else; Conflict when the park already has a county
    /// (the catalogue's or another placement); version mismatch when <paramref name="expectedVersion"/> is stale. The host checks the adcode.
    /// </summary>
    [Alias("PlaceInCounty")]
    Task<CommandResult<Park>> PlaceInCounty(string countyAdcode, string actor, long? expectedVersion);

    /// <summary>
    /// The park, for a project about to offer or award it: a placed holding-list park remembers the project, so that moving or
    /// undoing its placement can ask whether the project still holds on to it. Null when never seeded.
    /// </summary>
    [Alias("OfferedIn")]
    Task<Park?> OfferedIn(Guid projectId);

    /// <summary>
    /// A coordinator moves a placed holding-list park into another county (<paramref name="countyAdcode"/>) or undoes the placement
    /// (null: back on the holding list), with a reason; audited in the park's trail and both counties'. Conflict when the catalogue
    /// places the park, it is not placed, or a project holds on to it (a live bid, a joint bid, an award's land: the message says
    /// which); version mismatch when stale. Both counties are told through the park's outbox, again after a crash.
    /// </summary>
    [Alias("MovePlacement")]
    Task<CommandResult<Park>> MovePlacement(string? countyAdcode, string reason, string actor, long? expectedVersion);

    /// <summary>The park's land: available, reserved, by project.</summary>
    [Alias("GetLandQuota"), ReadOnly]
    Task<QuotaView> GetLandQuota();
}
