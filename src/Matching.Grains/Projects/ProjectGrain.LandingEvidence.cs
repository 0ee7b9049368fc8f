using Matching.Contracts;
using Matching.Contracts.Landing;
using Matching.Domain.Decisions;
using Matching.Domain.Evidence;
using Matching.Domain.Landing;
using Matching.Domain.Projects;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Projects;

/// <summary>A confirmed signing the landing county has not yet recorded as evidence.</summary>
/// <param name="County">The landing (lead) county.</param>
/// <param name="Outcome">What it records.</param>
public sealed record OwedLandingEvidence(string County, LandingOutcome Outcome);

/// <summary>
/// Learning from outcomes: a confirmed 签约 becomes verified evidence of the landing county, through an outbox as
/// the projections: what the county is owed is stored with the confirmation, sent after it, and sent again by a
/// timer and on activation until the county has it (the county records one item per project, so a resend adds nothing).
/// </summary>
public sealed partial class ProjectGrain
{
    private IGrainTimer? _landingEvidenceRetry;

    /// <summary>
    /// Stores a landing review with the evidence it owes the landing county (a confirmed signing), then sends it.
    /// Should the write fail, nothing is owed; should the county be out of reach, the evidence stays owed.
    /// </summary>
    private async Task<CommandResult<LandingView>> SaveWithLandingEvidence(Project changed, Decision decision, LandingReport report, Func<Task<CommandResult<LandingView>>> save)
    {
        var before = state.State.LandingEvidenceOwed;
        if (report.Stage == LandingStage.Signed && report.Status == LandingReportStatus.Confirmed)
            state.State.LandingEvidenceOwed = new OwedLandingEvidence(decision.Terms.County!, new LandingOutcome(changed.Id, changed.Details.Title,
                changed.Details.IndustryCode, report.Figures.ContractNumber, report.Figures.Amount, report.Figures.Date,
                report.ReviewedBy ?? SystemActor, report.ReviewedAt ?? changed.UpdatedAt));
        CommandResult<LandingView> saved;
        try
        {
            saved = await save();
        }
        catch
        {
            state.State.LandingEvidenceOwed = before;
            throw;
        }

        if (!saved.IsOk) state.State.LandingEvidenceOwed = before;
        else await SendLandingEvidence();
        return saved;
    }

    /// <summary>Sends the owed landing evidence, if any; on failure a timer sends it again until it lands.</summary>
    private async Task SendLandingEvidence()
    {
        if (state.State.LandingEvidenceOwed is not { } owed) return;
        try
        {
            // Bounded, as the outbox of live events: a county on a silo that just died must not hold the project.
            var recorded = await GrainFactory.GetGrain<ICountyGrain>(owed.County).RecordLanding(owed.Outcome).WaitAsync(OutboxTimeout);
            // A refusal (an unknown county, a county at its evidence limit) is an answer, not an outage: logged, not retried.
            if (!recorded.IsOk) LogLandingEvidenceRefused(owed.Outcome.ProjectId, owed.County, recorded.Detail);
        }
        catch (Exception e)
        {
            LogLandingEvidenceOwed(e, owed.Outcome.ProjectId, owed.County);
            _landingEvidenceRetry ??= this.RegisterGrainTimer(RetryLandingEvidence, new GrainTimerCreationOptions(OutboxRetry, OutboxRetry) { Interleave = false });
            return;
        }

        if (!ReferenceEquals(state.State.LandingEvidenceOwed, owed)) return;
        state.State.LandingEvidenceOwed = null;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // Still owed in storage: sent again on the next activation, which the county answers with the item it holds.
            LogLandingEvidenceUnsettled(e, owed.Outcome.ProjectId);
        }
    }

    private async Task RetryLandingEvidence(CancellationToken cancellationToken)
    {
        await SendLandingEvidence();
        if (state.State.LandingEvidenceOwed is null && _landingEvidenceRetry is { } timer)
        {
            _landingEvidenceRetry = null;
            timer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: county {Adcode} could not be reached to record the confirmed signing as evidence; it stays owed and is sent again")]
    private partial void LogLandingEvidenceOwed(Exception error, Guid projectId, string adcode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: county {Adcode} refused the signing as evidence: {Detail}")]
    private partial void LogLandingEvidenceRefused(Guid projectId, string adcode, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Project {ProjectId}: the landing evidence was recorded but its settlement not stored; it is sent again on activation")]
    private partial void LogLandingEvidenceUnsettled(Exception error, Guid projectId);
}
