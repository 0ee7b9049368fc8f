using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Domain.Industries;

namespace Matching.Host.Apis;

/// <summary>One evidence item behind a county's profile.</summary>
/// <param name="Kind">What kind of fact (listedCompany, featuredCluster, zoneMainIndustry, chemicalPark, top100County, fiscallyDirect, logisticsHub, roster, award).</param>
/// <param name="Statement">What it says, as shown.</param>
/// <param name="Year">Year it is as of (0 when the source gives none).</param>
/// <param name="Industries">The GB/T codes it is evidence for, with names (empty for general facts).</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="SourceUrl">The source's address where known.</param>
/// <param name="Verified">Whether a coordinator verified it (reference lists are as published).</param>
/// <param name="Weight">The weight the model gives it for its own industry (kind × count × recency, × the self-declared share until verified; 0 when rejected), null for facts the model does not weigh as industry evidence.</param>
/// <param name="Id">A declared item's id (what a coordinator reviews); null for reference evidence.</param>
/// <param name="Status">reference (published list, as published), selfDeclared (自报，未核实), verified (已核实) or rejected (不予采信).</param>
/// <param name="DeclaredBy">Who declared it, for declared items.</param>
/// <param name="DeclaredAt">When.</param>
/// <param name="Review">Who reviewed it, when, and the note.</param>
public sealed record EvidenceView(
    EvidenceKind Kind, string Statement, int Year, IReadOnlyList<IndustryRef> Industries, string Source, string? SourceUrl, bool Verified, double? Weight,
    string? Id = null, EvidenceStanding Status = EvidenceStanding.Reference, string? DeclaredBy = null, DateTimeOffset? DeclaredAt = null, EvidenceReview? Review = null);

/// <summary>Where an evidence item comes from and where its review stands.</summary>
public enum EvidenceStanding
{
    /// <summary>From a published reference list (seeds), as published.</summary>
    Reference,
    /// <summary>Declared by the county, not yet reviewed.</summary>
    SelfDeclared,
    /// <summary>Declared by the county and verified by a coordinator.</summary>
    Verified,
    /// <summary>Declared by the county and rejected by a coordinator (not weighed).</summary>
    Rejected,
}

/// <summary>An industry the county is credited with and the evidence items behind it (indexes into <see cref="CountyResponse.Evidence"/>).</summary>
public sealed record CreditedIndustry(string Code, string Name, IReadOnlyList<int> Evidence, double Weight);

internal static class CountyEvidenceViews
{
    /// <summary>Every evidence item of the county, heaviest first.</summary>
    public static EvidenceView[] Of(County county, Province province, FitModel model, int asOfYear) =>
        county.Reference.EvidenceItems
            .Select(e => View(e, province, model, asOfYear))
            .Concat(county.DeclaredItems.Select(d => Of(d, province, model, asOfYear)))
            .OrderByDescending(e => e.Weight ?? -1).ThenBy(e => e.Kind).ThenBy(e => e.Statement, StringComparer.Ordinal)
            .ToArray();

    /// <summary>A declared item with its status and review.</summary>
    public static EvidenceView Of(DeclaredEvidence declared, Province province, FitModel model, int asOfYear) =>
        View(declared.Modelled ?? declared.Item, province, model, asOfYear) with
        {
            Id = declared.Id,
            Status = declared.Status switch
            {
                EvidenceStatus.Verified => EvidenceStanding.Verified,
                EvidenceStatus.Rejected => EvidenceStanding.Rejected,
                _ => EvidenceStanding.SelfDeclared,
            },
            Verified = declared.Status == EvidenceStatus.Verified,
            Weight = declared.Status == EvidenceStatus.Rejected ? 0 : Math.Round(model.Weigh(declared.Modelled!, IndustryLevel.Class, asOfYear), 2),
            DeclaredBy = declared.DeclaredBy,
            DeclaredAt = declared.DeclaredAt,
            Review = declared.Review,
        };

    private static EvidenceView View(EvidenceItem e, Province province, FitModel model, int asOfYear) => new(
        e.Kind, e.Statement, e.Year,
        e.Industries.Select(c => new IndustryRef(c.Value, province.Industries.Find(c)?.Name ?? c.Value)).ToArray(),
        e.Source, e.SourceUrl, e.Verified,
        e.Industries.Count == 0 ? null : Math.Round(model.Weigh(e, IndustryLevel.Class, asOfYear), 2));

    /// <summary>
    /// The divisions the evidence credits the county with, each with the items behind it and their summed weight,
    /// heaviest first: what "this county has C36" rests on.
    /// </summary>
    public static CreditedIndustry[] Credited(EvidenceView[] evidence, Province province) =>
        evidence
            .SelectMany((e, i) => e.Industries.Select(c => IndustryCode.Parse(c.Code).Division).OfType<string>().Distinct().Select(d => (Division: d, Index: i, e.Weight)))
            .GroupBy(x => x.Division)
            .Select(g => new CreditedIndustry(g.Key, province.Industries.Find(g.Key)?.Name ?? g.Key, g.Select(x => x.Index).ToArray(), Math.Round(g.Sum(x => x.Weight ?? 0), 2)))
            .OrderByDescending(c => c.Weight).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToArray();
}
