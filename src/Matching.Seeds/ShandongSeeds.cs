using System.Globalization;
using System.Text.Json;
using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Parks;

namespace Matching.Seeds;

/// <summary>
/// Everything the platform loads from <c>seeds/</c>: the province's reference data and the first state
/// of every county and park grain. Reading is pure and deterministic; loading into grains is the
/// host's job.
/// </summary>
public sealed class ShandongSeeds
{
    private ShandongSeeds(
        Province province,
        IReadOnlyList<CountySeed> counties,
        IReadOnlyList<ParkSeed> parks,
        IReadOnlyList<string> unmappedPhrases,
        IndustryChains chains,
        ChemicalParkRule chemicalParks,
        IReadOnlyList<ListedCompany> listedCompanies,
        string fingerprint)
    {
        Chains = chains;
        ChemicalParks = chemicalParks;
        ListedCompanies = listedCompanies;
        Province = province;
        Counties = counties;
        Parks = parks;
        UnmappedPhrases = unmappedPhrases;
        Fingerprint = fingerprint;
    }

    /// <summary>Reference data.</summary>
    public Province Province { get; }

    /// <summary>First state of each county, by adcode.</summary>
    public IReadOnlyList<CountySeed> Counties { get; }

    /// <summary>First state of each park, placed and unplaced.</summary>
    public IReadOnlyList<ParkSeed> Parks { get; }

    /// <summary>Industry phrases of the sources that the phrasebook could not map (reported, not dropped).</summary>
    public IReadOnlyList<string> UnmappedPhrases { get; }

    /// <summary>Supplier → customer links between divisions, for chain complementarity.</summary>
    public IndustryChains Chains { get; }

    /// <summary>Which GB/T codes are chemical projects that must go into a recognised chemical park.</summary>
    public ChemicalParkRule ChemicalParks { get; }

    /// <summary>Shandong's Shenzhen-listed companies with their division and county where placed (each placed one is evidence for its county).</summary>
    public IReadOnlyList<ListedCompany> ListedCompanies { get; }

    /// <summary>SHA-256 of the seed files: a store seeded with the same fingerprint needs nothing.</summary>
    public string Fingerprint { get; }

    /// <summary>Every county with its placed parks in their first state: what matching sees before any edit.</summary>
    public IReadOnlyList<Candidate> InitialCandidates(DateTimeOffset at)
    {
        var parks = Parks.Where(p => p.Reference.CountyAdcode is not null).Select(p => p.ToPark(at)).ToLookup(p => p.Reference.CountyAdcode!);
        return Counties.Select(c => new Candidate(c.ToCounty(at), parks[c.Reference.Adcode].ToArray())).ToArray();
    }

    /// <summary>The seed folder next to the running program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "seeds");

    /// <summary>Reads the seeds from a folder laid out as the repository's <c>seeds/</c>.</summary>
    public static ShandongSeeds Load(string root)
    {
        var files = new SeedFiles(root);
        var defaults = JsonSerializer.Deserialize<SeedDefaults>(
            files.ReadText("defaults.json"),
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip })
            ?? throw new InvalidDataException("seeds/defaults.json is empty.");

        var industries = new IndustryCatalog(ReadIndustries(files));
        var phrasebook = new IndustryPhrasebook(ReadPhrases(files, industries));
        var prefectures = ReadPrefectures(files);
        var counties = ReadCounties(files, prefectures);
        var parks = ReadParks(files, counties).ToArray();
        var province = new Province(prefectures.Values, counties.Values, parks, industries, phrasebook);

        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        var parkSeeds = parks.Select(p => SeedPark(p, phrasebook, defaults, unmapped)).ToArray();
        var clusters = ReadClusters(files, phrasebook, unmapped);
        var chemical = ReferenceEvidence.ChemicalRule(files, industries);
        var listed = ReferenceEvidence.ListedCompanies(files, industries, parks);
        var countiesOfCity = counties.Values.GroupBy(c => c.PrefectureAdcode)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Adcode).Order(StringComparer.Ordinal).ToArray());
        var evidence = ReferenceEvidence.Read(files, listed, parkSeeds, phrasebook, industries, chemical, countiesOfCity);
        var countySeeds = province.Counties
            .Select(c => SeedCounty(c with { Evidence = evidence[c.Adcode].ToArray() }, province, parkSeeds, clusters, defaults))
            .ToArray();

        var chains = new IndustryChains(files.Rows("industry-chains.csv").Select(r =>
        {
            foreach (var code in new[] { r["upstream"], r["downstream"] })
            {
                if (industries.Find(code) is not { Level: IndustryLevel.Division })
                    throw new InvalidDataException($"seeds/industry-chains.csv: {code} is not a GB/T 4754-2017 division.");
            }

            return (r["upstream"], r["downstream"]);
        }));

        return new ShandongSeeds(province, countySeeds, parkSeeds, unmapped.ToArray(), chains, chemical, listed, files.Fingerprint());
    }

    private static IEnumerable<Industry> ReadIndustries(SeedFiles files) =>
        files.Rows("reference/gbt4754_2017_industry_classification.csv")
            .Select(r => new Industry(IndustryCode.Parse(r["code"]), r["name_zh"], r["description_zh"]));

    private static IEnumerable<KeyValuePair<string, IReadOnlyList<IndustryCode>>> ReadPhrases(SeedFiles files, IndustryCatalog catalog)
    {
        foreach (var row in files.Rows("industry-phrases.csv"))
        {
            var codes = row["codes"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(IndustryCode.Parse)
                .ToArray();
            foreach (var code in codes)
            {
                if (!catalog.Contains(code))
                    throw new InvalidDataException($"seeds/industry-phrases.csv maps “{row["phrase"]}” to {code}, which GB/T 4754-2017 does not list.");
            }

            yield return new(row["phrase"], codes);
        }
    }

    private static Dictionary<string, Prefecture> ReadPrefectures(SeedFiles files)
    {
        var circles = files.Rows("economic-circles.csv")
            .ToDictionary(r => r["prefecture_adcode"], r => Enum.Parse<EconomicCircle>(r["circle"]));
        return files.Rows("reference/shandong_cities.csv").ToDictionary(
            r => r["city_adcode"],
            r => new Prefecture(r["city_adcode"], r["name"], circles[r["city_adcode"]], Point(r["center_lng"], r["center_lat"])));
    }

    private static Dictionary<string, CountyReference> ReadCounties(SeedFiles files, Dictionary<string, Prefecture> prefectures) =>
        files.Rows("reference/shandong_counties.csv").ToDictionary(
            r => r["adcode"],
            r => new CountyReference(
                r["adcode"],
                r["name"],
                r["name_short"],
                r["pinyin"],
                r["kind"] switch
                {
                    "district" => CountyKind.District,
                    "county" => CountyKind.County,
                    "county_level_city" => CountyKind.City,
                    var other => throw new InvalidDataException($"Unknown county kind '{other}' for {r["adcode"]}."),
                },
                r["city_adcode"],
                r["city_name"],
                prefectures[r["city_adcode"]].Circle,
                Point(r["center_lng"], r["center_lat"]),
                double.Parse(r["area_km2_approx"], CultureInfo.InvariantCulture),
                r["neighbours"].Split(';', StringSplitOptions.RemoveEmptyEntries)));

    private static IEnumerable<ParkReference> ReadParks(SeedFiles files, Dictionary<string, CountyReference> counties)
    {
        var rows = files.Rows("reference/shandong_development_zones_2018.csv").ToArray();
        // The 2018 catalogue gives one code (S377018) to two zones; those get their county appended.
        var duplicated = rows.GroupBy(r => r["catalog_code"]).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var r in rows)
        {
            var adcode = string.IsNullOrEmpty(r["county_best_adcode"]) ? null : r["county_best_adcode"];
            if (adcode is not null && !counties.ContainsKey(adcode))
                throw new InvalidDataException($"Zone {r["name"]} names county {adcode}, which is not in shandong_counties.csv.");
            var code = r["catalog_code"];
            yield return new ParkReference(
                Id: duplicated.Contains(code) ? $"{code}-{adcode}" : code,
                Name: r["name"],
                Level: r["level"] switch { "national" => ParkLevel.National, "provincial" => ParkLevel.Provincial, _ => ParkLevel.Other },
                Type: r["type"],
                CatalogCode: code,
                ApprovedOn: string.IsNullOrEmpty(r["approval_date"]) ? null : r["approval_date"],
                AreaKm2: decimal.TryParse(r["area_km2"], CultureInfo.InvariantCulture, out var area) ? area : null,
                MainIndustriesText: r["main_industries"],
                PrefectureName: r["city"],
                CountyAdcode: adcode,
                Placement: adcode is null ? ParkPlacement.Unplaced : r["county_best_basis"] == "geocode" ? ParkPlacement.ByGeocode : ParkPlacement.ByName,
                Location: string.IsNullOrEmpty(r["lon_wgs84"]) ? null : Point(r["lon_wgs84"], r["lat_wgs84"]));
        }
    }

    private static ParkSeed SeedPark(ParkReference park, IndustryPhrasebook phrasebook, SeedDefaults defaults, ISet<string> unmapped)
    {
        var codes = phrasebook.Normalise(park.MainIndustriesText, out var missing);
        foreach (var phrase in missing) unmapped.Add(phrase);
        var level = park.Level.ToString().ToLowerInvariant();
        // 1 km² = 1,500 亩.
        var available = park.AreaKm2 is { } km2
            ? decimal.Round(km2 * 1500m * defaults.ParkAvailableShareOfArea, 0)
            : defaults.ParkAvailableLandMuWhenAreaUnknown;
        return new ParkSeed(park, new ParkProfile(
            codes,
            new Figure(available, FigureSource.Default),
            new Figure(defaults.InvestmentPerMu[level], FigureSource.Default),
            new Figure(defaults.TaxPerMu[level], FigureSource.Default)));
    }

    private static ILookup<string, (IndustryCode Code, string Label)> ReadClusters(SeedFiles files, IndustryPhrasebook phrasebook, ISet<string> unmapped) =>
        files.Rows("reference/shandong_featured_industry_clusters_partial.csv")
            .Where(r => !string.IsNullOrEmpty(r["county_adcode"]))
            .SelectMany(r => IndustryPhrasebook.Split(r["industry_zh"]).SelectMany(phrase =>
            {
                var codes = phrasebook.Lookup(phrase);
                if (codes.Count == 0) unmapped.Add(phrase);
                return codes.Select(code => (County: r["county_adcode"], Code: code, Label: phrase));
            }))
            .ToLookup(x => x.County, x => (x.Code, x.Label));

    private static CountySeed SeedCounty(
        CountyReference county,
        Province province,
        IReadOnlyList<ParkSeed> parks,
        ILookup<string, (IndustryCode Code, string Label)> clusters,
        SeedDefaults defaults)
    {
        // Featured industries: the county's provincial clusters first (strongest), then the main
        // industries of the zones it hosts, national above provincial. The county edits from there.
        var featured = new Dictionary<IndustryCode, FeaturedIndustry>();
        void Offer(IndustryCode code, string label, int strength)
        {
            if (!featured.TryGetValue(code, out var existing) || existing.Strength < strength)
                featured[code] = new FeaturedIndustry(code, label, strength, FigureSource.Reference);
        }

        foreach (var (code, label) in clusters[county.Adcode]) Offer(code, label, defaults.FeaturedStrength["cluster"]);
        var hosted = parks.Where(p => p.Reference.CountyAdcode == county.Adcode).ToArray();
        foreach (var park in hosted)
        {
            var strength = park.Reference.Level == ParkLevel.National
                ? defaults.FeaturedStrength["nationalPark"]
                : defaults.FeaturedStrength["provincialPark"];
            foreach (var code in park.Profile.MainIndustries)
                Offer(code, province.Industries.Find(code)?.Name ?? code.Value, strength);
        }

        var profile = new CountyProfile(
            featured.Values.OrderByDescending(f => f.Strength).ThenBy(f => f.Code).ToArray(),
            new Figure(defaults.CountyLandQuotaMu, FigureSource.Default),
            new Figure(defaults.CountyEnergyQuotaTce, FigureSource.Default),
            new Flag(false, FigureSource.Default),
            new Flag(false, FigureSource.Default),
            [],
            new Figure(defaults.CountyLandPriceFloorWanPerMu, FigureSource.Default));
        return new CountySeed(county, profile, hosted.Select(p => p.Reference.Id).ToArray());
    }

    private static GeoPoint Point(string lng, string lat) =>
        new(double.Parse(lng, CultureInfo.InvariantCulture), double.Parse(lat, CultureInfo.InvariantCulture));
}
