using Matching.Domain.Counties;
using Matching.Domain.Geography;
using Matching.Domain.Industries;

namespace Matching.Domain.Parks;

/// <summary>Approval level of a development zone.</summary>
public enum ParkLevel
{
    /// <summary>国家级.</summary>
    National,
    /// <summary>省级.</summary>
    Provincial,
    /// <summary>Any other park.</summary>
    Other,
}

/// <summary>How the park's county was determined, so that doubtful placements stay visible.</summary>
public enum ParkPlacement
{
    /// <summary>The catalogue name names the county.</summary>
    ByName,
    /// <summary>Placed by geocoding its address.</summary>
    ByGeocode,
    /// <summary>No county known: kept in the holding list until a coordinator places it.</summary>
    Unplaced,
    /// <summary>A provincial coordinator placed it from the holding list (<see cref="Park.Placed"/> says who and when).</summary>
    ByCoordinator,
}

/// <summary>What the 2018 development-zone catalogue says about a park.</summary>
public sealed record ParkReference(
    string Id,
    string Name,
    ParkLevel Level,
    string Type,
    string CatalogCode,
    string? ApprovedOn,
    decimal? AreaKm2,
    string MainIndustriesText,
    string PrefectureName,
    string? CountyAdcode,
    ParkPlacement Placement,
    GeoPoint? Location);

/// <summary>The editable side of a park: its industries and capacity.</summary>
/// <param name="MainIndustries">Main industries (主导产业) as GB/T codes.</param>
/// <param name="AvailableLandMu">Land available for new projects, 亩.</param>
/// <param name="InvestmentPerMu">Benchmark 亩均投资, 万元 per 亩.</param>
/// <param name="TaxPerMu">Benchmark 亩均税收, 万元 per 亩 per year.</param>
/// <param name="ChemicalPark">Recognised as a chemical park (认定化工园区) by a coordinator; null when nobody has said so.</param>
public sealed record ParkProfile(
    IReadOnlyList<IndustryCode> MainIndustries,
    Figure AvailableLandMu,
    Figure InvestmentPerMu,
    Figure TaxPerMu,
    Flag? ChemicalPark = null);

/// <summary>A development zone or park (开发区/园区).</summary>
/// <remarks><c>Placed</c>: a coordinator's placement of a park the catalogue names without a county; it holds over every later seed.</remarks>
public sealed record Park(ParkReference Reference, ParkProfile Profile, long Version, DateTimeOffset UpdatedAt, string UpdatedBy, ParkCountyPlacement? Placed = null)
{
    /// <summary>The park's id.</summary>
    public string Id => Reference.Id;
}

/// <summary>A park as first loaded from the seeds.</summary>
public sealed record ParkSeed(ParkReference Reference, ParkProfile Profile)
{
    /// <summary>The park's first state (version 1, written by the seed loader).</summary>
    public Park ToPark(DateTimeOffset at) => new(Reference, Profile, 1, at, "seed");
}
