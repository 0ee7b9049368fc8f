using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Evidence;
using Matching.Domain.Parks;
using Matching.Grains.Counties;
using Matching.Grains.Persistence;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Parks;

/// <summary>
/// A coordinator places a holding-list park into a county: the park stores the placement (who, when) with its audit row in
/// one state write, then the county takes the park into its list and its matching candidate.
/// </summary>
public sealed partial class ParkGrain
{
    public async Task<CommandResult<Park>> PlaceInCounty(string countyAdcode, string actor, long? expectedVersion)
    {
        if (state.State.Park is not { } park)
            return CommandResult<Park>.NotFound($"园区 {this.GetPrimaryKeyString()} 不存在。");
        var countyName = province.FindCounty(countyAdcode)?.Name ?? countyAdcode;
        if (park.Placed is { } placed && placed.CountyAdcode == countyAdcode)
        {
            // The same placement again (e.g. after the county's part failed): the county is told again, nothing else changes.
            await Accept(park, actor);
            return CommandResult<Park>.Ok(park);
        }

        if (expectedVersion is { } expected && expected != park.Version)
            return CommandResult<Park>.VersionMismatch(expected, park.Version, park);
        if (park.Reference.CountyAdcode is { } already)
            return CommandResult<Park>.Conflict(
                $"园区“{park.Reference.Name}”已属于{province.FindCounty(already)?.Name ?? already}{(park.Placed is { } p ? $"（{p.By} 已落位）" : "（开发区目录）")}，不能再落位到{countyName}。", park);

        var now = time.GetUtcNow();
        var next = new ParkCountyPlacement(countyAdcode, actor, now).Apply(park);
        var itemId = ParkLand.ItemId(park.Id);
        var writes = new List<RowWrite>
        {
            CountyEvidenceRows.Audit(itemId, new EvidenceAuditEntry(++state.State.LandAuditSequence, itemId, EvidenceAction.Placed, actor, now,
                $"落位：待落位园区 → {province.FindCounty(countyAdcode)?.Name ?? countyAdcode}（{park.Reference.PrefectureName}）", null)),
        };
        await StoreAndTell(next, writes, [new CountyParkNotice(countyAdcode, Accept: true, "", actor)]);
        LogPlaced(park.Id, countyAdcode, actor);
        return CommandResult<Park>.Ok(next);
    }

    /// <summary>The county takes the placed park in (again, when placing it the same way again); a failure is logged, the placement stands.</summary>
    private async Task Accept(Park park, string actor)
    {
        try
        {
            await GrainFactory.GetGrain<ICountyGrain>(park.Reference.CountyAdcode!).AcceptPark(park, actor);
        }
        catch (Exception e)
        {
            LogAcceptFailed(e, park.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Park {Park} placed into county {County} by {Actor}")]
    private partial void LogPlaced(string park, string county, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Park {Park} was placed but its county has not taken it in yet (placing it again sends it again)")]
    private partial void LogAcceptFailed(Exception error, string park);
}
