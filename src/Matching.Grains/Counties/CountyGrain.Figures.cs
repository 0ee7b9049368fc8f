using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Grains.Persistence;

namespace Matching.Grains.Counties;

/// <summary>
/// Self-declared versus verified for a county's figures and flags (quotas, land-price floor, 省财政直管县, 革命老区):
/// a county's new value is queued and audited like declared evidence; a coordinator verifies or rejects it.
/// </summary>
public sealed partial class CountyGrain
{
    /// <summary>The audit and queue rows a profile edit owes: a pending declaration queued, one no longer pending taken out.</summary>
    private List<RowWrite> FigureRows(County county, CountyProfile after, string actor, FigureSource editor, DateTimeOffset now)
    {
        var (declared, settled) = DeclaredFigures.Changes(county.Profile, after);
        var writes = new List<RowWrite>();
        foreach (var field in declared)
        {
            var item = DeclaredFigures.QueueItem(after, field, actor, now);
            writes.Add(AuditRow(item, EvidenceAction.Declared, actor, now, null));
            writes.Add(CountyEvidenceRows.Enqueue(county.Adcode, item));
        }

        foreach (var field in settled) writes.Add(CountyEvidenceRows.Dequeue(county.Adcode, DeclaredFigures.IdOf(field)));
        // Every other set is audited too: a coordinator's value (in force at once) or the county's withdrawal of its declaration.
        foreach (var (field, action) in DeclaredFigures.Sets(county.Profile, after, editor))
            writes.Add(AuditRow(DeclaredFigures.IdOf(field), DeclaredFigures.SetStatement(county.Profile, after, field), action, actor, now, null));
        return writes;
    }

    private async Task<CommandResult<County>> ReviewFigure(County county, string field, (bool Verified, string? Note) review, string actor)
    {
        var now = time.GetUtcNow();
        if (!CommandResult<County>.TryValidate(() => DeclaredFigures.Review(county.Profile, field, review.Verified, new FigureCheck(actor, now, review.Note)), out var after, out var invalid))
            return invalid;
        if (after is null)
            return CommandResult<County>.Conflict($"{county.Reference.Name}的“{field}”没有待核实的自报值。", county);
        if (!review.Verified && ReferenceEquals(Standing(county.Profile, field), null) && field != "landPriceFloor")
            return CommandResult<County>.Conflict("该数值没有此前核定的值可恢复；请由协调员直接设定。", county);
        if (after.EnergyQuotaTce.InForce < state.State.Energy.Total)
            return CommandResult<County>.Conflict($"已为获统筹项目预留 {state.State.Energy.Total:#,0.#} 吨标准煤/年，不能按 {after.EnergyQuotaTce.InForce:#,0.#} 生效（energyQuotaTce）；请由协调员直接设定能耗指标。", county);

        var item = DeclaredFigures.QueueItem(county.Profile, field, county.UpdatedBy, now);
        var writes = new List<RowWrite>
        {
            AuditRow(item, review.Verified ? EvidenceAction.Verified : EvidenceAction.Rejected, actor, now, review.Note),
            CountyEvidenceRows.Dequeue(county.Adcode, DeclaredFigures.IdOf(field)),
        };
        return await SaveWithRows(county with { Profile = after, Version = county.Version + 1, UpdatedAt = now, UpdatedBy = actor }, writes);
    }

    private static object? Standing(CountyProfile profile, string field) => field switch
    {
        "landQuotaMu" => profile.LandQuotaMu.Before,
        "energyQuotaTce" => profile.EnergyQuotaTce.Before,
        "landPriceFloor" => profile.LandPriceFloor?.Before,
        "fiscallyDirect" => profile.FiscallyDirect.Before,
        _ => profile.OldRevolutionaryBase.Before,
    };

    /// <summary>Stores the county and the rows it owes in one state write (<see cref="OwedRows"/>), then sends the rows and rematches.</summary>
    private async Task<CommandResult<County>> SaveWithRows(County next, List<RowWrite> writes)
    {
        var previous = state.State.County;
        var previousOwed = state.State.ChangeOwed;
        await state.StoreWithRows(() => (state.State.County, state.State.ChangeOwed) = (next, OwingChange(next)), () => (state.State.County, state.State.ChangeOwed) = (previous, previousOwed), writes);
        await SendEvidenceRows();
        await Rematch(next);
        await SendChangeOwed();
        return CommandResult<County>.Ok(next);
    }
}
