using Microsoft.AspNetCore.Http.HttpResults;
using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Host.Auth;
using Matching.Host.Documents;

namespace Matching.Host.Apis;

/// <summary>A county and its share, named.</summary>
public sealed record NamedShare(string County, string CountyName, decimal Percent);

/// <summary>A reservation or release in a preview, with the holder named (a park, a county).</summary>
public sealed record QuotaChangeResponse(QuotaKind Quota, string Holder, string HolderName, decimal Amount, decimal AvailableBefore, decimal AvailableAfter);

/// <summary>What a decision would do, without doing it (the coordinator's confirmation step).</summary>
public sealed record DecisionPreviewResponse(
    DecisionKind Kind, string KindName, bool IsRevision, ProjectStatus StatusAfter, string StatusAfterName, string? County, string? CountyName,
    string? ParkId, string? ParkName, IReadOnlyList<NamedShare> Shares, int? Years, string Reason,
    IReadOnlyList<QuotaChangeResponse> Reserve, IReadOnlyList<QuotaChangeResponse> Release, IReadOnlyList<NamedShare> NotChosen, IReadOnlyList<string> Refusals);

/// <summary>
/// A project's outcome as the caller may see it: the last decision (winners, shares, park, reason, who
/// and when) and, for a county that bid, whether it was chosen. <c>you</c> is <c>chosen</c>, <c>notChosen</c> or null.
/// </summary>
public sealed record OutcomeResponse(
    bool Decided, DecisionKind? Kind, string? KindName, bool IsRevision, ProjectStatus Status, string StatusName, string? County, string? CountyName,
    string? ParkId, string? ParkName, IReadOnlyList<NamedShare> Shares, int? Years, string? Reason, string? DecidedBy, DateTimeOffset? DecidedAt,
    string? You, string? Message)
{
    /// <summary>Who decided, as people read it (a role or a county, not an account id).</summary>
    public string? DecidedByName { get; init; }
}

/// <summary>
/// Decisions people can act on: a preview of exactly what a decision would do, revising a standing
/// award or co-build with a reason, and the outcome banner's data. Separate from <see cref="DecisionsApi"/>
/// so that the two change independently.
/// </summary>
internal static class DecisionRevisionsApi
{
    public static RouteGroupBuilder MapDecisionRevisionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{id:guid}/decision/preview", Preview).WithTags("Decisions").WithName("PreviewDecision")
            .WithSummary("What the decision (revise=true: the revision) would do, without writing: who, park, shares, status after, quotas reserved and released with availability, bidders not chosen, refusals.");
        api.MapPost("/projects/{id:guid}/decision/revision", Revise).WithTags("Decisions").WithName("ReviseDecision")
            .WithSummary("A coordinator revises the standing award or co-build (kind award/cobuild, a reason, expectedVersion): the new park's land and counties' energy are reserved, the old ones released. To reopen, decide kind=reopen.");
        api.MapGet("/projects/{id:guid}/outcome", Outcome).WithTags("Decisions").WithName("GetProjectOutcome")
            .WithSummary("The outcome banner: the last decision (winners, shares, park, reason, who, when), and for a county that bid whether it was chosen (未被选中).");
        return api;
    }

    private static async Task<Results<Ok<DecisionPreviewResponse>, ForbiddenProblem, Rejection>> Preview(Guid id, DecisionInput input, bool? revise, IGrainFactory grains, Province province, HttpContext http)
    {
        // Whoever may make the decision may preview it: a prefecture coordinator the contests routed to it, among its counties.
        if (revise == true ? !AccessRules.CanDecide(http.Actor()) : await RoutingApi.DecisionRefusal(grains, province, id, input, http.Actor()) is not null)
            return revise == true ? Access.Forbidden("只有统筹协调员可以修改决定。") : (await RoutingApi.DecisionRefusal(grains, province, id, input, http.Actor()))!;
        var result = await grains.GetGrain<IProjectGrain>(id).Preview(input, revise == true);
        if (!result.IsOk) return Http.Rejection(result);
        var e = result.Value!;
        var terms = e.Terms;
        QuotaChangeResponse Named(QuotaChange c) => new(c.Quota, c.Holder,
            c.Quota == QuotaKind.Land ? province.FindPark(c.Holder)?.Name ?? c.Holder : province.Label(c.Holder)!, c.Amount, c.AvailableBefore, c.AvailableAfter);
        return TypedResults.Ok(new DecisionPreviewResponse(terms.Kind, DecisionLetter.Label(terms.Kind), e.IsRevision, e.StatusAfter, ProjectLifecycle.Label(e.StatusAfter),
            terms.County, province.Label(terms.County), terms.ParkId, province.FindPark(terms.ParkId)?.Name, Shares(terms, province), terms.Years, terms.Reason,
            [.. e.Reserve.Select(Named)], [.. e.Release.Select(Named)], [.. e.NotChosen.Select(c => new NamedShare(c, province.Label(c)!, 0))], e.Refusals));
    }

    private static async Task<Results<Ok<ProjectResponse>, ForbiddenProblem, Rejection>> Revise(Guid id, DecisionInput input, IGrainFactory grains, Province province, HttpContext http)
    {
        var actor = http.Actor();
        if (!AccessRules.CanDecide(actor)) return Access.Forbidden("只有统筹协调员可以修改决定。");
        var result = await grains.GetGrain<IProjectGrain>(id).Revise(input, actor.UserName);
        Telemetry.MatchingTelemetry.Decisions.Add(1, new("kind", "revision"), new("outcome", result.IsOk ? "decided" : result.Status.ToString().ToLowerInvariant()));
        return result.IsOk ? TypedResults.Ok(ProjectsApi.ToResponse(result.Value!, province, revealInvestor: true)) : Http.Rejection(result);
    }

    private static async Task<Results<Ok<OutcomeResponse>, NotFoundProblem>> Outcome(Guid id, IGrainFactory grains, Province province, HttpContext http)
    {
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        var grain = grains.GetGrain<IProjectGrain>(id);
        var status = project!.Status;
        if (await grain.GetLastDecision() is not { } decision)
            return TypedResults.Ok(new OutcomeResponse(false, null, null, false, status, ProjectLifecycle.Label(status), null, null, null, null, [], null, null, null, null, null, null));

        var terms = decision.Terms;
        string? you = null, message = null;
        if (actor.County is { } county && (project.Bidders.Contains(county) || Receives(terms, county)))
        {
            var chosen = Receives(terms, county);
            you = chosen ? "chosen" : terms.Kind is DecisionKind.Reopen ? null : "notChosen";
            message = chosen
                ? terms.Kind == DecisionKind.CoBuild ? $"本县参与共建，份额 {terms.Shares.First(s => s.County == county).Percent}%。" : "本县被选中承接该项目。"
                : you is null ? null : "本县未被选中。";
        }

        return TypedResults.Ok(new OutcomeResponse(true, terms.Kind, DecisionLetter.Label(terms.Kind), decision.IsRevision, status, ProjectLifecycle.Label(status),
            terms.County, province.Label(terms.County), terms.ParkId, province.FindPark(terms.ParkId)?.Name, Shares(terms, province), terms.Years, terms.Reason,
            decision.DecidedBy, decision.DecidedAt, you, message) { DecidedByName = PeopleNames.Of(decision.DecidedBy, province) });
    }

    private static bool Receives(DecisionTerms terms, string county) => terms.Kind switch
    {
        DecisionKind.Award or DecisionKind.Refer => terms.County == county,
        DecisionKind.CoBuild => terms.Shares.Any(s => s.County == county),
        _ => false,
    };

    private static NamedShare[] Shares(DecisionTerms terms, Province province) =>
        [.. terms.Shares.Select(s => new NamedShare(s.County, province.Label(s.County)!, s.Percent))];
}
