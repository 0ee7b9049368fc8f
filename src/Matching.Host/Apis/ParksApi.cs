using Matching.Contracts;
using Matching.Domain.Counties;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A park in lists.</summary>
public sealed record ParkSummary(
    string Id, string Name, ParkLevel Level, string Type, string? CountyAdcode, ParkPlacement Placement,
    IReadOnlyList<string> MainIndustries, Figure AvailableLandMu, Flag? ChemicalPark = null);

/// <summary>An industry code with its GB/T name.</summary>
public sealed record IndustryRef(string Code, string Name);

/// <summary>A park with its catalogue facts, industries and benchmarks.</summary>
public sealed record ParkResponse(
    string Id, string Name, ParkLevel Level, string Type, string CatalogCode, string? ApprovedOn, decimal? AreaKm2,
    string PrefectureName, CountyRef? County, ParkPlacement Placement, GeoPoint? Location,
    string MainIndustriesText, IReadOnlyList<IndustryRef> MainIndustries,
    Figure AvailableLandMu, Figure InvestmentPerMu, Figure TaxPerMu, long Version, DateTimeOffset UpdatedAt,
    Flag? ChemicalPark = null, string? UpdatedBy = null, ParkCountyPlacement? Placed = null);

internal static class ParksApi
{
    public static RouteGroupBuilder MapParksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/parks").WithTags("Parks");
        group.MapGet("/", List).WithName("ListParks")
            .WithSummary("Parks of a county (?county=adcode), the holding list of parks without a known county (?unplaced=true), or all.");
        group.MapGet("/{id}", Get).WithName("GetPark").WithSummary("A park with its industries, available land and per-mu benchmarks.");
        group.MapPut("/{id}/chemical-park", ParkChemicalStatus.Set).WithName("SetChemicalPark")
            .WithSummary("Coordinator: record whether the park is a recognised chemical park (认定化工园区); new chemical projects go only to counties with one.");
        group.MapParkLandApi();
        group.MapParkHoldingList();
        group.MapParkCountyApi();
        group.MapChemicalParkCandidates();
        return group;
    }

    private static async Task<Results<Ok<ParkSummary[]>, ValidationProblem>> List(string? county, bool? unplaced, Province province, IGrainFactory grains)
    {
        IEnumerable<ParkReference> references;
        if (!string.IsNullOrWhiteSpace(county))
        {
            if (!province.HasCounty(county))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["county"] = [$"“{county}”不是山东省县级行政区代码。"] });
            // The county's list holds the parks a coordinator placed there as well as the catalogue's.
            var ids = (await grains.GetGrain<ICountyGrain>(county).Get())?.ParkIds ?? [.. province.ParksIn(county).Select(p => p.Id)];
            references = ids.Select(province.FindPark).OfType<ParkReference>();
        }
        else
        {
            references = unplaced == true ? province.UnplacedParks : province.Parks;
        }

        var parks = (await Task.WhenAll(references.Select(p => grains.GetGrain<IParkGrain>(p.Id).Get()))).OfType<Park>();
        // A holding-list park a coordinator has placed is no longer unplaced.
        if (unplaced == true && string.IsNullOrWhiteSpace(county)) parks = parks.Where(p => p.Reference.CountyAdcode is null);
        return TypedResults.Ok(parks.Select(ToSummary).ToArray());
    }

    private static async Task<Results<Ok<ParkResponse>, NotFoundProblem>> Get(string id, Province province, IGrainFactory grains, HttpContext http)
    {
        if (province.FindPark(id) is null || await grains.GetGrain<IParkGrain>(id).Get() is not { } park)
            return NotFoundProblem.Of($"没有编号为“{id}”的园区。");
        http.Response.Headers.ETag = Http.ETag(park.Version);
        return TypedResults.Ok(ToResponse(park, province));
    }

    internal static ParkResponse ToResponse(Park park, Province province)
    {
        var r = park.Reference;
        var county = province.FindCounty(r.CountyAdcode);
        return new ParkResponse(
            r.Id, r.Name, r.Level, r.Type, r.CatalogCode, r.ApprovedOn, r.AreaKm2, r.PrefectureName,
            county is null ? null : new CountyRef(county.Adcode, county.Name), r.Placement, r.Location,
            r.MainIndustriesText,
            park.Profile.MainIndustries.Select(c => new IndustryRef(c.Value, province.Industries.Find(c)?.Name ?? c.Value)).ToArray(),
            park.Profile.AvailableLandMu, park.Profile.InvestmentPerMu, park.Profile.TaxPerMu, park.Version, park.UpdatedAt,
            park.Profile.ChemicalPark, park.UpdatedBy, park.Placed);
    }

    internal static ParkSummary ToSummary(Park park) => new(
        park.Id, park.Reference.Name, park.Reference.Level, park.Reference.Type, park.Reference.CountyAdcode,
        park.Reference.Placement, park.Profile.MainIndustries.Select(c => c.Value).ToArray(), park.Profile.AvailableLandMu, park.Profile.ChemicalPark);
}
