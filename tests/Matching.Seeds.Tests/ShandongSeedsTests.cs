using Matching.Domain.Counties;
using Matching.Domain.Industries;
using Matching.Domain.Parks;

namespace Matching.Seeds.Tests;

public sealed class ShandongSeedsTests
{
    private static readonly ShandongSeeds Seeds = ShandongSeeds.Load(ShandongSeeds.DefaultPath);

    [Fact]
    public void All_136_counties_in_16_prefectures_with_their_kinds()
    {
        Assert.Equal(136, Seeds.Province.Counties.Count);
        Assert.Equal(136, Seeds.Counties.Count);
        Assert.Equal(16, Seeds.Province.Prefectures.Count);
        Assert.Equal(16, Seeds.Province.Counties.Select(c => c.PrefectureAdcode).Distinct().Count());
        Assert.Equal(58, Seeds.Province.Counties.Count(c => c.Kind == CountyKind.District));
        Assert.Equal(52, Seeds.Province.Counties.Count(c => c.Kind == CountyKind.County));
        Assert.Equal(26, Seeds.Province.Counties.Count(c => c.Kind == CountyKind.City));
        Assert.All(Seeds.Province.Counties, c =>
        {
            Assert.Matches("^37[0-9]{4}$", c.Adcode);
            Assert.InRange(c.Seat.Lng, 114.5, 123);
            Assert.InRange(c.Seat.Lat, 34, 38.5);
        });
    }

    [Fact]
    public void Neighbours_are_symmetric_and_agree_with_the_adjacency_file()
    {
        var pairs = File.ReadLines(Path.Combine(ShandongSeeds.DefaultPath, "reference", "shandong_county_adjacency.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (f[0], f[3]))
            .ToHashSet();
        var fromCounties = Seeds.Province.Counties
            .SelectMany(c => c.Neighbours.Select(n => (c.Adcode, n)))
            .Where(p => string.CompareOrdinal(p.Item1, p.n) < 0)
            .ToHashSet();

        Assert.Equal(345, pairs.Count);
        Assert.True(pairs.SetEquals(fromCounties));
        Assert.All(Seeds.Province.Counties, c => Assert.All(c.Neighbours, n => Assert.Contains(c.Adcode, Seeds.Province.FindCounty(n)!.Neighbours)));
    }

    [Fact]
    public void Every_zone_is_accounted_for_placed_or_held()
    {
        Assert.Equal(174, Seeds.Parks.Count);
        Assert.Equal(174, Seeds.Parks.Select(p => p.Reference.Id).Distinct().Count());
        Assert.Equal(38, Seeds.Parks.Count(p => p.Reference.Level == ParkLevel.National));
        Assert.Equal(136, Seeds.Parks.Count(p => p.Reference.Level == ParkLevel.Provincial));
        Assert.Equal(158, Seeds.Parks.Count(p => p.Reference.CountyAdcode is not null));
        Assert.Equal(16, Seeds.Province.UnplacedParks.Count());
        // Each placed park is listed by exactly its county.
        Assert.Equal(158, Seeds.Counties.Sum(c => c.ParkIds.Count));
        Assert.All(Seeds.Counties, c => Assert.All(c.ParkIds, id => Assert.Equal(c.Reference.Adcode, Seeds.Province.FindPark(id)!.CountyAdcode)));
    }

    [Fact]
    public void The_industry_table_is_complete()
    {
        var all = Seeds.Province.Industries.All;

        Assert.Equal(1971, all.Count);
        Assert.Equal(20, all.Count(i => i.Level == IndustryLevel.Section));
        Assert.Equal(97, all.Count(i => i.Level == IndustryLevel.Division));
        Assert.Equal(473, all.Count(i => i.Level == IndustryLevel.Group));
        Assert.Equal(1381, all.Count(i => i.Level == IndustryLevel.Class));
    }

    [Fact]
    public void Every_industry_phrase_of_the_zones_and_clusters_maps_to_a_code()
    {
        Assert.Empty(Seeds.UnmappedPhrases);
        Assert.All(Seeds.Parks, p => Assert.NotEmpty(p.Profile.MainIndustries));
    }

    [Fact]
    public void Figures_the_sources_lack_are_labelled_defaults()
    {
        Assert.All(Seeds.Counties, c =>
        {
            Assert.Equal(FigureSource.Default, c.Profile.LandQuotaMu.Source);
            Assert.Equal(FigureSource.Default, c.Profile.EnergyQuotaTce.Source);
        });
        Assert.All(Seeds.Parks, p => Assert.Equal(FigureSource.Default, p.Profile.TaxPerMu.Source));
    }

    [Fact]
    public void Featured_clusters_reach_their_counties()
    {
        // 临清市纺织特色产业集群 (2022).
        var linqing = Seeds.Counties.Single(c => c.Reference.Adcode == "371581");

        Assert.Contains(linqing.Profile.FeaturedIndustries, f => f.Label == "纺织" && f.Code.Value.StartsWith("17", StringComparison.Ordinal));
    }

    [Fact]
    public void Loading_is_deterministic() => Assert.Equal(Seeds.Fingerprint, ShandongSeeds.Load(ShandongSeeds.DefaultPath).Fingerprint);
}
