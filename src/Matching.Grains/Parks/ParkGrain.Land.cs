using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Parks;
using Matching.Grains.Counties;
using Matching.Grains.Persistence;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Parks;

/// <summary>
/// Self-declared versus verified for a park's available land: a county's value is queued with its county's
/// declarations and audited (partition <c>park.{id}</c> of the evidence rows); a coordinator verifies or rejects it.
/// Matching and land reservations use the value in force, and never below what is reserved.
/// </summary>
public sealed partial class ParkGrain
{
    public async Task<CommandResult<Park>> DeclareLand(ParkLandInput input, string actor, FigureSource editor, long? expectedVersion)
    {
        if (state.State.Park is not { } park)
            return CommandResult<Park>.NotFound($"园区 {this.GetPrimaryKeyString()} 不存在。");
        if (expectedVersion is { } expected && expected != park.Version)
            return CommandResult<Park>.VersionMismatch(expected, park.Version, park);
        if (!CommandResult<Park>.TryValidate(() => input.ApplyTo(park.Profile, editor, state.State.Land.Total), out var profile, out var invalid))
            return invalid;
        if (profile.AvailableLandMu == park.Profile.AvailableLandMu) return CommandResult<Park>.Ok(park);

        var now = time.GetUtcNow();
        var next = park with { Profile = profile, Version = park.Version + 1, UpdatedAt = now, UpdatedBy = actor };
        var writes = new List<RowWrite>();
        var (was, pending) = (park.Profile.AvailableLandMu.SelfDeclared, profile.AvailableLandMu.SelfDeclared);
        if (pending && next.Reference.CountyAdcode is { } adcode)
        {
            var item = ParkLand.QueueItem(next, actor, now);
            writes.Add(LandAudit(item, EvidenceAction.Declared, actor, now, null));
            writes.Add(CountyEvidenceRows.Enqueue(adcode, item));
        }
        else
        {
            // A coordinator's value (in force at once) or the county's withdrawal: audited too, and a pending declaration leaves the queue.
            writes.Add(LandAudit(ParkLand.ItemId(park.Id), ParkLand.SetStatement(park, next), ParkLand.SetAction(editor), actor, now, null));
            if (was && next.Reference.CountyAdcode is { } county) writes.Add(CountyEvidenceRows.Dequeue(county, ParkLand.ItemId(park.Id)));
        }

        LogLandSet(park.Id, profile.AvailableLandMu.Value, pending, actor);
        return await SaveLand(next, writes);
    }

    public async Task<CommandResult<Park>> ReviewLand(EvidenceReviewInput input, string actor)
    {
        if (state.State.Park is not { } park)
            return CommandResult<Park>.NotFound($"园区 {this.GetPrimaryKeyString()} 不存在。");
        if (!CommandResult<Park>.TryValidate(input.Check, out var review, out var invalid))
            return invalid;
        var now = time.GetUtcNow();
        if (ParkLand.Review(park.Profile, review.Verified, new FigureCheck(actor, now, review.Note)) is not { } after)
            return CommandResult<Park>.Conflict($"{park.Reference.Name}的可用土地（{ParkLand.Field}）没有待核实的自报值。", park);
        var reserved = state.State.Land.Total;
        if (after.AvailableLandMu.InForce < reserved)
            return CommandResult<Park>.Conflict(
                $"{park.Reference.Name}已为获统筹项目预留 {reserved:#,0.#} 亩，可用土地（{ParkLand.Field}）不能按 {after.AvailableLandMu.InForce:#,0.#} 亩生效；请由县重新申报或由协调员直接设定。", park);

        var item = ParkLand.QueueItem(park, park.UpdatedBy, now);
        var writes = new List<RowWrite> { LandAudit(item, review.Verified ? EvidenceAction.Verified : EvidenceAction.Rejected, actor, now, review.Note) };
        if (park.Reference.CountyAdcode is { } adcode) writes.Add(CountyEvidenceRows.Dequeue(adcode, item.Id));
        var next = park with { Profile = after, Version = park.Version + 1, UpdatedAt = now, UpdatedBy = actor };
        return await SaveLand(next, writes);
    }

    private RowWrite LandAudit(DeclaredEvidence item, EvidenceAction action, string actor, DateTimeOffset at, string? note) =>
        LandAudit(item.Id, item.Item.Statement, action, actor, at, note);

    private RowWrite LandAudit(string itemId, string statement, EvidenceAction action, string actor, DateTimeOffset at, string? note) =>
        CountyEvidenceRows.Audit(itemId, new EvidenceAuditEntry(++state.State.LandAuditSequence, itemId, action, actor, at, statement, note));

    /// <summary>Stores the park and the rows it owes in one state write (<see cref="OwedRows"/>), then sends the rows and rematches.</summary>
    private async Task<CommandResult<Park>> SaveLand(Park next, List<RowWrite> writes)
    {
        var previous = state.State.Park;
        await state.StoreWithRows(() => state.State.Park = next, () => state.State.Park = previous, writes);
        await SendLandRows();
        await Rematch(next);
        return CommandResult<Park>.Ok(next);
    }

    /// <summary>Sends the land audit and queue rows still owed (<see cref="OwedRows"/>).</summary>
    private Task SendLandRows() => state.SendOwedRows(rows => evidenceRows.WriteAsync(rows), logger, $"Park {this.GetPrimaryKeyString()}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Park {Park} available land set to {Mu} mu (self-declared: {Pending}) by {Actor}")]
    private partial void LogLandSet(string park, decimal mu, bool pending, string actor);
}
