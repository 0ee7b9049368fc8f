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
}
