using Matching.Contracts;
using Matching.Grains.Access;
using Matching.Domain.Access;
using Matching.Domain.Projects;

namespace Matching.Host.Apis;

/// <summary>
/// Object-level checks the endpoints share, over <see cref="AccessRules"/>. What a caller may not see
/// is answered 404 (its existence is not confirmed); what they see but may not do, 403.
/// </summary>
internal static partial class Access
{
    public static ForbiddenProblem Forbidden(string detail) => ForbiddenProblem.Of(detail);

    /// <summary>The project if the caller may see it; otherwise the 404 to answer.</summary>
    public static async Task<(Project? Project, NotFoundProblem? Denied)> Visible(IGrainFactory grains, Guid id, Actor actor)
    {
        var project = await grains.GetGrain<IProjectGrain>(id).Get();
        return project is not null && AccessRules.CanSee(actor, project)
            ? (project, null)
            : (null, NotFoundProblem.Of($"项目 {id} 不存在。"));
    }

    /// <summary>
    /// Whether the caller may see the project's investor; a county that may because it bid has the
    /// reveal audited (stored, and logged).
    /// </summary>
    public static async Task<bool> RevealInvestor(IGrainFactory grains, RevealAudit audit, Project project, Actor actor, TimeProvider time, ILogger logger)
    {
        if (actor.Role != Role.County) return AccessRules.CanSeeInvestor(actor, project, []);
        var grain = grains.GetGrain<IProjectGrain>(project.Id);
        var live = (await grain.GetBids()).Select(b => b.Bid.County);
        if (!AccessRules.CanSeeInvestor(actor, project, live, await grain.GetLastDecision())) return false;
        // A county sees the investor only because it bid: that is the reveal the audit is for.
        if (actor.Role == Role.County)
        {
            await audit.RecordAsync(project.Id, actor.UserName, time.GetUtcNow());
            LogReveal(logger, project.Id, actor.UserName);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Investor of project {ProjectId} revealed to {Actor}")]
    private static partial void LogReveal(ILogger logger, Guid projectId, string actor);
}
