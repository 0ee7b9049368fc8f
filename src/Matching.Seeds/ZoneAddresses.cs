using Matching.Domain.Parks;

namespace Matching.Seeds;

/// <summary>
/// Places a registered address that names only a development zone (山东省潍坊市高新技术产业开发区…,
/// 威海临港经济技术开发区…) in the county of that zone, through the zone catalogue. The zone is
/// recognised by its city, its kind (高新区 or 经开区) and the word between them (滨海, 临港), so that
/// 潍坊滨海经济技术开发区 is not taken for a 潍坊 经开区. A zone the catalogue holds without a county is placed by its
/// geocoded point where <see cref="ZonePoints"/> places it (only when no zone with a county in the catalogue matches).
/// </summary>
internal sealed class ZoneAddresses(IEnumerable<ParkReference> zones, IEnumerable<ParkReference>? placedByPoint = null)
{
    private readonly ParkReference[] _zones = zones.Where(z => z.CountyAdcode is not null).ToArray();

    private readonly ParkReference[] _byPoint = (placedByPoint ?? []).Where(z => z.CountyAdcode is not null).ToArray();

    /// <summary>The zone an address names, with its county, or null; <c>ByPoint</c> when the county comes from the zone's geocoded point.</summary>
    public (ParkReference Zone, bool ByPoint)? Resolve(string address, string cityName)
    {
        var city = Short(cityName);
        var text = address.Replace("中国（山东）自由贸易试验区", string.Empty, StringComparison.Ordinal).Replace("山东省", string.Empty, StringComparison.Ordinal);
        if (Parse(text, city) is not { } wanted) return null;
        if (Matching(_zones, city, wanted) is { } zone) return (zone, false);
        return Matching(_byPoint, city, wanted) is { } pointed ? (pointed, true) : null;
    }

    private static ParkReference? Matching(ParkReference[] zones, string city, (string Kind, string Qualifier) wanted) => zones
        .Where(z => Short(z.PrefectureName) == city && Parse(z.Name.Replace("山东", string.Empty, StringComparison.Ordinal), city) == wanted)
        .OrderBy(z => z.Level)
        .ThenBy(z => z.Id, StringComparer.Ordinal)
        .FirstOrDefault();

    private static string Short(string city) => city.EndsWith('市') ? city[..^1] : city;

    /// <summary>(kind, qualifier) of the first zone named in a text after the city: ("高新", "") for 潍坊市高新区, ("经开", "滨海") for 潍坊滨海经济开发区.</summary>
    private static (string Kind, string Qualifier)? Parse(string text, string city)
    {
        var at = text.IndexOf(city, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = text[(at + city.Length)..];
        if (rest.StartsWith('市')) rest = rest[1..];
        if (rest.StartsWith(city, StringComparison.Ordinal)) rest = rest[city.Length..];
        // The address's zone word and what precedes it (a qualifier such as 滨海 or 临港, at most 4 characters).
        (string Word, string Kind)[] words =
        [
            ("高新技术产业开发区", "高新"), ("高新技术开发区", "高新"), ("高新区", "高新"), ("火炬高技术产业开发区", "高新"), ("高技术产业开发区", "高新"),
            ("经济技术开发区", "经开"), ("经济开发区", "经开"), ("经技区", "经开"), ("开发区", "经开"),
        ];
        foreach (var (word, kind) in words)
        {
            var i = rest.IndexOf(word, StringComparison.Ordinal);
            if (i < 0 || i > 4) continue;
            var qualifier = rest[..i];
            // 火炬 names Weihai's high-tech zone rather than a separate zone.
            if (kind == "高新") qualifier = qualifier.Replace("火炬", string.Empty, StringComparison.Ordinal);
            return (kind, qualifier);
        }

        return null;
    }
}
