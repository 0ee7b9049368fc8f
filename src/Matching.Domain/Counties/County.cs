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

/// <summary>A coordinator's verification of a figure or flag a county set: who, when, what they checked.</summary>
public sealed record FigureCheck(string By, DateTimeOffset At, string? Note);

/// <summary>An editable quantity with its provenance.</summary>
/// <remarks>
/// A value the county sets is self-declared (自报) until a coordinator verifies it (<c>Check</c>); meanwhile
/// <c>Before</c> holds the value in force before it (verified, published, a coordinator's or the labelled default),
/// which the model and the price-floor check keep using (<see cref="InForce"/>). A coordinator's own setting is in force at once.
/// </remarks>
public sealed record Figure(decimal Value, FigureSource Source, Figure? Before = null, FigureCheck? Check = null)
{
    /// <summary>True while the county's own value awaits a coordinator (自报，未核实).</summary>
    public bool SelfDeclared => Source == FigureSource.County && Check is null;

    /// <summary>
    /// The value the score and the price-floor check use: while self-declared, the value in force before it
    /// (the declared one only when there was none before, e.g. a county's first land-price floor).
    /// </summary>
    public decimal InForce => SelfDeclared && Before is { } before ? before.Value : Value;

    /// <summary>Whether <see cref="InForce"/> is the county's unverified declaration (nothing was in force before it).</summary>
    public bool InForceSelfDeclared => SelfDeclared && Before is null;

    /// <summary>The figure in force, without its history: what a new declaration keeps as its <c>Before</c>.</summary>
    public Figure? Standing() => SelfDeclared ? Before : this with { Before = null };

    /// <summary>
    /// A county declares <paramref name="value"/> (self-declared) over <paramref name="current"/>; the same value as in
    /// force changes nothing (and withdraws a pending declaration).
    /// </summary>
    public static Figure Declare(decimal value, Figure? current) =>
        current?.Standing() is { } standing && standing.Value == value ? standing : new Figure(value, FigureSource.County, current?.Standing());

    /// <summary>
    /// A coordinator's review of a pending declaration: verified, the declared value is in force with the check;
    /// rejected, the value in force before it returns (or, with none before, the declaration stays, marked checked).
    /// </summary>
    public Figure Reviewed(bool verified, FigureCheck check) => verified ? this with { Before = null, Check = check } : Before ?? this with { Check = check };
}

/// <summary>An editable yes/no fact with its provenance; self-declared until verified, as <see cref="Figure"/>.</summary>
public sealed record Flag(bool Value, FigureSource Source, Flag? Before = null, FigureCheck? Check = null)
{
    /// <summary>True while the county's own value awaits a coordinator (自报，未核实).</summary>
    public bool SelfDeclared => Source == FigureSource.County && Check is null;

    /// <summary>The value the score uses: while self-declared, the value in force before it.</summary>
    public bool InForce => SelfDeclared && Before is { } before ? before.Value : Value;

    /// <summary>The flag in force, without its history.</summary>
    public Flag? Standing() => SelfDeclared ? Before : this with { Before = null };

    /// <summary>A county declares <paramref name="value"/> over <paramref name="current"/>; the same value as in force changes nothing (and withdraws a pending declaration).</summary>
    public static Flag Declare(bool value, Flag current) =>
        current.Standing() is { } standing && standing.Value == value ? standing : new Flag(value, FigureSource.County, current.Standing());

    /// <summary>A coordinator's review of a pending declaration, as <see cref="Figure.Reviewed"/>.</summary>
    public Flag Reviewed(bool verified, FigureCheck check) => verified ? this with { Before = null, Check = check } : Before ?? this with { Check = check };
}

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
