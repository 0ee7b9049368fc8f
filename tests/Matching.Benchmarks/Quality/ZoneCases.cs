using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Parks;
using Matching.Seeds;

namespace Matching.Benchmarks.Quality;

/// <summary>
/// The second proxy, not listed companies: each placed development zone with a mapped 主导产业 is one case. The zone
/// is hidden (its park, the featured industries only it gave the county, its evidence item), a project of its first
/// industry is ranked, and the rank of its county is recorded. It asks whether the rest of the evidence (other zones,
/// clusters, listed companies, chemical parks, strength) points to where a catalogued industry is.
/// </summary>
internal static class ZoneCases
{
    public static LabelledCase[] Of(ShandongSeeds seeds, MatchingSnapshot snapshot, IndustryCatalog industries) => seeds.Parks
        .Where(p => p.Reference.CountyAdcode is not null && p.Profile.MainIndustries.Count > 0)
        .Select(p =>
        {
            var county = snapshot.Find(p.Reference.CountyAdcode)!;
            return new LabelledCase(LeaveOneOut.Project(p.Profile.MainIndustries[0], industries, "开发区留一法"), county.Adcode, snapshot.With(Without(county, p.Reference.Id)));
        })
        .ToArray();

    /// <summary>The county as if the zone were not catalogued: without its park, the featured industries it alone gave, and its evidence.</summary>
    private static Candidate Without(Candidate county, string parkId)
    {
        var hidden = county.Parks.Single(p => p.Id == parkId);
        var others = county.Parks.Where(p => p.Id != parkId).ToArray();
        // Seeded featured industries: clusters at strength 5, zones' main industries at 3 (national) or 2 (provincial).
        var featured = county.County.Profile.FeaturedIndustries
            .Where(f => f.Strength >= 5 || !hidden.Profile.MainIndustries.Contains(f.Code))
            .ToDictionary(f => f.Code);
        foreach (var park in others)
        foreach (var code in park.Profile.MainIndustries)
        {
            var strength = park.Reference.Level == ParkLevel.National ? 3 : 2;
            if (!featured.TryGetValue(code, out var f) || f.Strength < strength)
                featured[code] = new FeaturedIndustry(code, code.Value, strength, FigureSource.Reference);
        }

        var profile = county.County.Profile with { FeaturedIndustries = featured.Values.OrderByDescending(f => f.Strength).ThenBy(f => f.Code).ToArray() };
        return county with { County = county.County with { Profile = profile }, Parks = others, Hidden = hidden.Reference.Name };
    }
}
