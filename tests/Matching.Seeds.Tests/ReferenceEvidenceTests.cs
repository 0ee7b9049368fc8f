using Matching.Domain.Evidence;
using Matching.Domain.Industries;

namespace Matching.Seeds.Tests;

public sealed class ReferenceEvidenceTests
{
    private static readonly ShandongSeeds Seeds = ShandongSeeds.Load(ShandongSeeds.DefaultPath);

    private static IReadOnlyList<EvidenceItem> Of(string adcode) =>
        Seeds.Counties.Single(c => c.Reference.Adcode == adcode).Reference.EvidenceItems;

    [Fact]
    public void Every_listed_company_with_a_county_in_its_address_is_evidence_for_that_county()
    {
        // 121 of the 175 rows name a county in the address (README of the shared data).
        Assert.Equal(175, Seeds.ListedCompanies.Count);
        Assert.Equal(121, Seeds.ListedCompanies.Count(c => c.Basis == "address"));
        foreach (var company in Seeds.ListedCompanies.Where(c => c.CountyAdcode is not null))
        {
            var item = Assert.Single(Of(company.CountyAdcode!), e => e.Kind == EvidenceKind.ListedCompany && e.Subject == company.Name);
            Assert.Equal([company.Division], item.Industries);
            Assert.Equal(2025, item.Year);
            Assert.Contains(company.Code, item.Statement);
        }
    }

    [Fact]
    public void Addresses_naming_only_a_development_zone_are_placed_through_the_zone_table()
    {
        var weichai = Seeds.ListedCompanies.Single(c => c.Code == "000338");
        Assert.Equal("370705", weichai.CountyAdcode); // 潍坊高新技术产业开发区 → 奎文区 in the 2018 catalogue
        Assert.Equal("zone:潍坊高新技术产业开发区", weichai.Basis);
        Assert.Equal(IndustryCode.Parse("36"), weichai.Division);

        // 潍坊滨海经济技术开发区 is not 潍坊's high-tech zone: the qualifier 滨海 decides.
        var binhai = Seeds.ListedCompanies.Where(c => c.Basis == "zone:潍坊滨海经济技术开发区").ToArray();
        Assert.NotEmpty(binhai);
        Assert.All(binhai, c => Assert.Equal("370703", c.CountyAdcode));

        // A zone the catalogue holds without a county and without a point (淄博高新技术产业开发区) leaves the company unplaced, with the reason.
        var zoned = Seeds.ListedCompanies.Count(c => c.Basis.StartsWith("zone:", StringComparison.Ordinal));
        Assert.InRange(zoned, 20, 54);
        Assert.Equal(25, zoned); // unchanged by the zones' points: the catalogue's county comes first
        Assert.All(Seeds.ListedCompanies.Where(c => c.CountyAdcode is null), c => Assert.StartsWith("unplaced", c.Basis));
        Assert.Null(Seeds.ListedCompanies.Single(c => c.Name == "信通电子").CountyAdcode); // 山东省淄博高新区柳毅山路18号
    }

    [Fact]
    public void Addresses_naming_a_zone_the_catalogue_holds_without_a_county_are_placed_by_the_zones_geocoded_point()
    {
        // 烟台经济技术开发区 (G371029) has no county in the 2018 catalogue; its geocoded point lies in 福山区's polygon.
        var yantai = Seeds.ListedCompanies.Where(c => c.Basis == "zone-point:烟台经济技术开发区").ToArray();
        Assert.Contains(yantai, c => c.Name == "万润股份"); // 山东省烟台市经济技术开发区五指山路11号
        Assert.Contains(yantai, c => c.Name == "美瑞新材"); // 山东省烟台市烟台开发区长沙大街35号
        Assert.All(yantai, c => Assert.Equal("370611", c.CountyAdcode));
        Assert.Equal("371502", Seeds.ListedCompanies.Single(c => c.Name == "中通客车").CountyAdcode); // 聊城市经济开发区 → 聊城经济技术开发区 → 东昌府区
        Assert.Equal("371002", Seeds.ListedCompanies.Single(c => c.Name == "华东数控").CountyAdcode); // 威海市经济技术开发区 → 环翠区

        // The evidence says how the county was found and that it is to be checked.
        var item = Assert.Single(Of("370611"), e => e.Kind == EvidenceKind.ListedCompany && e.Subject == "万润股份");
        Assert.Contains("按其地理编码坐标落在本县，待核实", item.Statement);
        Assert.Equal([IndustryCode.Parse("26")], item.Industries);

        // The zones themselves stay on the holding list: placing a park is a coordinator's act.
        Assert.Null(Seeds.Parks.Single(p => p.Reference.Name == "烟台经济技术开发区").Reference.CountyAdcode);
        Assert.InRange(Seeds.ListedCompanies.Count(c => c.Basis.StartsWith("zone-point:", StringComparison.Ordinal)), 10, 15);
    }

    [Fact]
    public void A_zone_geocoded_only_to_its_city_is_not_placed_by_its_point()
    {
        // 山东青岛出口加工区's geocode is "山东省青岛市": the city's centre (in 市南区), not the zone.
        var zones = Seeds.Parks.Select(p => p.Reference).ToArray();
        var placed = ZonePoints.Place(new SeedFiles(ShandongSeeds.DefaultPath), zones);
        Assert.DoesNotContain(placed, z => z.Name == "山东青岛出口加工区");
        Assert.Contains(placed, z => z.Name == "青岛经济技术开发区" && z.CountyAdcode == "370211"); // 黄岛区
        Assert.All(placed, z => Assert.Equal(Domain.Parks.ParkPlacement.ByGeocode, z.Placement));
    }

    [Fact]
    public void Chemical_parks_top_100_counties_fiscal_list_and_logistics_hubs_become_evidence_with_their_source()
    {
        var zibo = Of("370323"); // 沂源县: 沂源化工产业园 (2024 extension notice), 省财政直管县
        var chemical = Assert.Single(zibo, e => e.Kind == EvidenceKind.ChemicalPark);
        Assert.Equal(2024, chemical.Year);
        Assert.Contains(IndustryCode.Parse("26"), chemical.Industries);
        Assert.StartsWith("http", chemical.SourceUrl);
        Assert.Contains(zibo, e => e.Kind == EvidenceKind.FiscallyDirect && e.Statement.Contains("待核实"));

        var longkou = Of("370681");
        Assert.Contains(longkou, e => e.Kind == EvidenceKind.Top100County && e.Rank == 8 && e.Year == 2023);

        // 28 counties have a recognised chemical park in the partial list by the park's name; the zone catalogue places three more parks, in 2 more counties (河口区 had one).
        Assert.Equal(30, Seeds.Counties.Count(c => c.Reference.EvidenceItems.Any(e => e.Kind == EvidenceKind.ChemicalPark)));
        var linzi = Assert.Single(Of("370305"), e => e.Kind == EvidenceKind.ChemicalPark);
        Assert.Equal("淄博齐鲁化学工业区", linzi.Subject);
        Assert.Contains("山东齐鲁化学工业园区", linzi.Statement);
        Assert.Contains(Of("370321"), e => e.Kind == EvidenceKind.ChemicalPark && e.Subject == "淄博东岳经济开发区");
        Assert.Contains(Of("370503"), e => e.Kind == EvidenceKind.ChemicalPark && e.Subject == "东营港经济开发区");
        // A park named by its city alone is not placed.
        Assert.DoesNotContain(Seeds.Counties.SelectMany(c => c.Reference.EvidenceItems), e => e.Subject == "烟台化工产业园");

        // Likely chemical parks (待认定): a placed zone whose name or 主导产业 says 化工/石化/炼化/化学, in a county without a
        // recognised park: 30 zones in 30 counties, never in a county with a recognised one, naming no industry (not weighed).
        var likely = Seeds.Counties.SelectMany(c => c.Reference.EvidenceItems.Where(e => e.Kind == EvidenceKind.ChemicalParkCandidate).Select(e => (c, e))).ToArray();
        Assert.Equal(30, likely.Length);
        Assert.Equal(30, likely.Select(x => x.c.Reference.Adcode).Distinct().Count());
        Assert.All(likely, x => Assert.DoesNotContain(x.c.Reference.EvidenceItems, e => e.Kind == EvidenceKind.ChemicalPark));
        Assert.All(likely, x => Assert.True(x.e.Industries.Count == 0 && !x.e.Verified && x.e.Statement.Contains("待认定")));
        var wudi = Assert.Single(Of("371623"), e => e.Kind == EvidenceKind.ChemicalParkCandidate);
        Assert.Equal("山东无棣工业园区", wudi.Subject);
        Assert.Contains("化工、轻工、机械", wudi.Statement);
        Assert.DoesNotContain(Of("370305"), e => e.Kind == EvidenceKind.ChemicalParkCandidate); // 临淄区: recognised

        // Hubs are city level: every county of 临沂 carries it, named as such.
        var linyi = Seeds.Counties.Where(c => c.Reference.PrefectureAdcode == "371300").ToArray();
        Assert.All(linyi, c => Assert.Contains(c.Reference.EvidenceItems, e => e.Kind == EvidenceKind.LogisticsHub && e.Statement.Contains("城市级")));
    }

    [Fact]
    public void Every_evidence_item_names_its_source_and_valid_industries()
    {
        var all = Seeds.Counties.SelectMany(c => c.Reference.EvidenceItems).ToArray();
        Assert.All(all, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Source));
            Assert.False(string.IsNullOrWhiteSpace(e.Statement));
            Assert.All(e.Industries, code => Assert.True(Seeds.Province.Industries.Contains(code), code.Value));
        });
        // Industrial evidence beyond zones reaches most counties; the README reports the exact coverage.
        var evidenced = Seeds.Counties.Count(c => c.Reference.EvidenceItems.Any(e => e.Kind is EvidenceKind.ListedCompany or EvidenceKind.ChemicalPark or EvidenceKind.Top100County or EvidenceKind.FeaturedCluster));
        Assert.InRange(evidenced, 80, 136);
    }

    [Fact]
    public void The_chemical_park_rule_covers_divisions_25_26_and_the_chemical_classes_of_27_28_29()
    {
        var rule = Seeds.ChemicalParks;
        Assert.NotNull(rule.Covering(IndustryCode.Parse("2614")));
        Assert.NotNull(rule.Covering(IndustryCode.Parse("2511")));
        Assert.NotNull(rule.Covering(IndustryCode.Parse("2710")));
        Assert.NotNull(rule.Covering(IndustryCode.Parse("2822")));
        Assert.Null(rule.Covering(IndustryCode.Parse("2720")));
        Assert.Null(rule.Covering(IndustryCode.Parse("2929")));
        Assert.Null(rule.Covering(IndustryCode.Parse("3612")));
    }
}
