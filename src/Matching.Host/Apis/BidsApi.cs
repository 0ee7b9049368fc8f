using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Host.Auth;
using Matching.Domain.Compliance;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Grains.Registry;
using Matching.Host.Lists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A live bid (意向) as served.</summary>
public sealed record BidResponse(
    string County, string CountyName, string? ParkId, decimal LandMu, decimal EnergyTce, int DeliveryMonths, decimal? LandPrice,
    string Commitments, string Note, IReadOnlyList<string> LocalChainPartners,
    IReadOnlyList<ComplianceFlag> Flags, string RuleBookVersion, string PlacedBy, DateTimeOffset PlacedAt, string? PlacedByName = null, string? ParkName = null);

/// <summary>A project a county bid on: its public card, the county's live bid (null once withdrawn) and the latest decision.</summary>
public sealed record CountyBidResponse(ProjectResponse Project, BidResponse? Bid, Decision? Decision);

internal static class BidsApi
{
    public static RouteGroupBuilder MapBidsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{id:guid}/bids").WithTags("Bids");
        group.MapPost("/", Place).WithName("PlaceBid")
            .WithSummary("A county states interest with a non-monetary offer. Screened by the fair-competition rules (422 names each violated rule). Optional Idempotency-Key header (the caller's own, kept 24 h): a retry returns the first outcome; the same key with a different body is 422.");
        group.MapGet("/", List).WithName("ListBids").WithSummary("The project's live bids, with the flags that travel to the coordinator.");
        group.MapDelete("/{adcode}", Withdraw).WithName("WithdrawBid").WithSummary("A county withdraws its bid.");
        api.MapGet("/counties/{adcode}/bids", OfCounty).WithTags("Bids").WithName("ListCountyBids")
            .WithSummary("Every project the county has bid on, newest change first, with its bid (if live) and the latest decision. sort/order, q, status, skip/take (total in X-Total-Count), format=xlsx.");
        api.MapGet("/rules", Rules).WithTags("Bids").WithName("GetRules").WithSummary("The fair-competition rule set in force today.");
        return group;
    }

    private static async Task<Results<Created<BidResponse>, ValidationProblem, NotFoundProblem, ForbiddenProblem, Rejection>> Place(Guid id, BidInput input, IGrainFactory grains, Province province, HttpContext http)
    {
        if (!http.Request.TryIdempotencyKey(out var key, out var badKey)) return badKey!;

        var actor = http.Actor();
        if (actor.County is not { } own) return Access.Forbidden("只有县（市、区）账号可以表达意向。");
        var (_, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        // A county bids for itself: the body may leave the county out, but may not name another.
        if (string.IsNullOrWhiteSpace(input.County)) input = input with { County = own };
        else if (!AccessRules.CanBidFor(actor, input.County.Trim())) return Access.Forbidden("只能以本县（市、区）名义表达意向。");

        var result = await grains.GetGrain<IProjectGrain>(id).PlaceBid(input, actor.UserName, key);
        Telemetry.MatchingTelemetry.Bids.Add(1, new("outcome", result.IsOk ? "placed" : result.Status.ToString().ToLowerInvariant()), new("county", own));
        if (!result.IsOk) return Http.Rejection(result);
        var bid = result.Value!;
        return TypedResults.Created($"/api/projects/{id}/bids/{bid.Bid.County}", ToResponse(bid, province));
    }

    /// <summary>All live bids for those running the project; a county sees only its own until a decision is made.</summary>
    private static async Task<Results<Ok<BidResponse[]>, NotFoundProblem, ForbiddenProblem>> List(Guid id, IGrainFactory grains, Province province, HttpContext http)
    {
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        if (!AccessRules.CanListBids(actor, project!)) return Access.Forbidden("意向仅对发布专员、统筹协调员和表达意向的县可见。");
        var grain = grains.GetGrain<IProjectGrain>(id);
        var bids = await grain.GetBids();
        var latest = await grain.GetLastDecision();
        return TypedResults.Ok(bids.Where(b => AccessRules.CanSeeBid(actor, project!, b, latest)).Select(b => ToResponse(b, province)).ToArray());
    }

    private static async Task<Results<NoContent, NotFoundProblem, ForbiddenProblem, Rejection>> Withdraw(Guid id, string adcode, IGrainFactory grains, HttpContext http)
    {
        var actor = http.Actor();
        var (_, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        if (!AccessRules.CanBidFor(actor, adcode)) return Access.Forbidden("只能撤回本县（市、区）的意向。");
        var result = await grains.GetGrain<IProjectGrain>(id).WithdrawBid(adcode, actor.UserName);
        return result.IsOk ? TypedResults.NoContent() : Http.Rejection(result);
    }

    private static async Task<Results<ListPage<CountyBidResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem>> OfCounty(string adcode, [AsParameters] ListQuery list, IGrainFactory grains, ProjectLists lists, Province province, HttpContext http)
    {
        if (!province.HasCounty(adcode)) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        var actor = http.Actor();
        if (!AccessRules.CanSeeCountyWork(actor, adcode)) return Access.Forbidden("只能查看本县（市、区）的意向。");
        if (ListResults.Validate(list, CountyBidRows.Shape) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, title: "列表参数无效");
        var (ids, _) = await lists.ReadAsync(ProjectLists.BidOnBy(adcode), 0, Paging.ListWindow);
        var rows = await Task.WhenAll(ids.Select(async id =>
        {
            var grain = grains.GetGrain<IProjectGrain>(id);
            if (await grain.Get() is not { } project || !project.Bidders.Contains(adcode)) return null;
            var bid = (await grain.GetBids()).FirstOrDefault(b => b.Bid.County == adcode);
            var decision = await grain.GetLastDecision();
            // The same rule as the project's bids: an officer sees bids on the projects he posted only.
            var seen = bid is not null ? AccessRules.CanSeeBid(actor, project, bid, decision) : actor.IsCounty(adcode) || AccessRules.CanSeeWorking(actor, project);
            if (!seen) return null;
            // The card without the investor: a listing is not a reveal (opening the project is, and is audited).
            return new CountyBidResponse(ProjectsApi.ToResponse(project, province, revealInvestor: false), bid is null ? null : ToResponse(bid, province), decision);
        }));
        return ListResults.Respond(http, list, CountyBidRows.Shape, rows.OfType<CountyBidResponse>());
    }

    private static Ok<RuleBook> Rules(Firewall firewall, TimeProvider time) =>
        TypedResults.Ok(firewall.Book with { Rules = firewall.Book.InForce(time.Today()) });

    internal static BidResponse ToResponse(PlacedBid placed, Province province)
    {
        var b = placed.Bid;
        return new BidResponse(
            b.County, province.Label(b.County) ?? b.County, b.ParkId, b.LandMu, b.EnergyTce, b.DeliveryMonths, b.LandPrice,
            b.Commitments, b.Note, b.LocalChainPartners, placed.Flags, placed.RuleBookVersion, placed.PlacedBy, placed.PlacedAt, PeopleNames.Of(placed.PlacedBy, province),
            province.FindPark(b.ParkId)?.Name);
    }
}
