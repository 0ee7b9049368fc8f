namespace Matching.Contracts;

/// <summary>Remembers which seed set was loaded into this store, so that a restart skips the work.</summary>
[Alias("Matching.ISeedLedgerGrain")]
public interface ISeedLedgerGrain : IGrainWithStringKey
{
    /// <summary>The last completed load, or null when none completed.</summary>
    [Alias("Get"), ReadOnly]
    Task<SeedRecord?> Get();

    /// <summary>Records a completed load.</summary>
    [Alias("Record")]
    Task Record(SeedRecord record);
}

/// <summary>A completed seed load.</summary>
/// <param name="Fingerprint">SHA-256 of the seed files.</param>
/// <param name="Counties">Counties seeded.</param>
/// <param name="Parks">Parks seeded.</param>
/// <param name="CompletedAt">When the load finished.</param>
[GenerateSerializer, Immutable, Alias("Matching.SeedRecord")]
public sealed record SeedRecord(
    [property: Id(0)] string Fingerprint,
    [property: Id(1)] int Counties,
    [property: Id(2)] int Parks,
    [property: Id(3)] DateTimeOffset CompletedAt);
