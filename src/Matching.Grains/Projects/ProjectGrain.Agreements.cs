using Matching.Domain.Decisions;
using Matching.Grains.Agreements;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching.Grains.Projects;

/// <summary>
/// A recorded decision's effect on the project's benefit-sharing agreement: a co-build (or a joint
/// bid's award, decided as one) drafts it with the decision's parties and shares; a revision that
/// changes the parties supersedes it. The agreement lives in the row store, not in this grain's state.
/// </summary>
public sealed partial class ProjectGrain
{
    private async Task FollowAgreement(Decision decision, Decision? previous)
    {
        var project = state.State.Project!;
        try
        {
            await ServiceProvider.GetRequiredService<AgreementBook>().FollowAsync(decision, previous, (project.Id, project.Details.Title));
        }
        catch (Exception e)
        {
            // The decision stands; reading the agreement brings it in line (the API follows the decision in force again).
            LogAgreementFailed(e, project.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drafting or superseding the agreement of project {ProjectId} after its decision failed; reading the agreement repairs it")]
    private partial void LogAgreementFailed(Exception error, Guid projectId);
}
