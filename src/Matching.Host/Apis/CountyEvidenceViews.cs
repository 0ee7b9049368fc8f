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
/// <param name="Weight">The weight the model gives it for its own industry (kind × recency), null for facts the model does not weigh as industry evidence.</param>
public sealed record EvidenceView(
    EvidenceKind Kind, string Statement, int Year, IReadOnlyList<IndustryRef> Industries, string Source, string? SourceUrl, bool Verified, double? Weight);

/// <summary>An industry the county is credited with and the evidence items behind it (indexes into <see cref="CountyResponse.Evidence"/>).</summary>
public sealed record CreditedIndustry(string Code, string Name, IReadOnlyList<int> Evidence, double Weight);

internal static class CountyEvidenceViews
{
    /// <summary>Every evidence item of the county, heaviest first.</summary>
    public static EvidenceView[] Of(County county, Province province, FitModel model, int asOfYear) =>
        county.Reference.EvidenceItems
            .Select(e => new EvidenceView(
                e.Kind, e.Statement, e.Year,
                e.Industries.Select(c => new IndustryRef(c.Value, province.Industries.Find(c)?.Name ?? c.Value)).ToArray(),
                e.Source, e.SourceUrl, e.Verified,
                e.Industries.Count == 0 ? null : Math.Round(model.Weigh(e, IndustryLevel.Class, asOfYear), 2)))
            .OrderByDescending(e => e.Weight ?? -1).ThenBy(e => e.Kind).ThenBy(e => e.Statement, StringComparer.Ordinal)
            .ToArray();

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
