using Matching.Contracts;
using Matching.Domain.Parks;

namespace Matching.Grains.Projects;

/// <summary>
/// Bids and decisions check a park's county against the seeded catalogue the rules hold. A holding-list park
/// (the catalogue names no county) may since have been placed into a county by a coordinator, and only its
/// grain knows: it is read for such parks alone, so a bid or decision naming a catalogue park costs no call.
/// </summary>
public sealed partial class ProjectGrain
{
    private async Task<ParkReference?> PlacedPark(string? parkId)
    {
        if (string.IsNullOrWhiteSpace(parkId) || province.FindPark(parkId.Trim()) is not { CountyAdcode: null }) return null;
        return await GrainFactory.GetGrain<IParkGrain>(parkId.Trim()).Get() is { Placed: not null } park ? park.Reference : null;
    }
}
