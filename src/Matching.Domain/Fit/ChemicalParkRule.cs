using Matching.Domain.Industries;

namespace Matching.Domain.Fit;

/// <summary>
/// New chemical projects only in a recognised chemical park (山东省化工项目入园: 新建化工项目必须进入认定的化工园区或专业化工园区).
/// Which GB/T codes count as chemical is data (<c>seeds/rules/chemical-projects.csv</c>): divisions 25 and 26
/// whole, and the chemical classes of 27, 28 and 29.
/// </summary>
public sealed class ChemicalParkRule
{
    private readonly IndustryCode[] _codes;

    /// <summary>Builds the rule from the codes (any level) whose projects must go into a chemical park.</summary>
    public ChemicalParkRule(IEnumerable<IndustryCode> codes) => _codes = codes.Distinct().ToArray();

    /// <summary>The codes the rule covers.</summary>
    public IReadOnlyList<IndustryCode> Codes => _codes;

    /// <summary>No rule (tests of other factors, other provinces).</summary>
    public static ChemicalParkRule None { get; } = new([]);

    /// <summary>The seeded default: 25, 26, 2710, 281, 282, 2831, 2914, 2925.</summary>
    public static ChemicalParkRule Default { get; } = new(
        new[] { "25", "26", "2710", "281", "282", "2831", "2914", "2925" }.Select(IndustryCode.Parse));

    /// <summary>The covering code when a project of <paramref name="industry"/> must go into a chemical park, else null.</summary>
    public IndustryCode? Covering(IndustryCode industry)
    {
        foreach (var code in _codes)
            if (code.Contains(industry)) return code;
        return null;
    }
}
