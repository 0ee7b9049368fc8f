using Matching.Domain.JointBids;

namespace Matching.Contracts;

/// <summary>
/// The province's county pairings (强弱县结对, 相邻县协同), one grain (key <see cref="Key"/>). Bounded by the
/// counties: a pairing is replaced or removed, never appended to.
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

    /// <summary>Removes a pairing.</summary>
    [Alias("Remove")]
    Task<CommandResult<CountyPairing>> Remove(string id);
}
