using Matching.Domain.Evidence;
using Matching.Domain.Geography;
using Matching.Domain.Industries;

namespace Matching.Domain.Counties;

/// <summary>Kind of county-level division.</summary>
public enum CountyKind
{
    /// <summary>市辖区.</summary>
    District,
    /// <summary>县.</summary>
    County,
    /// <summary>县级市.</summary>
    City,
}

/// <summary>Who set a figure: a labelled platform default until a county or coordinator sets it.</summary>
public enum FigureSource
{
    /// <summary>Seeded default: the sources give no value; shown as 默认值, to be confirmed.</summary>
    Default,
    /// <summary>Set by the county itself.</summary>
    County,
    /// <summary>Set by a provincial coordinator.</summary>
    Coordinator,
    /// <summary>Taken from a published reference source.</summary>
    Reference,
}

/// <summary>An editable quantity with its provenance.</summary>
public sealed record Figure(decimal Value, FigureSource Source);

/// <summary>An editable yes/no fact with its provenance.</summary>
public sealed record Flag(bool Value, FigureSource Source);

/// <summary>A featured industry of a county (特色产业) with a strength from 1 (present) to 5 (dominant).</summary>
public sealed record FeaturedIndustry(IndustryCode Code, string Label, int Strength, FigureSource Source);

/// <summary>The facts about a county that come from reference data and do not change by editing.</summary>
/// <remarks><c>Evidence</c>: what the reference sources say about the county's industries and strength, each item with its source (refreshed with the seeds).</remarks>
public sealed record CountyReference(
    string Adcode,
    string Name,
    string ShortName,
    string Pinyin,
    CountyKind Kind,
    string PrefectureAdcode,
    string PrefectureName,
    EconomicCircle Circle,
    GeoPoint Seat,
    double AreaKm2,
    IReadOnlyList<string> Neighbours,
    IReadOnlyList<EvidenceItem>? Evidence = null)
{
    /// <summary>The reference evidence, never null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<EvidenceItem> EvidenceItems => Evidence ?? [];
}

/// <summary>The part of a county that the county (or a coordinator) keeps true.</summary>
/// <param name="FeaturedIndustries">特色产业, strongest first.</param>
/// <param name="LandQuotaMu">Remaining land quota, 亩.</param>
/// <param name="EnergyQuotaTce">Remaining energy quota, tce per year.</param>
/// <param name="FiscallyDirect">省财政直管县.</param>
/// <param name="OldRevolutionaryBase">革命老区.</param>
/// <param name="PairingPartners">Adcodes of its strong–weak pairing partners.</param>
/// <param name="LandPriceFloor">Minimum industrial land price, 万元 per 亩 (the county's grade of the national standard); null when unknown.</param>
public sealed record CountyProfile(
    IReadOnlyList<FeaturedIndustry> FeaturedIndustries,
    Figure LandQuotaMu,
    Figure EnergyQuotaTce,
    Flag FiscallyDirect,
    Flag OldRevolutionaryBase,
    IReadOnlyList<string> PairingPartners,
    Figure? LandPriceFloor = null);

/// <summary>A county-level division (县级行政区) as the platform knows it.</summary>
/// <remarks>
/// <c>Declared</c>: the evidence the county declared itself (items, its roster), each with its review
/// status; bounded (<see cref="DeclaredEvidence.MaxPerCounty"/>), its audit trail lives in rows elsewhere.
/// </remarks>
public sealed record County(
    CountyReference Reference,
    CountyProfile Profile,
    IReadOnlyList<string> ParkIds,
    long Version,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    IReadOnlyList<DeclaredEvidence>? Declared = null)
{
    /// <summary>The 6-digit adcode that keys the county.</summary>
    public string Adcode => Reference.Adcode;

    /// <summary>The declared evidence, never null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<DeclaredEvidence> DeclaredItems => Declared ?? [];
}

/// <summary>A county as first loaded from the seeds, before anyone edits it.</summary>
public sealed record CountySeed(CountyReference Reference, CountyProfile Profile, IReadOnlyList<string> ParkIds)
{
    /// <summary>The county's first state (version 1, written by the seed loader).</summary>
    public County ToCounty(DateTimeOffset at) => new(Reference, Profile, ParkIds, 1, at, "seed");
}
