using Microsoft.AspNetCore.Http.HttpResults;
using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Geography;
using Matching.Host.Auth;
using Matching.Host.Lists;

namespace Matching.Host.Apis;

/// <summary>
/// One quota as a table row: a county's energy (吨标准煤/年) or a park's land (亩), with its base, what
/// awards and co-builds have reserved, and what is left.
/// </summary>
/// <param name="Kind"><c>energy</c> or <c>land</c>.</param>
/// <param name="KindName">能耗指标 or 土地指标.</param>
/// <param name="County">The county's adcode.</param>
/// <param name="CountyName">The county, named with its prefecture where two could be confused.</param>
/// <param name="Prefecture">The prefecture city.</param>
/// <param name="ParkId">The park, for land.</param>
/// <param name="ParkName">The park's name, for land.</param>
/// <param name="Base">The quota's base (capacity).</param>
/// <param name="Reserved">Reserved by decided projects.</param>
/// <param name="Available">Base less reserved.</param>
/// <param name="Unit">亩 or 吨标准煤/年.</param>
/// <param name="Projects">How many projects hold a reservation.</param>
public sealed record QuotaRow(
    string Kind, string KindName, string County, string CountyName, string Prefecture, string? ParkId, string? ParkName,
    decimal Base, decimal Reserved, decimal Available, string Unit, int Projects);

internal static class QuotasApi
{
    public static readonly ListShape<QuotaRow> Shape = new("指标",
    [
        new("kind", "指标", r => r.KindName),
        new("county", "县（市、区）", r => r.County, r => r.CountyName),
        new("prefecture", "地级市", r => r.Prefecture),
        new("park", "园区", r => r.ParkName),
        new("base", "基准", r => r.Base),
        new("reserved", "已预留", r => r.Reserved),
        new("available", "可用", r => r.Available),
        new("unit", "单位", r => r.Unit),
        new("projects", "占用项目数", r => r.Projects),
    ], "county", false,
        r => [r.CountyName, r.Prefecture, r.ParkName, r.KindName]);

    public static RouteGroupBuilder MapQuotasApi(this RouteGroupBuilder api)
    {
        api.MapGet("/quotas", List).WithTags("Decisions").WithName("ListQuotas")
            .WithSummary("Every county's energy quota (tce/year) and every park's land quota (mu): base, reserved, available, unit. kind=energy|land, county, prefecture, q, sort/order, skip/take (total in X-Total-Count), format=xlsx. A county sees its own.");
        return api;
    }

    private static async Task<Results<ListPage<QuotaRow>, ValidationProblem, ForbiddenProblem>> List(
        [AsParameters] ListQuery list, string? kind, string? county, string? prefecture, Province province, IGrainFactory grains, HttpContext http)
    {
        var errors = ListResults.Validate(list, Shape);
        if (kind is not (null or "" or "energy" or "land")) errors["kind"] = ["须为 energy（能耗指标）或 land（土地指标）。"];
        if (!string.IsNullOrEmpty(county) && !province.HasCounty(county)) errors["county"] = [$"“{county}”不是山东省县级行政区代码。"];
        if (!string.IsNullOrEmpty(prefecture) && province.Prefectures.All(p => p.Adcode != prefecture))
            errors["prefecture"] = [$"“{prefecture}”不是山东省地级市代码。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "列表参数无效");

        var actor = http.Actor();
        // A county reads its own quotas; the province's staff read every county's.
        var counties = province.Counties.Where(c => AccessRules.CanSeeCountyWork(actor, c.Adcode) &&
            (string.IsNullOrEmpty(county) || c.Adcode == county) &&
            (string.IsNullOrEmpty(prefecture) || c.PrefectureAdcode == prefecture)).ToArray();
        if (counties.Length == 0 && actor.County is not null && !string.IsNullOrEmpty(county))
            return Access.Forbidden("只能查看本县（市、区）的指标。");

        var rows = new List<QuotaRow>();
        if (kind is null or "" or "energy")
        {
            var energy = await Task.WhenAll(counties.Select(c => grains.GetGrain<ICountyGrain>(c.Adcode).GetEnergyQuota()));
            rows.AddRange(counties.Zip(energy).Select(x => new QuotaRow("energy", "能耗指标", x.First.Adcode, province.Label(x.First.Adcode) ?? x.First.Name,
                x.First.PrefectureName, null, null, x.Second.Capacity, x.Second.Reserved, x.Second.Available, "吨标准煤/年", x.Second.ByProject.Count)));
        }

        if (kind is null or "" or "land")
        {
            var parks = counties.SelectMany(c => province.ParksIn(c.Adcode).Select(p => (County: c, Park: p)))
                .Concat(await PlacedParks(counties, province, grains)).ToArray();
            var land = await Task.WhenAll(parks.Select(p => grains.GetGrain<IParkGrain>(p.Park.Id).GetLandQuota()));
            rows.AddRange(parks.Zip(land).Select(x => new QuotaRow("land", "土地指标", x.First.County.Adcode, province.Label(x.First.County.Adcode) ?? x.First.County.Name,
                x.First.County.PrefectureName, x.First.Park.Id, x.First.Park.Name, x.Second.Capacity, x.Second.Reserved, x.Second.Available, "亩", x.Second.ByProject.Count)));
        }

        return ListResults.Respond(http, list, Shape, rows);
    }

    /// <summary>
    /// Holding-list parks (the catalogue names no county) a coordinator placed into one of <paramref name="counties"/>, under that
    /// county: the park grain holds the placement. A park still unplaced has no county and no row.
    /// </summary>
    private static async Task<IEnumerable<(Domain.Counties.CountyReference County, Domain.Parks.ParkReference Park)>> PlacedParks(
        IReadOnlyCollection<Domain.Counties.CountyReference> counties, Province province, IGrainFactory grains)
    {
        var wanted = counties.ToDictionary(c => c.Adcode);
        var parks = await Task.WhenAll(province.UnplacedParks.Select(p => grains.GetGrain<IParkGrain>(p.Id).Get()));
        return parks.Where(p => p?.Placed is not null && wanted.ContainsKey(p.Reference.CountyAdcode ?? ""))
            .Select(p => (wanted[p!.Reference.CountyAdcode!], p.Reference));
    }
}
