using Matching.Domain.JointBids;

namespace Matching.Contracts;

/// <summary>
/// The province's county pairings (强弱县结对, 相邻县协同), one grain (key <see cref="Key"/>). Bounded by the
/// counties: a pairing in force is replaced or ended, and every version is a row of <c>pairing-versions</c>.
/// </summary>
[Alias("Matching.IPairingGrain")]
public interface IPairingGrain : IGrainWithStringKey
{
    /// <summary>The grain's key.</summary>
    const string Key = "shandong";

    /// <summary>Every pairing.</summary>
    [Alias("GetAll"), ReadOnly]
    Task<IReadOnlyList<CountyPairing>> GetAll();

    /// <summary>Adds or replaces a pairing (a new one when <paramref name="id"/> is null).</summary>
    [Alias("Save")]
    Task<CommandResult<CountyPairing>> Save(string? id, PairingInput input, string editedBy);

    /// <summary>Ends a pairing: who, when, why and from which notice go into its last version; it is no longer in force.</summary>
    [Alias("End")]
    Task<CommandResult<PairingVersion>> End(string id, PairingEndInput input, string endedBy);
}
