using Matching.Domain.Industries;

namespace Matching.Domain.Projects;

/// <summary>Ownership kind of the investor.</summary>
public enum InvestorKind
{
    /// <summary>国有企业.</summary>
    Soe,
    /// <summary>民营企业.</summary>
    Private,
    /// <summary>外资企业.</summary>
    Foreign,
    /// <summary>世界500强.</summary>
    Fortune500,
}

/// <summary>Position of the project in its industry chain.</summary>
public enum ChainPosition
{
    /// <summary>上游.</summary>
    Upstream,
    /// <summary>中游.</summary>
    Midstream,
    /// <summary>下游.</summary>
    Downstream,
}

/// <summary>
/// Who invests. Name, credit code and the contact are confidential: counties see them only once they bid.
/// </summary>
/// <param name="Name">Company name.</param>
/// <param name="CreditCode">Unified social credit code, when given.</param>
/// <param name="Kind">Ownership kind.</param>
/// <param name="ContactPerson">The investor's contact person (联系人), when known.</param>
/// <param name="ContactPhone">The contact's phone (联系电话), when known.</param>
public sealed record Investor(string Name, string? CreditCode, InvestorKind Kind, string? ContactPerson = null, string? ContactPhone = null);

/// <summary>A project's validated content. Units: money in 万元, land in 亩, energy in 吨标准煤 per year.</summary>
/// <param name="Title">Public title.</param>
/// <param name="Description">Public description.</param>
/// <param name="IndustryCode">GB/T 4754-2017 class (4 digits).</param>
/// <param name="IndustryText">The industry as the officer wrote it, kept for matching and display.</param>
/// <param name="ChainPosition">Upstream, midstream or downstream, when known.</param>
/// <param name="Investment">Total investment, 万元.</param>
/// <param name="LandMu">Land needed, 亩.</param>
/// <param name="EnergyTce">Yearly energy use, 吨标准煤.</param>
/// <param name="Jobs">Jobs created.</param>
/// <param name="ExpectedTax">Expected yearly tax, 万元.</param>
/// <param name="HighEnergy">A 两高 (energy-intensive, high-emission) project.</param>
/// <param name="FirstLandingInShandong">The investor's first project in Shandong.</param>
/// <param name="Investor">The investor (confidential).</param>
/// <param name="FirstContactCounty">Adcode of the county that first talked with the investor (首谈地).</param>
/// <param name="Deadline">Last day for bids, when set.</param>
/// <param name="OutputValue">Expected yearly output value (年产值), 万元, when known.</param>
/// <param name="ConstructionMonths">Construction period (建设周期), months, when known.</param>
public sealed record ProjectDetails(
    string Title,
    string Description,
    IndustryCode IndustryCode,
    string? IndustryText,
    ChainPosition? ChainPosition,
    decimal Investment,
    decimal LandMu,
    decimal EnergyTce,
    int Jobs,
    decimal ExpectedTax,
    bool HighEnergy,
    bool FirstLandingInShandong,
    Investor Investor,
    string? FirstContactCounty,
    DateOnly? Deadline,
    decimal? OutputValue = null,
    int? ConstructionMonths = null);
