using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Host.Auth;
using Matching.Domain.Counties;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Domain.Fit;
using Matching.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A county and name pair.</summary>
public sealed record CountyRef(string Adcode, string Name);

/// <summary>A county in lists.</summary>
public sealed record CountySummary(
    string Adcode, string Name, CountyKind Kind, string PrefectureAdcode, string PrefectureName,
    EconomicCircle Circle, GeoPoint Seat, int ParkCount, IReadOnlyList<string> FeaturedIndustries, long Version);

/// <summary>A featured industry with its GB/T name and the evidence items (indexes into <see cref="CountyResponse.Evidence"/>) that share its division.</summary>
public sealed record FeaturedIndustryView(string Code, string Name, string Label, int Strength, FigureSource Source, IReadOnlyList<int>? Evidence = null);

/// <summary>A county's quotas.</summary>
/// <param name="LandMu">Land quota, 亩.</param>
/// <param name="EnergyTce">Energy quota, 吨标准煤 per year.</param>
/// <param name="LandPriceFloor">Lowest industrial land price a bid may offer, 万元 per 亩; null when unknown.</param>
public sealed record CountyQuotas(Figure LandMu, Figure EnergyTce, Figure? LandPriceFloor);

/// <summary>A county's policy flags.</summary>
public sealed record CountyFlags(Flag FiscallyDirect, Flag OldRevolutionaryBase);

/// <summary>A county with its parks, quotas, featured industries and neighbours, and the evidence behind its industries.</summary>
public sealed record CountyResponse(
    string Adcode, string Name, string ShortName, string Pinyin, CountyKind Kind,
    CountyRef Prefecture, EconomicCircle Circle, GeoPoint Seat, double AreaKm2,
    IReadOnlyList<CountyRef> Neighbours, IReadOnlyList<FeaturedIndustryView> FeaturedIndustries,
    CountyQuotas Quotas, CountyFlags Flags, IReadOnlyList<CountyRef> PairingPartners,
    IReadOnlyList<ParkSummary> Parks, long Version, DateTimeOffset UpdatedAt, string UpdatedBy,
    IReadOnlyList<EvidenceView> Evidence, IReadOnlyList<CreditedIndustry> CreditedIndustries, string? UpdatedByName = null, string? Label = null);

internal static class CountiesApi
{
    public static RouteGroupBuilder MapCountiesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/counties").WithTags("Counties");
        group.MapGet("/", List).WithName("ListCounties").WithSummary("All 136 county-level divisions, optionally of one prefecture (adcode or name).");
        group.MapGet("/{adcode}", Get).WithName("GetCounty").WithSummary("A county with its parks, quotas, featured industries and neighbours.");
        group.MapPut("/{adcode}/profile", UpdateProfile).WithName("UpdateCountyProfile")
            .WithSummary("Edit featured industries, quotas, flags and pairing partners; omitted fields keep their value. Optional If-Match: \"version\".");
        api.MapCountyEvidenceApi();
        api.MapCountyFiguresApi();
        return group;
    }

    private static async Task<Results<Ok<CountySummary[]>, ValidationProblem>> List(string? prefecture, Province province, IGrainFactory grains)
    {
        var references = province.Counties.AsEnumerable();
        if (!string.IsNullOrWhiteSpace(prefecture))
        {
            var match = province.Prefectures.FirstOrDefault(p => p.Adcode == prefecture || p.Name == prefecture || p.Name == prefecture + "市");
            if (match is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["prefecture"] = [$"“{prefecture}”不是山东省的地级市（可用代码如 370100 或名称如 济南市）。"] });
            references = references.Where(c => c.PrefectureAdcode == match.Adcode);
        }

        var counties = await Task.WhenAll(references.Select(c => grains.GetGrain<ICountyGrain>(c.Adcode).Get()));
        return TypedResults.Ok(counties.OfType<County>().Select(c => new CountySummary(
            c.Adcode, c.Reference.Name, c.Reference.Kind, c.Reference.PrefectureAdcode, c.Reference.PrefectureName,
            c.Reference.Circle, c.Reference.Seat, c.ParkIds.Count,
            c.Profile.FeaturedIndustries.Select(f => f.Code.Value).ToArray(), c.Version)).ToArray());
    }

    private static async Task<Results<Ok<CountyResponse>, NotFoundProblem>> Get(string adcode, Province province, IGrainFactory grains, FitModel model, CandidateRegistry registry, HttpContext http)
    {
        if (!province.HasCounty(adcode) || await grains.GetGrain<ICountyGrain>(adcode).Get() is not { } county)
            return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        http.Response.Headers.ETag = Http.ETag(county.Version);
        return TypedResults.Ok(await ToResponse(county, province, grains, model, registry.Snapshot.AsOfYear));
    }

    private static async Task<Results<Ok<CountyResponse>, NotFoundProblem, ForbiddenProblem, ValidationProblem, Rejection>> UpdateProfile(string adcode, CountyProfileInput input, Province province, IGrainFactory grains, FitModel model, CandidateRegistry registry, HttpContext http)
    {
        if (!province.HasCounty(adcode)) return NotFoundProblem.Of($"没有代码为“{adcode}”的山东省县级行政区。");
        var actor = http.Actor();
        if (!AccessRules.CanEditCounty(actor, adcode)) return Access.Forbidden("只能修改本县（市、区）的资料。");
        if (!http.Request.TryGetExpectedVersion(out var expected)) return Http.BadIfMatch();

        var result = await grains.GetGrain<ICountyGrain>(adcode).UpdateProfile(input, actor.UserName, FigureSource.County, expected);
        if (!result.IsOk) return Http.Rejection(result);
        http.Response.Headers.ETag = Http.ETag(result.Value!.Version);
        return TypedResults.Ok(await ToResponse(result.Value, province, grains, model, registry.Snapshot.AsOfYear));
    }

    internal static async Task<CountyResponse> ToResponse(County county, Province province, IGrainFactory grains, FitModel model, int asOfYear)
    {
        var evidence = CountyEvidenceViews.Of(county, province, model, asOfYear);
        int[] Behind(Domain.Industries.IndustryCode code) => evidence
            .Select((e, i) => (e, i))
            .Where(x => x.e.Industries.Any(c => c.Code.StartsWith(code.Division ?? code.Value, StringComparison.Ordinal) || code.Value.StartsWith(c.Code, StringComparison.Ordinal)))
            .Select(x => x.i).ToArray();
        var parks = await Task.WhenAll(county.ParkIds.Select(id => grains.GetGrain<IParkGrain>(id).Get()));
        CountyRef Ref(string adcode) => new(adcode, province.FindCounty(adcode)?.Name ?? adcode);
        var r = county.Reference;
        return new CountyResponse(
            r.Adcode, r.Name, r.ShortName, r.Pinyin, r.Kind,
            new CountyRef(r.PrefectureAdcode, r.PrefectureName), r.Circle, r.Seat, r.AreaKm2,
            r.Neighbours.Select(Ref).ToArray(),
            county.Profile.FeaturedIndustries.Select(f => new FeaturedIndustryView(
                f.Code.Value, province.Industries.Find(f.Code)?.Name ?? f.Label, f.Label, f.Strength, f.Source, Behind(f.Code))).ToArray(),
            new CountyQuotas(county.Profile.LandQuotaMu, county.Profile.EnergyQuotaTce, county.Profile.LandPriceFloor),
            new CountyFlags(county.Profile.FiscallyDirect, county.Profile.OldRevolutionaryBase),
            county.Profile.PairingPartners.Select(Ref).ToArray(),
            parks.OfType<Park>().Select(ParksApi.ToSummary).ToArray(),
            county.Version, county.UpdatedAt, county.UpdatedBy,
            evidence, CountyEvidenceViews.Credited(evidence, province), PeopleNames.Of(county.UpdatedBy, province), province.Label(county.Adcode));
    }
}
