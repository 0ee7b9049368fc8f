using System.Text.Json;
using Matching.Domain.Parks;

namespace Matching.Seeds;

/// <summary>
/// The county a catalogued zone without a county lies in, by its geocoded point and the county polygons: 13 of the
/// 16 zones the 2018 catalogue holds without a county have a point (青岛、烟台、威海、聊城、德州 … 经济技术开发区). Used
/// only to place listed companies whose registered address names such a zone (<see cref="ZoneAddresses"/>); the
/// zones themselves stay on the holding list until a coordinator places them (parks are placed there, not here).
/// </summary>
/// <remarks>
/// A point is taken only when its geocode names more than the city (山东省青岛市 is the city's centre, not the zone's)
/// and lies at least <see cref="MarginKm"/> inside the county's border: the points are WGS-84 and the DataV polygons
/// GCJ-02 (a few hundred metres apart), and a geocoded zone is a point in an area of several km².
/// </remarks>
internal static class ZonePoints
{
    public const string ZonesFile = "reference/shandong_development_zones_2018.csv";

    public const string CountiesFile = "reference/shandong_counties_datav2021.geojson";

    /// <summary>How far inside a county's border a zone's point must lie to be placed in it.</summary>
    public const double MarginKm = 1;

    /// <summary>The unplaced zones that a point places, each a copy with its county (placement by geocode).</summary>
    public static IReadOnlyList<ParkReference> Place(SeedFiles files, IEnumerable<ParkReference> zones)
    {
        var unplaced = zones.Where(z => z.CountyAdcode is null && z.Location is not null).ToDictionary(z => z.Name, StringComparer.Ordinal);
        if (unplaced.Count == 0) return [];
        var zoneLevel = files.Rows(ZonesFile)
            .Where(r => unplaced.ContainsKey(r["name"]) && NamesMoreThanCity(r["geocode_address"], r["city"]))
            .Select(r => unplaced[r["name"]])
            .ToArray();
        if (zoneLevel.Length == 0) return [];

        var counties = Counties(files.ReadText(CountiesFile));
        var placed = new List<ParkReference>();
        foreach (var zone in zoneLevel)
        {
            var (lng, lat) = (zone.Location!.Value.Lng, zone.Location.Value.Lat);
            var inside = counties.Where(c => c.Rings.Any(p => Contains(p, lng, lat))).ToArray();
            if (inside.Length != 1) continue;
            var border = inside[0].Rings.SelectMany(p => p).Min(ring => DistanceKm(ring, lng, lat));
            if (border < MarginKm) continue;
            placed.Add(zone with { CountyAdcode = inside[0].Adcode, Placement = ParkPlacement.ByGeocode });
        }

        return placed;
    }

    private static bool NamesMoreThanCity(string geocodeAddress, string city) =>
        geocodeAddress.Length > 0 && geocodeAddress.Replace("山东省", string.Empty, StringComparison.Ordinal) != city;

    /// <summary>A county's polygons: each an outer ring followed by its holes, points as (lng, lat).</summary>
    private sealed record CountyShape(string Adcode, double[][][][] Rings);

    private static CountyShape[] Counties(string geojson)
    {
        using var document = JsonDocument.Parse(geojson);
        var shapes = new List<CountyShape>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var adcode = feature.GetProperty("properties").GetProperty("adcode").ToString();
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? coordinates.EnumerateArray().ToArray()
                : [coordinates];
            shapes.Add(new CountyShape(adcode, polygons
                .Select(polygon => polygon.EnumerateArray()
                    .Select(ring => ring.EnumerateArray().Select(p => new[] { p[0].GetDouble(), p[1].GetDouble() }).ToArray())
                    .ToArray())
                .ToArray()));
        }

        return shapes.ToArray();
    }

    /// <summary>Inside the outer ring and in none of its holes (even-odd rule).</summary>
    private static bool Contains(double[][][] polygon, double lng, double lat) =>
        InRing(polygon[0], lng, lat) && !polygon.Skip(1).Any(hole => InRing(hole, lng, lat));

    private static bool InRing(double[][] ring, double lng, double lat)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (x1, y1, x2, y2) = (ring[i][0], ring[i][1], ring[j][0], ring[j][1]);
            if ((y1 > lat) != (y2 > lat) && lng < (x2 - x1) * (lat - y1) / (y2 - y1) + x1) inside = !inside;
        }

        return inside;
    }

    /// <summary>Shortest distance from the point to the ring's edges, km (equirectangular: fine over a few km).</summary>
    private static double DistanceKm(double[][] ring, double lng, double lat)
    {
        const double KmPerDegree = 111.195;
        var k = Math.Cos(lat * Math.PI / 180);
        var best = double.MaxValue;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (ax, ay, bx, by) = ((ring[j][0] - lng) * k, ring[j][1] - lat, (ring[i][0] - lng) * k, ring[i][1] - lat);
            var (dx, dy) = (bx - ax, by - ay);
            var length2 = dx * dx + dy * dy;
            var t = length2 == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / length2, 0, 1);
            best = Math.Min(best, Math.Sqrt(Math.Pow(ax + t * dx, 2) + Math.Pow(ay + t * dy, 2)));
        }

        return best * KmPerDegree;
    }
}
