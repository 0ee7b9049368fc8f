using System.Text.RegularExpressions;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Parks;

namespace Matching.Seeds;

/// <summary>
/// A Shandong listed company as the seeds place it: its CSRC division (numbered like GB/T 4754's) and the
/// county of its registered address, directly or through the development zone the address names.
/// </summary>
/// <param name="Code">A-share code.</param>
/// <param name="Name">Short name.</param>
/// <param name="Division">GB/T division (2 digits).</param>
/// <param name="CountyAdcode">County, or null when the address names neither a county nor a placed zone.</param>
/// <param name="Basis">How the county was found: <c>address</c>, <c>zone:NAME</c> (the catalogue places the zone), <c>zone-point:NAME</c> (the zone's geocoded point does, <see cref="ZonePoints"/>), or why not.</param>
public sealed record ListedCompany(string Code, string Name, IndustryCode Division, string? CountyAdcode, string Basis);

/// <summary>
/// Reads the reference lists into evidence items per county: listed companies, featured clusters, zones'
/// main industries, recognised chemical parks, top-100 counties, 省财政直管县, national logistics hubs.
/// Every item keeps its list, year and source address.
/// </summary>
internal static partial class ReferenceEvidence
{
    public const string ListedFile = "reference/shandong_listed_companies_szse_2025.csv";

    /// <summary>The words that make a zone a likely chemical park (待认定).</summary>
    public const string ChemicalParkCandidateWordsFile = "rules/chemical-park-candidates.csv";

    public static IReadOnlyList<ListedCompany> ListedCompanies(SeedFiles files, IndustryCatalog industries, IReadOnlyList<ParkReference> zones)
    {
        var resolver = new ZoneAddresses(zones, ZonePoints.Place(files, zones));
        var companies = new List<ListedCompany>();
        foreach (var r in files.Rows(ListedFile))
        {
            var division = r["csrc_division_code"].Length == 3 ? r["csrc_division_code"][1..] : string.Empty;
            if (!IndustryCode.TryParse(division, out var code) || !industries.Contains(code)) continue;
            var county = string.IsNullOrEmpty(r["county_adcode"]) ? null : r["county_adcode"];
            var basis = "address";
            if (county is null)
            {
                var zone = resolver.Resolve(r["注册地址"], r["城市"]);
                county = zone?.Zone.CountyAdcode;
                basis = zone is not { } z ? "unplaced: " + r["mapping_note"] : (z.ByPoint ? "zone-point:" : "zone:") + z.Zone.Name;
            }

            companies.Add(new ListedCompany(r["A股代码"], r["A股简称"], code, county, basis));
        }

        return companies;
    }

    public static ILookup<string, EvidenceItem> Read(
        SeedFiles files,
        IReadOnlyList<ListedCompany> listed,
        IEnumerable<ParkSeed> parks,
        IndustryPhrasebook phrasebook,
        IndustryCatalog industries,
        ChemicalParkRule chemical,
        IReadOnlyDictionary<string, IReadOnlyList<string>> countiesOfCity)
    {
        var items = new List<(string County, EvidenceItem Item)>();

        foreach (var c in listed.Where(c => c.CountyAdcode is not null))
        {
            var where = c.Basis.StartsWith("zone:", StringComparison.Ordinal) ? $"，注册地址在{c.Basis[5..]}"
                : c.Basis.StartsWith("zone-point:", StringComparison.Ordinal) ? $"，注册地址在{c.Basis[11..]}（该开发区目录未注明区县，按其地理编码坐标落在本县，待核实）"
                : string.Empty;
            items.Add((c.CountyAdcode!, new EvidenceItem(
                EvidenceKind.ListedCompany,
                $"上市公司 {c.Name}（{c.Code}），证监会行业 {c.Division} {industries.Find(c.Division)?.Name}{where}",
                2025, [c.Division], "深交所 A 股列表（2025-12-28 导出）", "https://www.szse.cn/market/product/stock/list/", c.Name)));
        }

        foreach (var r in files.Rows("reference/shandong_featured_industry_clusters_partial.csv").Where(r => !string.IsNullOrEmpty(r["county_adcode"])))
        {
            var codes = IndustryPhrasebook.Split(r["industry_zh"]).SelectMany(phrasebook.Lookup).Distinct().ToArray();
            if (codes.Length == 0) continue;
            items.Add((r["county_adcode"], new EvidenceItem(
                EvidenceKind.FeaturedCluster, $"{r["cluster_name_zh"]}（{r["list_status"]}）", Year(r["list_year"]) ?? 2020, codes,
                r["list_name"], r["source_url"], r["cluster_name_zh"])));
        }

        foreach (var park in parks.Where(p => p.Reference.CountyAdcode is not null && p.Profile.MainIndustries.Count > 0))
        {
            var level = park.Reference.Level switch { ParkLevel.National => "国家级", ParkLevel.Provincial => "省级", _ => string.Empty };
            items.Add((park.Reference.CountyAdcode!, new EvidenceItem(
                EvidenceKind.ZoneMainIndustry, $"{level}开发区 {park.Reference.Name} 主导产业：{park.Reference.MainIndustriesText}", 2018,
                park.Profile.MainIndustries, "中国开发区审核公告目录（2018 年版）", null, park.Reference.Name)));
        }

        // One item per park: the lists name some parks several times (batch, extension, ranking); the latest counts.
        // A park the notice names without a county is placed through the zone catalogue where it is a catalogued zone.
        var chemicalZones = new ChemicalParkZones(parks.Select(p => p.Reference));
        foreach (var g in files.Rows("reference/shandong_chemical_parks_partial.csv")
                     .Select(r => (Row: r, Zone: string.IsNullOrEmpty(r["county_adcode"]) ? chemicalZones.Resolve(r["park_name_as_written"]) : null))
                     .Where(x => !string.IsNullOrEmpty(x.Row["county_adcode"]) || x.Zone is not null)
                     .GroupBy(x => (County: x.Zone?.CountyAdcode ?? x.Row["county_adcode"], Park: x.Row["park_name_as_written"], Zone: x.Zone?.Name)))
        {
            var latest = g.Select(x => x.Row).OrderByDescending(r => Year(r["event_date"]) ?? UndatedChemicalYear).First();
            var placed = g.Key.Zone is { } zone ? $"，所在县据 2018 年开发区目录中的{zone}" : string.Empty;
            items.Add((g.Key.County, new EvidenceItem(
                EvidenceKind.ChemicalPark, $"认定化工园区 {g.Key.Park}（{latest["park_type_or_status"]}：{latest["event_as_written"]}{placed}）",
                Year(latest["event_date"]) ?? UndatedChemicalYear, chemical.Codes, "山东省化工园区认定、扩区公示", latest["source"], g.Key.Park)));
        }

        // Likely chemical parks (待认定): a placed zone whose name or main industries carry a word of
        // rules/chemical-park-candidates.csv, in a county no recognised park above covers. A coordinator confirms or refutes
        // one through the park's chemical-park flag; until then the chemical-park rule treats it as the weights say.
        var recognised = items.Where(i => i.Item.Kind == EvidenceKind.ChemicalPark).Select(i => i.County).ToHashSet(StringComparer.Ordinal);
        var words = files.Rows(ChemicalParkCandidateWordsFile).Select(r => r["word"]).ToArray();
        foreach (var park in parks.Where(p => p.Reference.CountyAdcode is { } county && !recognised.Contains(county)))
        {
            var said = $"{park.Reference.Name} {park.Reference.MainIndustriesText}";
            if (words.FirstOrDefault(w => said.Contains(w, StringComparison.Ordinal)) is not { } word) continue;
            var level = park.Reference.Level switch { ParkLevel.National => "国家级", ParkLevel.Provincial => "省级", _ => string.Empty };
            items.Add((park.Reference.CountyAdcode!, new EvidenceItem(
                EvidenceKind.ChemicalParkCandidate,
                $"疑似化工园区（待认定）：{level}开发区 {park.Reference.Name} 名称或主导产业（{park.Reference.MainIndustriesText}）含“{word}”，不在已收录的认定化工园区名单上，须协调员核实是否为认定化工园区",
                2018, [], "中国开发区审核公告目录（2018 年版）；关键词见 seeds/rules/chemical-park-candidates.csv", null, park.Reference.Name)));
        }

        foreach (var r in files.Rows("reference/shandong_top100_counties.csv").Where(r => !string.IsNullOrEmpty(r["county_adcode"])))
        {
            var rank = FirstNumber().Match(r["national_rank"]) is { Success: true } m ? int.Parse(m.Value) : (int?)null;
            items.Add((r["county_adcode"], new EvidenceItem(
                EvidenceKind.Top100County, $"{r["list_name"]} 第 {r["national_rank"]} 位", Year(r["list_year"]) ?? 2020, [],
                r["list_name"], r["source"], r["list_name"], rank)));
        }

        foreach (var r in files.Rows("reference/shandong_province_direct_fiscal_counties.csv").Where(r => !string.IsNullOrEmpty(r["county_adcode"])))
        {
            items.Add((r["county_adcode"], new EvidenceItem(
                EvidenceKind.FiscallyDirect, "省财政直管县（第三方页面，无日期和文号，待核实）", 0, [],
                r["list"], r["source"], "省财政直管县")));
        }

        foreach (var r in files.Rows("reference/shandong_national_logistics_hubs.csv"))
        {
            IndustryCode[] codes = r["hub_type_as_written"].Contains("港口", StringComparison.Ordinal)
                ? [IndustryCode.Parse("55"), IndustryCode.Parse("58"), IndustryCode.Parse("59")]
                : [IndustryCode.Parse("54"), IndustryCode.Parse("58"), IndustryCode.Parse("59")];
            foreach (var county in countiesOfCity.GetValueOrDefault(r["city_adcode"]) ?? [])
            {
                items.Add((county, new EvidenceItem(
                    EvidenceKind.LogisticsHub, $"所在市 {r["city_as_written"]} 为{r["hub_type_as_written"]}承载城市（{r["list_year"]} 年，城市级，未指明县）",
                    Year(r["list_year"]) ?? 2019, codes, "国家物流枢纽建设名单", r["source"], $"{r["city_as_written"]}{r["hub_type_as_written"]}{r["list_year"]}")));
            }
        }

        return items.ToLookup(i => i.County, i => i.Item, StringComparer.Ordinal);
    }

    /// <summary>Chemical-park notices without a date are from the lists' second round (late 2023).</summary>
    private const int UndatedChemicalYear = 2023;

    private static int? Year(string text) => FourDigits().Match(text) is { Success: true } m ? int.Parse(m.Value) : null;

    [GeneratedRegex(@"(19|20)\d{2}")]
    private static partial Regex FourDigits();

    [GeneratedRegex(@"\d+")]
    private static partial Regex FirstNumber();

    public static ChemicalParkRule ChemicalRule(SeedFiles files, IndustryCatalog industries) => new(
        files.Rows("rules/chemical-projects.csv").Select(r =>
        {
            var code = IndustryCode.Parse(r["code"]);
            if (!industries.Contains(code))
                throw new InvalidDataException($"seeds/rules/chemical-projects.csv: {code} is not a GB/T 4754-2017 code.");
            return code;
        }));
}
