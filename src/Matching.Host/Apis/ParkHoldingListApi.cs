using Matching.Contracts;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Host.Auth;
using Matching.Host.Lists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A park of the holding list (no known county) as a table row.</summary>
/// <param name="Id">The park's id (its page is <c>#/parks/{id}</c>).</param>
/// <param name="Name">The catalogue name.</param>
/// <param name="Level">national, provincial or other.</param>
/// <param name="LevelName">国家级, 省级 or 其他.</param>
/// <param name="Type">The catalogue's type (经济技术开发区, 高新区, …).</param>
/// <param name="Prefecture">The prefecture city the catalogue names.</param>
/// <param name="MainIndustries">主导产业 as the catalogue writes them.</param>
/// <param name="AvailableLandMu">Available land as recorded, 亩.</param>
/// <param name="LandSelfDeclared">Whether that value awaits a coordinator's verification.</param>
/// <param name="Version">The park's version.</param>
public sealed record HoldingParkRow(
    string Id, string Name, ParkLevel Level, string LevelName, string Type, string Prefecture, string MainIndustries,
    decimal AvailableLandMu, bool LandSelfDeclared, long Version);

/// <summary>
/// The holding list as a host-sorted, filtered and paged table (<c>GET /api/parks/holding</c>): the parks the catalogue
/// names without a county, which matching cannot place, for coordinators to work through.
/// </summary>
internal static class ParkHoldingListApi
{
    public static readonly ListShape<HoldingParkRow> Shape = new("待落位园区",
    [
        new("name", "园区", r => r.Name),
        new("level", "级别", r => r.Level, r => r.LevelName),
        new("type", "类型", r => r.Type),
        new("prefecture", "地级市", r => r.Prefecture),
        new("mainIndustries", "主导产业", r => r.MainIndustries),
        new("availableLandMu", "可用土地（亩）", r => r.AvailableLandMu),
    ], "prefecture", false,
        r => [r.Name, r.Prefecture, r.Type, r.MainIndustries]);

    public static RouteGroupBuilder MapParkHoldingList(this RouteGroupBuilder parks)
    {
        parks.MapGet("/holding", List).WithName("ParkHoldingList")
            .WithSummary("Coordinators: the holding list, parks without a known county, as a table: q, sort (name, level, type, prefecture, mainIndustries, availableLandMu)/order, skip/take (total in X-Total-Count), format=xlsx.");
        return parks;
    }

    private static async Task<Results<ListPage<HoldingParkRow>, ForbiddenProblem>> List([AsParameters] ListQuery list, Province province, IGrainFactory grains, HttpContext http)
    {
        if (!http.Actor().SeesEverything) return Access.Forbidden("只有省级统筹协调员可以查看待落位园区。");
        var references = province.UnplacedParks.ToArray();
        var parks = await Task.WhenAll(references.Select(p => grains.GetGrain<IParkGrain>(p.Id).Get()));
        // A park a coordinator has placed into a county has left the list.
        var rows = parks.OfType<Park>().Where(p => p.Reference.CountyAdcode is null).Select(p => new HoldingParkRow(
            p.Id, p.Reference.Name, p.Reference.Level, LevelName(p.Reference.Level), p.Reference.Type, p.Reference.PrefectureName,
            p.Reference.MainIndustriesText, p.Profile.AvailableLandMu.Value, p.Profile.AvailableLandMu.SelfDeclared, p.Version));
        return ListResults.Respond(http, list, Shape, rows);
    }

    private static string LevelName(ParkLevel level) => level switch
    {
        ParkLevel.National => "国家级",
        ParkLevel.Provincial => "省级",
        _ => "其他",
    };
}
