using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Parks;
using Matching.Grains.Persistence;

namespace Matching.Grains.Counties;

/// <summary>Parks a coordinator placed into the county from the holding list: in its park list and its matching candidate, over every seed.</summary>
public sealed partial class CountyGrain
{
    public async Task<CommandResult<County>> AcceptPark(Park park, string actor)
    {
        if (state.State.County is not { } county)
            return CommandResult<County>.NotFound($"县级行政区 {this.GetPrimaryKeyString()} 不存在。");
        if (park.Reference.CountyAdcode != county.Adcode)
            return CommandResult<County>.Conflict($"园区“{park.Reference.Name}”不属于{county.Reference.Name}。", county);
        if (county.ParkIds.Contains(park.Id) && state.State.PlacedParkIds.Contains(park.Id))
        {
            await Rematch(county, park);
            return CommandResult<County>.Ok(county);
        }

        var now = time.GetUtcNow();
        var next = county with { ParkIds = [.. county.ParkIds.Where(id => id != park.Id), park.Id], Version = county.Version + 1, UpdatedAt = now, UpdatedBy = actor };
        var writes = new List<RowWrite>
        {
            AuditRow(ParkLand.ItemId(park.Id), $"园区落位：{park.Reference.Name}（{park.Reference.PrefectureName}，待落位园区）落位到本县", EvidenceAction.Placed, actor, now, null),
        };
        var (previous, previousPlaced, previousOwed) = (state.State.County, state.State.PlacedParkIds, state.State.ChangeOwed);
        await state.StoreWithRows(
            () => (state.State.County, state.State.PlacedParkIds, state.State.ChangeOwed) = (next, [.. previousPlaced.Where(id => id != park.Id), park.Id], OwingChange(next)),
            () => (state.State.County, state.State.PlacedParkIds, state.State.ChangeOwed) = (previous, previousPlaced, previousOwed), writes);
        await SendEvidenceRows();
        await Rematch(next, park);
        await SendChangeOwed();
        return CommandResult<County>.Ok(next);
    }

    public async Task<CommandResult<County>> ReleasePark(string parkId, string statement, string actor)
    {
        if (state.State.County is not { } county)
            return CommandResult<County>.NotFound($"县级行政区 {this.GetPrimaryKeyString()} 不存在。");
        // Only a park a coordinator placed here can leave this way; the catalogue's parks stay with their seeds.
        if (!state.State.PlacedParkIds.Contains(parkId)) return CommandResult<County>.Ok(county);

        var now = time.GetUtcNow();
        var next = county with { ParkIds = [.. county.ParkIds.Where(id => id != parkId)], Version = county.Version + 1, UpdatedAt = now, UpdatedBy = actor };
        var writes = new List<RowWrite> { AuditRow(ParkLand.ItemId(parkId), statement, EvidenceAction.Moved, actor, now, null) };
        var (previous, previousPlaced, previousOwed) = (state.State.County, state.State.PlacedParkIds, state.State.ChangeOwed);
        await state.StoreWithRows(
            () => (state.State.County, state.State.PlacedParkIds, state.State.ChangeOwed) = (next, [.. previousPlaced.Where(id => id != parkId)], OwingChange(next)),
            () => (state.State.County, state.State.PlacedParkIds, state.State.ChangeOwed) = (previous, previousPlaced, previousOwed), writes);
        await SendEvidenceRows();
        await Rematch(next);
        await SendChangeOwed();
        return CommandResult<County>.Ok(next);
    }

    /// <summary>The seeded park list with the parks placed here by coordinators.</summary>
    private IReadOnlyList<string> WithPlacedParks(IReadOnlyList<string> seeded) => [.. seeded, .. state.State.PlacedParkIds.Where(id => !seeded.Contains(id))];
}
