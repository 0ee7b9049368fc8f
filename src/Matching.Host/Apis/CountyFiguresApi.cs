using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Engine;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>The figures and flags of a county a coordinator sets directly; omitted fields keep their value.</summary>
/// <param name="LandQuotaMu">Remaining land quota, 亩.</param>
/// <param name="EnergyQuotaTce">Remaining energy quota, 吨标准煤/年 (never below what is reserved).</param>
/// <param name="FiscallyDirect">省财政直管县.</param>
/// <param name="OldRevolutionaryBase">革命老区.</param>
/// <param name="LandPriceFloor">Industrial land-price floor, 万元/亩.</param>
public sealed record CountyFiguresInput(decimal? LandQuotaMu = null, decimal? EnergyQuotaTce = null, bool? FiscallyDirect = null, bool? OldRevolutionaryBase = null, decimal? LandPriceFloor = null);

/// <summary>
/// A coordinator's direct setting of a county's figures (<c>PUT /api/counties/{adcode}/figures</c>): in force at once, superseding
/// any pending declaration of the same field, and audited like the county's own declarations (who, when, before → after).
/// </summary>
internal static class CountyFiguresApi
{
    public static RouteGroupBuilder MapCountyFiguresApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/counties").WithTags("Counties")
            .MapPut("/{adcode}/figures", Set).WithName("SetCountyFigures")
            .WithSummary("Coordinator: set a county's quotas, land-price floor or flags directly, in force at once (a pending declaration of the field is superseded); each field set is audited. Optional If-Match: \"version\".");
        return api;
    }

    private static async Task<Results<Ok<CountyResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> Set(string adcode, CountyFiguresInput? input, Province province, IGrainFactory grains, FitModel model, CandidateRegistry registry, HttpContext http)
    {
        if (!province.HasCounty(adcode)) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        var actor = http.Actor();
        if (!actor.IsCoordinator) return Access.Forbidden("只有省级统筹协调员可以直接设定县级数值；县（市、区）请在本县资料中申报。");
        if (!http.Request.TryGetExpectedVersion(out var expected)) return Http.BadIfMatch();

        var figures = input ?? new CountyFiguresInput();
        var edit = new CountyProfileInput(LandQuotaMu: figures.LandQuotaMu, EnergyQuotaTce: figures.EnergyQuotaTce, FiscallyDirect: figures.FiscallyDirect,
            OldRevolutionaryBase: figures.OldRevolutionaryBase, LandPriceFloor: figures.LandPriceFloor);
        var result = await grains.GetGrain<ICountyGrain>(adcode).UpdateProfile(edit, actor.UserName, FigureSource.Coordinator, expected);
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Ok(await CountiesApi.ToResponse(result.Value, province, grains, model, registry.Snapshot.AsOfYear));
    }
}
