namespace Matching.Domain.Geography;

/// <summary>
/// A point as longitude/latitude. County seats come from DataV in GCJ-02, which is fine for distance
/// ranking and for maps drawn from the same polygons (see seeds/reference/PROVENANCE.md).
/// </summary>
public readonly record struct GeoPoint(double Lng, double Lat)
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance in kilometres.</summary>
    public double DistanceKm(GeoPoint other)
    {
        static double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(other.Lat - Lat);
        var dLng = Rad(other.Lng - Lng);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(Lat)) * Math.Cos(Rad(other.Lat)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
