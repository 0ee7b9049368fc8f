using System.Runtime.CompilerServices;
using Matching.Domain.Geography;

namespace Matching.Host.Apis;

/// <summary>
/// A county's name as people read it: with its prefecture where two counties share a name
/// (济南市 市中区 and 枣庄市 市中区), the bare name otherwise.
/// </summary>
internal static class CountyLabels
{
    private static readonly ConditionalWeakTable<Province, HashSet<string>> Shared = [];

    /// <summary>"济南市 市中区", "滕州市"; null for no county; the code itself when unknown.</summary>
    public static string? Label(this Province province, string? adcode)
    {
        if (adcode is null) return null;
        if (province.FindCounty(adcode) is not { } county) return adcode;
        var shared = Shared.GetValue(province, p => p.Counties.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet());
        return shared.Contains(county.Name) ? $"{county.PrefectureName} {county.Name}" : county.Name;
    }
}
