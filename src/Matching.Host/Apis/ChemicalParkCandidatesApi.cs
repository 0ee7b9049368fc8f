using Matching.Contracts;
using Matching.Domain.Evidence;
using Matching.Domain.Geography;
using Matching.Domain.Parks;
using Matching.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Apis;

/// <summary>A likely chemical park (化工园区待认定) with the evidence that makes it one and where the coordinators' flag stands.</summary>
/// <param name="ParkId">The park.</param>
/// <param name="ParkName">Its catalogue name.</param>
/// <param name="Level">national, provincial or other.</param>
/// <param name="County">The county's adcode.</param>
/// <param name="CountyName">The county, with its prefecture where two could be confused.</param>
/// <param name="Prefecture">The prefecture city.</param>
/// <param name="MainIndustries">The catalogue's 主导产业 as written.</param>
/// <param name="Evidence">The evidence item's statement (why it is likely).</param>
/// <param name="Source">Where the evidence comes from.</param>
/// <param name="Year">The evidence's year.</param>
/// <param name="Recognised">The coordinators' flag: true 认定化工园区, false 非认定化工园区, null 待认定.</param>
/// <param name="FlaggedBy">Who set the flag (null before, or for a flag set before who was kept).</param>
/// <param name="FlaggedByName">Their display name.</param>
/// <param name="FlaggedAt">When.</param>
/// <param name="Version">The park's version.</param>
public sealed record ChemicalParkCandidateRow(
    string ParkId, string ParkName, ParkLevel Level, string County, string CountyName, string Prefecture, string MainIndustries,
    string Evidence, string Source, int Year, bool? Recognised, string? FlaggedBy, string? FlaggedByName, DateTimeOffset? FlaggedAt, long Version);

/// <summary>
/// <c>GET /api/parks/chemical-candidates</c>: the coordinators' list of the likely chemical parks seeded as evidence (a catalogued zone
/// whose name or 主导产业 says 化工, 石化 …), each with its evidence and its flag, to be recognised or not through
/// <c>PUT /api/parks/{id}/chemical-park</c>. Read from the county grains (whose reference evidence names the park) and the park grains.
/// </summary>
internal static class ChemicalParkCandidatesApi
{
    public static RouteGroupBuilder MapChemicalParkCandidates(this RouteGroupBuilder parks)
    {
        parks.MapGet("/chemical-candidates", List).WithName("ListChemicalParkCandidates")
            .WithSummary("Coordinators: the likely chemical parks (化工园区待认定) with their evidence and flag (recognised true/false, null pending), by prefecture and county; 403 for others.");
        return parks;
    }

    private static async Task<Results<Ok<ChemicalParkCandidateRow[]>, ForbiddenProblem>> List(Province province, IGrainFactory grains, HttpContext http)
    {
        if (!http.Actor().IsCoordinator) return Access.Forbidden("只有省级统筹协调员可以查看待认定的化工园区。");
        var counties = await Task.WhenAll(province.Counties.Select(c => grains.GetGrain<ICountyGrain>(c.Adcode).Get()));
        var found = counties.OfType<Domain.Counties.County>()
            .SelectMany(c => c.Reference.EvidenceItems.Where(e => e.Kind == EvidenceKind.ChemicalParkCandidate)
                .Select(e => (County: c, Item: e, Park: c.ParkIds.Select(province.FindPark).FirstOrDefault(p => p?.Name == e.Subject))))
            .Where(x => x.Park is not null).ToArray();
        var parks = await Task.WhenAll(found.Select(x => grains.GetGrain<IParkGrain>(x.Park!.Id).Get()));
        var rows = found.Zip(parks).Where(x => x.Second is not null).Select(x =>
        {
            var (county, item, _) = x.First;
            var park = x.Second!;
            var flag = park.Profile.ChemicalPark;
            return new ChemicalParkCandidateRow(park.Id, park.Reference.Name, park.Reference.Level, county.Adcode,
                province.Label(county.Adcode) ?? county.Reference.Name, county.Reference.PrefectureName, park.Reference.MainIndustriesText,
                item.Statement, item.Source, item.Year, flag?.Value, flag?.Check?.By, flag?.Check is { } check ? PeopleNames.Of(check.By, province) : null,
                flag?.Check?.At, park.Version);
        });
        return TypedResults.Ok(rows.OrderBy(r => r.Prefecture, StringComparer.Ordinal).ThenBy(r => r.County, StringComparer.Ordinal).ThenBy(r => r.ParkId, StringComparer.Ordinal).ToArray());
    }
}
