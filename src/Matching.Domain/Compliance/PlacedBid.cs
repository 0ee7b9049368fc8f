namespace Matching.Domain.Compliance;

/// <summary>A bid that passed the firewall, with the flags that travel with it to the coordinator.</summary>
/// <param name="Bid">The offer.</param>
/// <param name="Flags">Non-blocking findings (relocation notice, missing price floor).</param>
/// <param name="RuleBookVersion">The rule set it was screened with.</param>
/// <param name="PlacedBy">Who placed it.</param>
/// <param name="PlacedAt">When.</param>
public sealed record PlacedBid(Bid Bid, IReadOnlyList<ComplianceFlag> Flags, string RuleBookVersion, string PlacedBy, DateTimeOffset PlacedAt);
