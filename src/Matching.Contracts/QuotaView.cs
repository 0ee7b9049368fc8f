namespace Matching.Contracts;

/// <summary>One quota (a park's land, a county's energy): capacity, what is reserved and by which project.</summary>
/// <param name="Capacity">What can be reserved in all (亩 or tce per year).</param>
/// <param name="Reserved">Reserved now.</param>
/// <param name="Peak">The most ever reserved at once; never above <paramref name="Capacity"/> at that time.</param>
/// <param name="ByProject">Reservations by project.</param>
[GenerateSerializer, Immutable, Alias("Matching.QuotaView")]
public sealed record QuotaView(
    [property: Id(0)] decimal Capacity,
    [property: Id(1)] decimal Reserved,
    [property: Id(2)] decimal Peak,
    [property: Id(3)] IReadOnlyDictionary<Guid, decimal> ByProject)
{
    /// <summary>What is left.</summary>
    public decimal Available => Capacity - Reserved;
}
