using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Host.Auth;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Projects;
using Matching.Search;
using Matching.Host.Lists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A quota with its use by project.</summary>
public sealed record QuotaResponse(decimal Capacity, decimal Reserved, decimal Available, IReadOnlyDictionary<Guid, decimal> ByProject);

/// <summary>A park's land quota.</summary>
public sealed record ParkQuotaResponse(string ParkId, string Name, decimal Capacity, decimal Reserved, decimal Available, IReadOnlyDictionary<Guid, decimal> ByProject);

/// <summary>A county's quotas: energy at the county, land at each of its parks.</summary>
public sealed record CountyQuotaResponse(string County, string CountyName, QuotaResponse EnergyTce, IReadOnlyList<ParkQuotaResponse> LandMu);

/// <summary>A bid as the contest board shows it: with the county's fit score and the bid's flags.</summary>
public sealed record ContestBid(BidResponse Bid, double? Score);

/// <summary>A contested project with its bids side by side.</summary>
public sealed record ContestResponse(ProjectCard Project, long Version, IReadOnlyList<ContestBid> Bids, RouteResponse? Route = null);

internal static class DecisionsApi
{
    public static RouteGroupBuilder MapDecisionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{id:guid}/decision", Decide).WithTags("Decisions").WithName("Decide")
            .WithSummary("A coordinator decides: award, cobuild (shares summing to 100), refer, reopen or reject, on expectedVersion (stale: 409).");
        api.MapGet("/projects/{id:guid}/decisions", Decisions).WithTags("Decisions").WithName("ListDecisions");
        api.MapGet("/counties/{adcode}/quota", Quota).WithTags("Decisions").WithName("GetCountyQuota")
            .WithSummary("Energy quota at the county and land at each of its parks: capacity, reserved, by project.");
        api.MapGet("/contests", Contests).WithTags("Decisions").WithName("ListContests")
            .WithSummary("Contested projects with their bids side by side, fit scores and flags. sort/order, q, skip/take (total in X-Total-Count), format=xlsx.");
        return api;
    }

    private static async Task<Results<Ok<ProjectResponse>, ForbiddenProblem, Rejection>> Decide(Guid id, DecisionInput input, IGrainFactory grains, Province province, HttpContext http)
    {
        var actor = http.Actor();
        input = await JointBidsApi.AsCoBuild(grains, id, input);
        if (await RoutingApi.DecisionRefusal(grains, province, id, input, actor) is { } refused) return refused;
        var result = await grains.GetGrain<IProjectGrain>(id).Decide(input, actor.UserName);
        Telemetry.MatchingTelemetry.Decisions.Add(1, new("kind", input.Kind?.ToString().ToLowerInvariant() ?? "none"), new("outcome", result.IsOk ? "decided" : result.Status.ToString().ToLowerInvariant()));
        return result.IsOk ? TypedResults.Ok(ProjectsApi.ToResponse(result.Value!, province, revealInvestor: true)) : Http.Rejection(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<Decision>>, NotFoundProblem>> Decisions(Guid id, IGrainFactory grains, HttpContext http)
    {
        var (_, denied) = await Access.Visible(grains, id, http.Actor());
        if (denied is not null) return denied;
        return TypedResults.Ok(await grains.GetGrain<IProjectGrain>(id).GetDecisions());
    }

    private static async Task<Results<Ok<CountyQuotaResponse>, NotFoundProblem, ForbiddenProblem>> Quota(string adcode, Province province, IGrainFactory grains, HttpContext http)
    {
        if (province.FindCounty(adcode) is not { } county) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        if (!AccessRules.CanSeeCountyWork(http.Actor(), adcode)) return Access.Forbidden("只能查看本县（市、区）的指标。");
        var energy = await grains.GetGrain<ICountyGrain>(adcode).GetEnergyQuota();
        var parks = province.ParksIn(adcode).ToArray();
        var land = await Task.WhenAll(parks.Select(p => grains.GetGrain<IParkGrain>(p.Id).GetLandQuota()));
        return TypedResults.Ok(new CountyQuotaResponse(adcode, county.Name, View(energy),
            parks.Zip(land).Select(x => new ParkQuotaResponse(x.First.Id, x.First.Name, x.Second.Capacity, x.Second.Reserved, x.Second.Available, x.Second.ByProject)).ToArray()));
    }

    private static async Task<Results<ListPage<ContestResponse>, ForbiddenProblem, ValidationProblem>> Contests([AsParameters] ListQuery list, ISearchEngine search, Province province, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = http.Actor();
        if (!AccessRules.CanSeeContestBoard(actor)) return Access.Forbidden("竞争项目看板仅对统筹协调员可见。");
        if (ListResults.Validate(list, ContestRows.Shape) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "列表参数无效");
        // The index's contest projection answers the board (written with every change of a contested project),
        // its most recently changed Paging.ListWindow contests, as every list sorted on the host reads; a
        // prefecture coordinator's board is filtered there to the contests concerning its counties. Sorted and
        // filtered on the hits; only the page shown is built into rows with their bids.
        var page = await search.ReadContestsAsync(new ContestQuery(Prefecture: actor.SeesEverything ? null : actor.Prefecture, Take: Paging.ListWindow), cancellationToken);
        var contests = page.Hits
            // A county that is only a joint bid's partner concerns its prefecture as much as a bidder does.
            .Where(hit => AccessRules.ConcernsContest(actor, hit.Contest.FirstContactCounty, hit.Contest.Parties));
        return ListResults.Respond(http, list, ContestHitRows.Shape(actor, province), ContestRows.Shape, contests, hit => ContestBoard.Row(hit, actor, province));
    }

    private static QuotaResponse View(QuotaView quota) => new(quota.Capacity, quota.Reserved, quota.Available, quota.ByProject);
}
