using Matching.Contracts;
using Matching.Contracts.Persistence;
using Matching.Domain.Counties;
using Matching.Domain.Evidence;

namespace Matching.Grains.Counties;

/// <summary>Platform outcomes as evidence: a confirmed 签约 becomes a verified item of the landing county.</summary>
public sealed partial class CountyGrain
{
    public async Task<CommandResult<County>> RecordLanding(LandingOutcome outcome)
    {
        if (state.State.County is not { } county)
            return CommandResult<County>.NotFound($"县级行政区 {this.GetPrimaryKeyString()} 不存在。");
        var subject = LandingOutcome.SubjectOf(outcome.ProjectId);
        // Once per project: a retried call, or a second confirmed signing of the same project, adds nothing.
        if (county.DeclaredItems.Any(d => d.Item.Subject == subject)) return CommandResult<County>.Ok(county);

        var now = time.GetUtcNow();
        var recorded = new DeclaredEvidence(NextEvidenceId(), outcome.ToItem(), EvidenceStatus.Verified, ProjectPlatformActor, now,
            new EvidenceReview(outcome.ConfirmedBy, outcome.ConfirmedAt, $"签约已确认（项目 {outcome.ProjectId}）"));
        var writes = new List<RowWrite> { AuditRow(recorded, EvidenceAction.Recorded, outcome.ConfirmedBy, now, recorded.Review!.Note) };

        // The row keeps the newest landings only (bounded); what leaves it stays in the audit trail.
        var landings = county.DeclaredItems.Where(IsLanding).ToArray();
        var dropped = landings.Length >= LandingOutcome.MaxPerCounty
            ? landings.OrderBy(d => d.DeclaredAt).Take(landings.Length - LandingOutcome.MaxPerCounty + 1).Select(d => d.Id).ToHashSet()
            : [];
        var kept = county.DeclaredItems.Where(d => !dropped.Contains(d.Id)).ToArray();
        if (kept.Length >= DeclaredEvidence.MaxPerCounty)
            return CommandResult<County>.Conflict($"本县已有 {DeclaredEvidence.MaxPerCounty} 条证据，已达上限，签约记录未能写入。", county);
        return await SaveEvidence(county, [.. kept, recorded], ProjectPlatformActor, now, writes);
    }

    /// <summary>Who the platform's own evidence items are declared by.</summary>
    internal const string ProjectPlatformActor = "platform";

    private static bool IsLanding(DeclaredEvidence item) => item.Item.Subject?.StartsWith("landing:", StringComparison.Ordinal) == true;
}
