using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Grains.Persistence;

namespace Matching.Grains.Counties;

/// <summary>Declared evidence: what a county says about its industries, reviewed by coordinators, with an audit trail in rows.</summary>
public sealed partial class CountyGrain
{
    public async Task<CommandResult<County>> DeclareEvidence(EvidenceDeclarationInput input, string actor)
    {
        if (state.State.County is not { } county)
            return CommandResult<County>.NotFound($"县级行政区 {this.GetPrimaryKeyString()} 不存在。");
        var year = time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        if (!CommandResult<County>.TryValidate(() => input.ToItem(province.Industries, year), out var item, out var invalid))
            return invalid;
        if (county.DeclaredItems.Count >= DeclaredEvidence.MaxPerCounty)
            return CommandResult<County>.Conflict($"本县已有 {DeclaredEvidence.MaxPerCounty} 条申报证据，已达上限；请先整理企业名录或等待核实。", county);

        var now = time.GetUtcNow();
        var declared = new DeclaredEvidence(NextEvidenceId(), item, EvidenceStatus.SelfDeclared, actor, now);
        var writes = new List<RowWrite> { AuditRow(declared, EvidenceAction.Declared, actor, now, null), CountyEvidenceRows.Enqueue(county.Adcode, declared) };
        return await SaveEvidence(county, [.. county.DeclaredItems, declared], actor, now, writes);
    }

    public async Task<CommandResult<County>> ReviewEvidence(string itemId, EvidenceReviewInput input, string actor)
    {
        if (state.State.County is not { } county)
            return CommandResult<County>.NotFound($"县级行政区 {this.GetPrimaryKeyString()} 不存在。");
        if (!CommandResult<County>.TryValidate(input.Check, out var review, out var invalid))
            return invalid;
        if (itemId.StartsWith(DeclaredFigures.Prefix, StringComparison.Ordinal))
            return await ReviewFigure(county, itemId[DeclaredFigures.Prefix.Length..], review, actor);
        if (county.DeclaredItems.FirstOrDefault(d => d.Id == itemId) is not { } item)
            return CommandResult<County>.NotFound($"{county.Reference.Name}没有编号为“{itemId}”的申报证据。");
        if (item.Status != EvidenceStatus.SelfDeclared)
            return CommandResult<County>.Conflict(
                $"该证据已于 {item.Review?.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} 由 {item.Review?.By} {(item.Status == EvidenceStatus.Verified ? "核实" : "不予采信")}，不能再次审核。", county);

        var now = time.GetUtcNow();
        var reviewed = item with
        {
            Status = review.Verified ? EvidenceStatus.Verified : EvidenceStatus.Rejected,
            Review = new EvidenceReview(actor, now, review.Note),
        };
        var writes = new List<RowWrite>
        {
            AuditRow(reviewed, review.Verified ? EvidenceAction.Verified : EvidenceAction.Rejected, actor, now, review.Note),
            CountyEvidenceRows.Dequeue(county.Adcode, itemId),
        };
        return await SaveEvidence(county, [.. county.DeclaredItems.Select(d => d.Id == itemId ? reviewed : d)], actor, now, writes);
    }

    public async Task<CommandResult<County>> ReplaceRoster(IReadOnlyList<EvidenceItem> items, string actor)
    {
        if (state.State.County is not { } county)
            return CommandResult<County>.NotFound($"县级行政区 {this.GetPrimaryKeyString()} 不存在。");
        var kept = county.DeclaredItems.Where(d => d.Item.Kind != EvidenceKind.Roster).ToArray();
        if (kept.Length + items.Count > DeclaredEvidence.MaxPerCounty)
            return CommandResult<County>.Invalid(new Dictionary<string, string[]>
            {
                ["file"] = [$"名录涉及 {items.Count} 个行业，加上其他申报证据超过每县 {DeclaredEvidence.MaxPerCounty} 条的上限。"],
            });

        var now = time.GetUtcNow();
        var writes = new List<RowWrite>();
        // A new roster replaces the previous one whole: its classes are claims as of the new date, to be verified again.
        foreach (var old in county.DeclaredItems.Where(d => d.Item.Kind == EvidenceKind.Roster))
        {
            writes.Add(AuditRow(old, EvidenceAction.Replaced, actor, now, null));
            writes.Add(CountyEvidenceRows.Dequeue(county.Adcode, old.Id));
        }

        var added = items.Select(i => new DeclaredEvidence(NextEvidenceId(), i with { SelfDeclared = true, Verified = false }, EvidenceStatus.SelfDeclared, actor, now)).ToArray();
        foreach (var item in added)
        {
            writes.Add(AuditRow(item, EvidenceAction.Declared, actor, now, null));
            writes.Add(CountyEvidenceRows.Enqueue(county.Adcode, item));
        }

        return await SaveEvidence(county, [.. kept, .. added], actor, now, writes);
    }

    private string NextEvidenceId() => $"e{++state.State.EvidenceSequence}";

    private RowWrite AuditRow(DeclaredEvidence item, EvidenceAction action, string actor, DateTimeOffset at, string? note) =>
        AuditRow(item.Id, item.Item.Statement, action, actor, at, note);

    private RowWrite AuditRow(string itemId, string statement, EvidenceAction action, string actor, DateTimeOffset at, string? note) =>
        CountyEvidenceRows.Audit(this.GetPrimaryKeyString(), new EvidenceAuditEntry(++state.State.AuditSequence, itemId, action, actor, at, statement, note));

    /// <summary>Stores the county with its new declared items and the rows they owe (audit, queue), as <see cref="SaveWithRows"/>.</summary>
    private Task<CommandResult<County>> SaveEvidence(County county, IReadOnlyList<DeclaredEvidence> declared, string actor, DateTimeOffset now, List<RowWrite> writes) =>
        SaveWithRows(county with { Declared = declared, Version = county.Version + 1, UpdatedAt = now, UpdatedBy = actor }, writes);

    /// <summary>Sends the evidence audit and queue rows still owed (<see cref="OwedRows"/>).</summary>
    private Task SendEvidenceRows() => state.SendOwedRows(rows => evidenceRows.WriteAsync(rows), logger, $"County {this.GetPrimaryKeyString()}");
}
