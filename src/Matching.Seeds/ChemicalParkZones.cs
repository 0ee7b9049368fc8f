using Matching.Domain.Parks;

namespace Matching.Seeds;

/// <summary>
/// Places a recognised chemical park whose notice gives no county (淄博齐鲁化学工业区, 东营港经济开发区) in the
/// county of the development zone of the 2018 catalogue it is: same prefecture (the park's name starts with the
/// city), and the same distinctive name once the city, 山东 and the kind of park are taken off (齐鲁, 东岳; an
/// identical full name also counts). Only a single such zone places a park; a park named by its city alone
/// (烟台化工产业园) or by a word no zone has (董家口, 广利, 鲁北) stays unplaced.
/// </summary>
internal sealed class ChemicalParkZones(IEnumerable<ParkReference> zones)
{
    private static readonly string[] Kinds =
    [
        "经济技术开发区", "经济开发区", "化学工业园区", "化学工业区", "化工产业园区", "化工产业园", "新材料产业园区", "产业园区", "工业园区", "产业园", "开发区",
    ];

    private readonly ParkReference[] _zones = zones.Where(z => z.CountyAdcode is not null).ToArray();

    /// <summary>The zone a chemical park is, with its county, or null.</summary>
    public ParkReference? Resolve(string parkName)
    {
        var matches = _zones.Where(z =>
        {
            var city = Short(z.PrefectureName);
            if (!parkName.StartsWith(city, StringComparison.Ordinal)) return false;
            if (z.Name == parkName) return true;
            var core = Core(parkName, city);
            return core.Length >= 2 && Core(z.Name, city).Contains(core, StringComparison.Ordinal);
        }).ToArray();
        return matches.Length == 1 ? matches[0] : null;
    }

    private static string Short(string city) => city.EndsWith('市') ? city[..^1] : city;

    private static string Core(string name, string city)
    {
        var core = name.Replace("山东", string.Empty, StringComparison.Ordinal).Replace(city, string.Empty, StringComparison.Ordinal);
        foreach (var kind in Kinds)
            if (core.EndsWith(kind, StringComparison.Ordinal)) return core[..^kind.Length];
        return core;
    }
}
