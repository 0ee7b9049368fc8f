using Matching.Domain.Industries;

namespace Matching.Domain.Evidence;

/// <summary>
/// One fact behind a county's profile, with where it comes from: "3 家 C36 上市公司" is three items of
/// kind <see cref="EvidenceKind.ListedCompany"/>, each naming its company and source. The model weighs
/// an item by its kind and its age; nothing is credited to a county without an item saying why.
/// </summary>
/// <param name="Kind">What kind of fact.</param>
/// <param name="Statement">What it says, in Chinese as shown (e.g. "上市公司 潍柴动力（000338），C36 汽车制造业").</param>
/// <param name="Year">Year the fact is as of (list year, catalogue edition, notice date).</param>
/// <param name="Industries">The GB/T codes (any level) it is evidence for; empty for general facts (strength, flags).</param>
/// <param name="Source">The source in words (list name, file, version).</param>
/// <param name="SourceUrl">The source's address where known.</param>
/// <param name="Subject">A stable key of the thing the fact is about (stock code, park name), so one item can be found or hidden.</param>
/// <param name="Rank">A rank where the source gives one (百强县 national rank), else null.</param>
/// <param name="Verified">Whether a coordinator verified it; reference lists are as published, not verified.</param>
/// <param name="SelfDeclared">True for what the county itself declared (an item, its roster): weighed at
/// <c>MatchWeights.EvidenceSelfDeclaredShare</c> of its kind's weight until a coordinator verifies it.</param>
/// <param name="Count">How many things the item counts (a roster's enterprises of one class), else null for one.</param>
public sealed record EvidenceItem(
    EvidenceKind Kind,
    string Statement,
    int Year,
    IReadOnlyList<IndustryCode> Industries,
    string Source,
    string? SourceUrl = null,
    string? Subject = null,
    int? Rank = null,
    bool Verified = false,
    bool SelfDeclared = false,
    int? Count = null);
