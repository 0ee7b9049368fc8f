using Matching.Contracts;
using Matching.Domain.Parks;
using Matching.Domain.Projects;

namespace Matching.Grains.Projects;

/// <summary>
/// Bids and decisions check a park's county against the seeded catalogue the rules hold. A holding-list park
/// (the catalogue names no county) may since have been placed into a county by a coordinator, and only its
/// grain knows: it is read for such parks alone, so a bid or decision naming a catalogue park costs no call.
/// Reading it tells the park this project may hold on to it, so that a coordinator's move of the placement asks first (<see cref="ParkUse"/>).
/// </summary>
public sealed partial class ProjectGrain
{
    private async Task<ParkReference?> PlacedPark(string? parkId)
    {
        if (string.IsNullOrWhiteSpace(parkId) || province.FindPark(parkId.Trim()) is not { CountyAdcode: null }) return null;
        return await GrainFactory.GetGrain<IParkGrain>(parkId.Trim()).OfferedIn(this.GetPrimaryKey()) is { Placed: not null } park ? park.Reference : null;
    }

    public Task<ParkUse?> ParkUse(string parkId)
    {
        if (state.State.Project is not { } project) return Task.FromResult<ParkUse?>(null);
        static bool Names(string? offered, string parkId) => offered?.Trim() == parkId;
        string? kind = null;
        if (state.State.Held is { } held && held.ParkId == parkId || state.State.Pending?.Terms.ParkId == parkId) kind = "award";
        else if (project.Status is ProjectStatus.Open or ProjectStatus.Contested)
        {
            if (state.State.Bids.Values.Any(b => Names(b.Bid.ParkId, parkId))) kind = "bid";
            else if (state.State.JointBids.Values.Any(j => j.Declined is null && Names(j.Bid.ParkId, parkId))) kind = "jointBid";
        }

        return Task.FromResult(kind is null ? null : new ParkUse(kind, project.Id, project.Details.Title));
    }
}
