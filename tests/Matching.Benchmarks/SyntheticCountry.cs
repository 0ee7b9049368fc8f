using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Parks;
using Matching.Domain.Projects;
using Matching.Search;

namespace Matching.Benchmarks;

/// <summary>
/// Synthetic but realistic data at national scale (2,844 county-level divisions, 12,000 parks) and
/// project streams, generated deterministically from a seed. Industries are drawn from the real GB/T
/// table with manufacturing (section C) weighted as it is in county economies.
/// </summary>
internal sealed class SyntheticCountry(IndustryCatalog industries, int seed = 42)
{
    private static readonly string[] Adjectives = ["年产10万吨", "高效", "智能", "绿色低碳", "N型", "新一代", "高端", "数字化", "年产5000台", "一体化"];
    private static readonly string[] Hot = ["光伏", "锂电池", "新能源汽车", "储能", "氢能", "集成电路", "生物医药", "工业机器人", "碳纤维", "预制菜"];

    private readonly Random _random = new(seed);
    private readonly Industry[] _classes = industries.All.Where(i => i.Level == IndustryLevel.Class).ToArray();
    private readonly Industry[] _manufacturing = industries.All.Where(i => i.Level == IndustryLevel.Class && i.Code.Section == 'C').ToArray();

    public IndustryCode RandomClass() =>
        (_random.NextDouble() < 0.7 ? _manufacturing[_random.Next(_manufacturing.Length)] : _classes[_random.Next(_classes.Length)]).Code;

    /// <summary>Counties on a grid over China's extent, each with 3–6 featured industries, neighbours on the grid, and parks.</summary>
    public IReadOnlyList<Candidate> Candidates(int counties, int parks)
    {
        var side = (int)Math.Ceiling(Math.Sqrt(counties));
        string Adcode(int i) => (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var parkCounts = new int[counties];
        for (var p = 0; p < parks; p++) parkCounts[_random.Next(counties)]++;

        var result = new List<Candidate>(counties);
        for (var i = 0; i < counties; i++)
        {
            var (row, col) = (i / side, i % side);
            var neighbours = new List<string>();
            for (var dr = -1; dr <= 1; dr++)
            for (var dc = -1; dc <= 1; dc++)
            {
                var (r, c) = (row + dr, col + dc);
                var n = r * side + c;
                if ((dr, dc) != (0, 0) && r >= 0 && c >= 0 && c < side && n < counties) neighbours.Add(Adcode(n));
            }

            var reference = new CountyReference(
                Adcode(i), $"县{i}", $"县{i}", "xian", (CountyKind)_random.Next(3), Adcode(i / 20 * 20), $"市{i / 20}",
                (EconomicCircle)_random.Next(3), new GeoPoint(75 + 60.0 * col / side, 18 + 35.0 * row / side), 1500, neighbours);
            var featured = Enumerable.Range(0, _random.Next(3, 7))
                .Select(_ => RandomClass()).Distinct()
                .Select(code => new FeaturedIndustry(code, code.Value, _random.Next(2, 6), FigureSource.Reference))
                .ToArray();
            var profile = new CountyProfile(
                featured,
                new Figure(_random.Next(200, 5000), FigureSource.Default),
                new Figure(_random.Next(5_000, 300_000), FigureSource.Default),
                new Flag(_random.NextDouble() < 0.1, FigureSource.Default),
                new Flag(_random.NextDouble() < 0.1, FigureSource.Default),
                []);
            var countyParks = Enumerable.Range(0, parkCounts[i]).Select(p => new Park(
                new ParkReference($"P{i}-{p}", $"园区{i}-{p}", _random.NextDouble() < 0.2 ? ParkLevel.National : ParkLevel.Provincial,
                    "经济开发区", $"P{i}-{p}", null, 10, "", $"市{i / 20}", Adcode(i), ParkPlacement.ByName, null),
                new ParkProfile(
                    Enumerable.Range(0, _random.Next(1, 5)).Select(_ => RandomClass()).Distinct().ToArray(),
                    new Figure(_random.Next(50, 3000), FigureSource.Default),
                    new Figure(260, FigureSource.Default),
                    new Figure(15, FigureSource.Default)),
                1, DateTimeOffset.UnixEpoch, "seed")).ToArray();
            var county = new County(reference, profile, countyParks.Select(p => p.Id).ToArray(), 1, DateTimeOffset.UnixEpoch, "seed");
            result.Add(new Candidate(county, countyParks));
        }

        return result;
    }

    /// <summary>A project to match: a random class (mostly manufacturing), realistic land and energy, 10 % 两高.</summary>
    public ProjectDetails Project(IReadOnlyList<Candidate> counties) => new(
        "项目", "", RandomClass(), null, null,
        _random.Next(5_000, 500_000), _random.Next(20, 800), _random.Next(500, 60_000), _random.Next(50, 3000), _random.Next(100, 20_000),
        _random.NextDouble() < 0.1, false, new Investor("企业", null, InvestorKind.Private),
        counties[_random.Next(counties.Count)].Adcode, null);

    /// <summary>A project document with a Chinese title and description for the search index.</summary>
    public ProjectDocument Document(int n, IReadOnlyList<string> adcodes)
    {
        var industry = _random.NextDouble() < 0.7 ? _manufacturing[_random.Next(_manufacturing.Length)] : _classes[_random.Next(_classes.Length)];
        var hot = Hot[_random.Next(Hot.Length)];
        var title = $"{Adjectives[_random.Next(Adjectives.Length)]}{(_random.NextDouble() < 0.3 ? hot : string.Empty)}{industry.Name}项目";
        var description = $"建设{industry.Name}生产线，配套{Hot[_random.Next(Hot.Length)]}及{Hot[_random.Next(Hot.Length)]}研发中心。第{n}号";
        var fit = Enumerable.Range(0, _random.Next(0, 6)).Select(_ => adcodes[_random.Next(adcodes.Count)]).Distinct().ToArray();
        return new ProjectDocument(
            Guid.CreateVersion7(), title, description, industry.Code.Value, industry.Name, _random.NextDouble() < 0.5 ? hot : null,
            (ProjectStatus)_random.Next(0, 9), adcodes[_random.Next(adcodes.Count)], fit,
            _random.Next(1_000, 1_000_000), _random.Next(10, 1000), _random.Next(100, 100_000), _random.NextDouble() < 0.1,
            DateTimeOffset.UnixEpoch.AddMinutes(_random.Next(0, 5_000_000)));
    }

    /// <summary>A search as officers make them: text, text with a status, an industry within a county, or a status list.</summary>
    public ProjectQuery Query(IReadOnlyList<string> adcodes)
    {
        var text = Hot[_random.Next(Hot.Length)];
        return _random.Next(4) switch
        {
            0 => new ProjectQuery(Text: text),
            1 => new ProjectQuery(Text: text, Status: ProjectStatus.Open),
            2 => new ProjectQuery(Industry: IndustryCode.Parse(RandomClass().Division!), County: adcodes[_random.Next(adcodes.Count)]),
            _ => new ProjectQuery(Status: (ProjectStatus)_random.Next(0, 9)),
        };
    }
}
