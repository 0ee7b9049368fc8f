using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Decisions;
using Matching.Domain.Escalation;
using Matching.Domain.Geography;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A contest's routing as served: who decides, by which rule, and the line every contest shows.</summary>
/// <param name="Level">prefecture or province.</param>
/// <param name="Prefecture">The deciding prefecture's adcode.</param>
/// <param name="PrefectureName">Its name.</param>
/// <param name="RuleId">The escalation rule that routed the contest.</param>
/// <param name="RulesVersion">The escalation rule set's version.</param>
/// <param name="Summary">由济宁市统筹；超过 10 亿元将上报省级.</param>
/// <param name="Since">When it was routed there.</param>
/// <param name="By">system, or the coordinator who took it over.</param>
/// <param name="EscalatedFrom">The prefecture it came from, if escalated.</param>
public sealed record RouteResponse(DecidingLevel Level, string? Prefecture, string? PrefectureName, string RuleId, string RulesVersion,
    string Summary, DateTimeOffset Since, string By, string? EscalatedFrom)
{
    internal static RouteResponse? Of(ContestRoute? route) => route is null ? null :
        new(route.Level, route.Prefecture, route.PrefectureName, route.RuleId, route.RulesVersion, route.Summary(), route.Since, route.By, route.EscalatedFrom);
}

/// <summary>A provincial coordinator's takeover of a contest.</summary>
/// <param name="Reason">Why (required).</param>
public sealed record TakeOverInput(string? Reason);

/// <summary>Contest routing: who decides a contest, the escalation rules, the province's takeover.</summary>
internal static class RoutingApi
{
    public static RouteGroupBuilder MapRoutingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{id:guid}/route", Route).WithTags("Decisions").WithName("GetContestRoute")
            .WithSummary("Who decides the project's contest (prefecture or province), by which escalation rule; 204 when it is not contested.");
        api.MapPost("/projects/{id:guid}/route/takeover", TakeOver).WithTags("Decisions").WithName("TakeOverContest")
            .WithSummary("A provincial coordinator takes a contest over from a prefecture (reason required); recorded in the history.");
        api.MapGet("/escalation-rules", (EscalationRuleBook rules) => TypedResults.Ok(rules)).WithTags("Decisions").WithName("GetEscalationRules")
            .WithSummary("The escalation rules as stored (seeds/rules/escalation.json), every period.");
        return api;
    }

    /// <summary>
    /// Why the caller may not decide the project, or null when it may: a provincial coordinator always may;
    /// a prefecture coordinator only a contest routed to its prefecture, and only for its own counties.
    /// </summary>
    public static async Task<ForbiddenProblem?> DecisionRefusal(IGrainFactory grains, Province province, Guid id, DecisionInput input, Actor actor)
    {
        if (actor.Role != Role.Prefecture)
            return AccessRules.CanDecide(actor) ? null : Access.Forbidden("只有统筹协调员可以作出决定。");
        var route = await grains.GetGrain<IProjectRouting>(id).GetRoute();
        var name = province.Prefectures.FirstOrDefault(p => p.Adcode == actor.Prefecture)?.Name ?? actor.Prefecture;
        if (!AccessRules.CanDecide(actor, route))
            return Access.Forbidden(route is null
                ? $"该项目当前没有交由{name}统筹的竞争。"
                : $"该竞争{route.Summary()}，{name}统筹协调员无权决定。");
        var named = new[] { input.County }.Concat(input.Shares?.Select(s => s.County) ?? []).OfType<string>();
        if (named.FirstOrDefault(c => !actor.CoordinatesCounty(c)) is { } outside)
            return Access.Forbidden($"{province.FindCounty(outside)?.Name ?? outside}不属于{name}，市级统筹只能在本市县（市、区）间决定。");
        return null;
    }

    private static async Task<Results<Ok<RouteResponse>, NoContent, NotFoundProblem>> Route(Guid id, IGrainFactory grains, HttpContext http)
    {
        var (_, denied) = await Access.Visible(grains, id, http.Actor());
        if (denied is not null) return denied;
        return RouteResponse.Of(await grains.GetGrain<IProjectRouting>(id).GetRoute()) is { } route ? TypedResults.Ok(route) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<RouteResponse>, ForbiddenProblem, Rejection>> TakeOver(Guid id, TakeOverInput input, IGrainFactory grains, HttpContext http)
    {
        var actor = http.Actor();
        if (!actor.IsCoordinator) return Access.Forbidden("只有省级统筹协调员可以接管竞争。");
        var result = await grains.GetGrain<IProjectRouting>(id).TakeOver(actor.UserName, input.Reason ?? "");
        return result.IsOk ? TypedResults.Ok(RouteResponse.Of(result.Value)!) : Http.Rejection(result);
    }
}
