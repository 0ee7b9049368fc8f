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

    /// <summary>The park's land: available, reserved, by project.</summary>
    [Alias("GetLandQuota"), ReadOnly]
    Task<QuotaView> GetLandQuota();
}
