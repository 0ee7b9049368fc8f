using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Evidence;
using Matching.Domain.Parks;
using Matching.Grains.Counties;
using Matching.Grains.Persistence;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Parks;

/// <summary>A county still to be told of a placement change: take the park in (<paramref name="Accept"/>) or let it go, with the audit line.</summary>
/// <param name="County">The county's adcode.</param>
/// <param name="Accept">True: take the park in; false: let it go.</param>
/// <param name="Statement">The county's audit line for a release.</param>
/// <param name="Actor">The coordinator.</param>
public sealed record CountyParkNotice(string County, bool Accept, string Statement, string Actor);

/// <summary>
/// A coordinator moves a placed holding-list park into another county or undoes its placement, with a reason, while no project
/// holds on to it. The park's change, its audit line and what both counties must be told are one state write (an outbox): the
/// counties are told right after, and again by a timer or on the next activation until they confirm.
/// </summary>
public sealed partial class ParkGrain
{
    private static readonly TimeSpan CountiesRetry = TimeSpan.FromSeconds(5);
    private IGrainTimer? _countiesRetry;

    public async Task<Park?> OfferedIn(Guid projectId)
    {
        if (state.State.Park is not { Placed: not null } park) return state.State.Park;
        await offers.RecordAsync(park.Id, projectId);
        return park;
    }

    public async Task<CommandResult<Park>> MovePlacement(string? countyAdcode, string reason, string actor, long? expectedVersion)
    {
        if (state.State.Park is not { } park)
            return CommandResult<Park>.NotFound($"园区 {this.GetPrimaryKeyString()} 不存在。");
        var name = park.Reference.Name;
        if (park.Placed is not { } placed)
            return CommandResult<Park>.Conflict(park.Reference.CountyAdcode is { } seeded
                ? $"园区“{name}”由开发区目录定在{CountyName(seeded)}，不是协调员落位的园区，不能改落位或撤销落位。"
                : $"园区“{name}”尚未落位，没有可撤销的落位。", park);
        if (placed.CountyAdcode == countyAdcode) return CommandResult<Park>.Ok(park);
        if (expectedVersion is { } expected && expected != park.Version)
            return CommandResult<Park>.VersionMismatch(expected, park.Version, park);
        if (state.State.Land.Total > 0)
            return CommandResult<Park>.Conflict(
                $"园区“{name}”已为 {state.State.Land.ByProject.Count} 个获统筹项目预留土地 {state.State.Land.Total:#,0.#} 亩（统筹决定），须先撤回或改判这些决定，才能改落位或撤销落位。", park);
        if (park.Profile.AvailableLandMu.SelfDeclared)
            return CommandResult<Park>.Conflict($"园区“{name}”的可用土地有{CountyName(placed.CountyAdcode)}自报值待核实：请先核实或驳回，再改落位或撤销落位。", park);
        if (await HeldBy(park.Id) is { } use)
            return CommandResult<Park>.Conflict(
                $"园区“{name}”正被项目“{use.ProjectTitle}”的{use.KindName}引用，须等该{use.KindName}撤回、作废或改判后，才能改落位或撤销落位。", park);

        var now = time.GetUtcNow();
        var (from, to) = (CountyName(placed.CountyAdcode), countyAdcode is null ? "待落位园区" : CountyName(countyAdcode));
        var line = $"改落位：{from} → {to}（{park.Reference.PrefectureName}），理由：{reason}";
        var next = countyAdcode is null
            ? park with
            {
                Reference = park.Reference with { CountyAdcode = null, Placement = ParkPlacement.Unplaced },
                Placed = null, Version = park.Version + 1, UpdatedAt = now, UpdatedBy = actor,
            }
            : new ParkCountyPlacement(countyAdcode, actor, now).Apply(park);
        var itemId = ParkLand.ItemId(park.Id);
        var writes = new List<RowWrite>
        {
            CountyEvidenceRows.Audit(itemId, new EvidenceAuditEntry(++state.State.LandAuditSequence, itemId, EvidenceAction.Moved, actor, now, line, reason)),
        };
        List<CountyParkNotice> notices = [new(placed.CountyAdcode, Accept: false, $"园区移出：{name}（{line}）", actor)];
        if (countyAdcode is not null) notices.Add(new(countyAdcode, Accept: true, "", actor));
        await StoreAndTell(next, writes, notices);
        LogMoved(park.Id, placed.CountyAdcode, countyAdcode ?? "holding list", actor);
        return CommandResult<Park>.Ok(next);
    }

    /// <summary>The first project still holding on to the park; those that no longer do are forgotten on the way.</summary>
    private Task<ParkUse?> HeldBy(string parkId) =>
        offers.FirstHolderAsync<ParkUse>(parkId, async projects =>
            await Task.WhenAll(projects.Select(id => GrainFactory.GetGrain<IProjectGrain>(id).ParkUse(parkId))));

    /// <summary>Stores the park, its audit rows and the notices for the counties in one state write, then sends the rows and the notices.</summary>
    private async Task StoreAndTell(Park next, List<RowWrite> writes, IReadOnlyList<CountyParkNotice> notices)
    {
        var (previous, previousOwed) = (state.State.Park, state.State.CountiesOwed);
        await state.StoreWithRows(
            () => (state.State.Park, state.State.CountiesOwed) = (next, [.. previousOwed, .. notices]),
            () => (state.State.Park, state.State.CountiesOwed) = (previous, previousOwed), writes);
        await SendLandRows();
        await TellCounties();
    }

    /// <summary>
    /// Tells the counties what is owed, in order (the county left before the county joined). Each call is idempotent, so one sent
    /// twice after a crash is harmless; what fails stays owed and a timer tries again. Cleared in memory, stored with the next write.
    /// </summary>
    private async Task TellCounties()
    {
        var owed = state.State.CountiesOwed;
        if (owed.Count == 0) return;
        var sent = 0;
        try
        {
            foreach (var notice in owed)
            {
                var county = GrainFactory.GetGrain<ICountyGrain>(notice.County);
                if (!notice.Accept) await county.ReleasePark(this.GetPrimaryKeyString(), notice.Statement, notice.Actor);
                // Only the county the park is in now takes it in (a later move may have overtaken this notice).
                else if (state.State.Park is { } park && park.Reference.CountyAdcode == notice.County) await county.AcceptPark(park, notice.Actor);
                sent++;
            }
        }
        catch (Exception e)
        {
            LogCountiesOwed(e, this.GetPrimaryKeyString(), owed.Count - sent);
        }

        if (ReferenceEquals(state.State.CountiesOwed, owed)) state.State.CountiesOwed = [.. owed.Skip(sent)];
        if (state.State.CountiesOwed.Count > 0)
            _countiesRetry ??= this.RegisterGrainTimer(RetryCounties, new GrainTimerCreationOptions(CountiesRetry, CountiesRetry) { Interleave = false });
    }

    private async Task RetryCounties(CancellationToken cancellationToken)
    {
        await TellCounties();
        if (state.State.CountiesOwed.Count == 0 && _countiesRetry is { } timer)
        {
            _countiesRetry = null;
            timer.Dispose();
        }
    }

    private string CountyName(string adcode) => province.FindCounty(adcode)?.Name ?? adcode;

    [LoggerMessage(Level = LogLevel.Information, Message = "Park {Park} moved from county {From} to {To} by {Actor}")]
    private partial void LogMoved(string park, string from, string to, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Park {Park} changed its placement but {Count} county notices are still owed (sent again)")]
    private partial void LogCountiesOwed(Exception error, string park, int count);
}
