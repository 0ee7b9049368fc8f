using Matching.Contracts;
using Matching.Domain.Decisions;
using Matching.Domain.Evidence;
using Matching.Domain.Landing;
using Matching.Domain.Projects;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Projects;

/// <summary>Learning from outcomes: a confirmed 签约 becomes verified evidence of the landing county.</summary>
public sealed partial class ProjectGrain
{
    /// <summary>
    /// After a confirmed signing is stored: tells the landing (lead) county's grain, which records it once per
    /// project. A failure is logged and leaves the landing as stored; confirming the signing again records it.
    /// </summary>
    private async Task RecordLandingEvidence(Project project, Decision decision, LandingReport report)
    {
        if (report.Stage != LandingStage.Signed || report.Status != LandingReportStatus.Confirmed) return;
        var outcome = new LandingOutcome(project.Id, project.Details.Title, project.Details.IndustryCode, report.Figures.ContractNumber,
            report.Figures.Amount, report.Figures.Date, report.ReviewedBy ?? SystemActor, report.ReviewedAt ?? project.UpdatedAt);
        try
        {
            var recorded = await GrainFactory.GetGrain<ICountyGrain>(decision.Terms.County!).RecordLanding(outcome);
            if (!recorded.IsOk) LogLandingEvidenceRefused(project.Id, decision.Terms.County!, recorded.Detail);
        }
        catch (Exception e)
        {
            LogLandingEvidenceFailed(e, project.Id, decision.Terms.County!);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: the confirmed signing was not recorded as evidence of county {Adcode}")]
    private partial void LogLandingEvidenceFailed(Exception error, Guid projectId, string adcode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: county {Adcode} refused the signing as evidence: {Detail}")]
    private partial void LogLandingEvidenceRefused(Guid projectId, string adcode, string? detail);
}
