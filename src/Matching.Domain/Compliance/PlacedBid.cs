namespace Matching.Domain.Compliance;

/// <summary>A bid that passed the firewall, with the flags that travel with it to the coordinator.</summary>
/// <param name="Bid">The offer.</param>
/// <param name="Flags">Non-blocking findings (relocation notice, missing price floor).</param>
/// <param name="RuleBookVersion">The rule set it was screened with.</param>
/// <param name="PlacedBy">Who placed it.</param>
/// <param name="PlacedAt">When.</param>
public sealed record PlacedBid(Bid Bid, IReadOnlyList<ComplianceFlag> Flags, string RuleBookVersion, string PlacedBy, DateTimeOffset PlacedAt)
{
    /// <summary>
    /// The project's version the bid was placed on (before the bid was recorded). A decision made on a
    /// later version had the bid before it, which is what reveals it to other counties. 0 for bids
    /// stored before this was kept: any decision reveals those, as it did then.
    /// </summary>
    public long OnVersion { get; init; }
}
