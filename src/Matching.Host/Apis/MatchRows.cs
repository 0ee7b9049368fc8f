using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Geography;
using Matching.Engine;
using Matching.Host.Auth;
using Matching.Host.Lists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A county that fits a project, as a table row.</summary>
/// <param name="Rank">Its place among every fitting county (1 = best), whatever the table's order.</param>
/// <param name="County">Adcode.</param>
/// <param name="CountyName">Named with its prefecture where two could be confused.</param>
/// <param name="Prefecture">The prefecture city.</param>
/// <param name="Score">契合度, out of 100.</param>
/// <param name="Park">The park the match would use.</param>
/// <param name="HasBid">Whether the county has a live bid on the project.</param>
/// <remarks>The reasons behind a score are in <c>GET /matches</c>; a table of every county leaves them out to stay cheap.</remarks>
public sealed record MatchRow(int Rank, string County, string CountyName, string Prefecture, double Score, MatchPark? Park, bool HasBid);

/// <summary>The project's matches as a sortable, filterable, paged and exportable table.</summary>
internal static class MatchRows
{
    public static readonly ListShape<MatchRow> Shape = new("匹配县区",
    [
        new("rank", "排名", r => r.Rank),
        new("county", "县（市、区）", r => r.County, r => r.CountyName),
        new("prefecture", "地级市", r => r.Prefecture),
        new("score", "契合度（满分 100）", r => Math.Round(r.Score, 1)),
        new("park", "推荐园区", r => r.Park?.Name),
        new("parkLandMu", "园区可用土地（亩）", r => r.Park?.AvailableLandMu),
        new("bid", "已表达意向", r => r.HasBid),
    ], "rank", false,
        r => [r.CountyName, r.Prefecture, r.Park?.Name]);

    public static RouteGroupBuilder MapMatchRows(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{id:guid}/matches/rows", List).WithTags("Matching").WithName("ListProjectMatchRows")
            .WithSummary("The counties fitting a project as table rows (rank, county, prefecture, score out of 100, park, its free land, bid): sort/order, q, prefecture, skip/take (total in X-Total-Count), format=xlsx.");
        return api;
    }

    private static async Task<Results<ListPage<MatchRow>, ValidationProblem, NotFoundProblem, ForbiddenProblem>> List(
        Guid id, [AsParameters] ListQuery list, string? prefecture, IGrainFactory grains, ProjectMatcher matcher, Province province, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = ListResults.Validate(list, Shape);
        if (!string.IsNullOrEmpty(prefecture) && province.Prefectures.All(p => p.Adcode != prefecture))
            errors["prefecture"] = [$"“{prefecture}”不是山东省地级市代码。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "列表参数无效");
        var actor = http.Actor();
        var (project, denied) = await Access.Visible(grains, id, actor);
        if (denied is not null) return denied;
        if (!AccessRules.CanSeeWorking(actor, project!)) return Access.Forbidden("全部县区的匹配结果仅对发布专员和统筹协调员可见。");

        var result = await matcher.MatchAsync(project!.Details, ListQuery.MaxTake, explain: false, cancellationToken: cancellationToken);
        var bidders = (await grains.GetGrain<IProjectGrain>(id).GetBids()).Select(b => b.Bid.County).ToHashSet(StringComparer.Ordinal);
        var rows = result.Matches.Select((m, i) => new MatchRow(
                i + 1, m.Adcode, province.Label(m.Adcode) ?? m.CountyName, province.FindCounty(m.Adcode)?.PrefectureName ?? string.Empty, m.Score,
                m.BestPark is { } park ? new MatchPark(park.Id, park.Reference.Name, park.Reference.Level, park.Profile.AvailableLandMu.InForce) : null,
                bidders.Contains(m.Adcode)))
            .Where(r => string.IsNullOrEmpty(prefecture) || province.FindCounty(r.County)?.PrefectureAdcode == prefecture);
        return ListResults.Respond(http, list, Shape, rows);
    }
}
