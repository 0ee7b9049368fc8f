namespace Matching.Domain.Cockpit;

/// <summary>A county's share of a settled project (100 for a sole award).</summary>
public sealed record HostShare(string County, decimal Percent);

/// <summary>A settled project (awarded, co-built or landed) as the cockpit counts it.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Division">Its GB/T division (two digits).</param>
/// <param name="Investment">Planned investment, 万元.</param>
/// <param name="DecidedAt">When the award or co-build was decided.</param>
/// <param name="Lead">The lead (or sole) host county: where the project is counted.</param>
/// <param name="Shares">Every host's share: how the investment is split.</param>
public sealed record SettledProject(Guid ProjectId, string Division, decimal Investment, DateTimeOffset DecidedAt, string Lead, IReadOnlyList<HostShare> Shares);

/// <summary>A county as the cockpit shows it: where it is, whether it is weaker, its quotas now.</summary>
public sealed record CockpitCounty(
    string Adcode, string Name, string PrefectureAdcode, string PrefectureName, bool Weaker,
    decimal LandReservedMu, decimal LandCapacityMu, decimal EnergyReservedTce, decimal EnergyCapacityTce);

/// <summary>One county's or prefecture's figures.</summary>
/// <param name="Code">Adcode.</param>
/// <param name="Name">Name.</param>
/// <param name="Prefecture">The prefecture's adcode (itself for a prefecture).</param>
/// <param name="Weaker">True for a weaker county; for a prefecture, false.</param>
/// <param name="Projects">Settled projects with the county as lead host in the period.</param>
/// <param name="Investment">Investment credited in the period, 万元 (co-builds by share).</param>
/// <param name="LandReservedMu">Land reserved now at its parks, 亩.</param>
/// <param name="LandCapacityMu">Land its parks have in all, 亩.</param>
/// <param name="EnergyReservedTce">Energy reserved now, tce per year.</param>
/// <param name="EnergyCapacityTce">Its energy quota, tce per year.</param>
public sealed record AreaFigures(
    string Code, string Name, string Prefecture, bool Weaker, int Projects, decimal Investment,
    decimal LandReservedMu, decimal LandCapacityMu, decimal EnergyReservedTce, decimal EnergyCapacityTce);

/// <summary>How concentrated one division's awarded investment is across counties.</summary>
/// <param name="Division">GB/T division.</param>
/// <param name="Projects">Settled projects of the division in the period.</param>
/// <param name="Investment">Their investment, 万元.</param>
/// <param name="Counties">Counties credited with some of it.</param>
/// <param name="Hhi">Herfindahl–Hirschman index of the investment by county: Σ (100 × share)², 0–10,000.</param>
/// <param name="TopCounty">The county with the largest share.</param>
/// <param name="TopShare">Its share, percent.</param>
public sealed record DivisionConcentration(string Division, int Projects, decimal Investment, int Counties, double Hhi, string? TopCounty, double TopShare);

/// <summary>A division's HHI over everything settled from the period's start to the end of a month.</summary>
public sealed record ConcentrationPoint(string Month, string Division, double Hhi);

/// <summary>What went to weaker counties in the period.</summary>
public sealed record WeakerShare(int Projects, int WeakerProjects, decimal Investment, decimal WeakerInvestment)
{
    /// <summary>Share of projects, percent (0 when none).</summary>
    public double ProjectShare => Projects == 0 ? 0 : Math.Round(100.0 * WeakerProjects / Projects, 1);

    /// <summary>Share of investment, percent (0 when none).</summary>
    public double InvestmentShare => Investment == 0 ? 0 : Math.Round((double)(100 * WeakerInvestment / Investment), 1);
}

/// <summary>The cockpit's figures for one period.</summary>
public sealed record CockpitReport(
    IReadOnlyList<AreaFigures> Counties,
    IReadOnlyList<AreaFigures> Prefectures,
    IReadOnlyList<DivisionConcentration> Divisions,
    IReadOnlyList<ConcentrationPoint> Trend,
    WeakerShare Weaker);

/// <summary>
/// The cockpit's figures from settled projects and counties' quotas. A project counts once, at its lead
/// county, in the period its decision was made ([from, to)); its investment is split over its hosts by
/// share. Quotas are as reserved now (they are not dated). HHI per division over the investment by county.
/// </summary>
public static class CockpitFigures
{
    /// <summary>Divisions the trend follows: the largest by investment.</summary>
    public const int TrendDivisions = 8;

    /// <summary>Computes the figures.</summary>
    public static CockpitReport Compute(IReadOnlyList<SettledProject> settled, IReadOnlyList<CockpitCounty> counties, DateTimeOffset? from, DateTimeOffset? to)
    {
        var inPeriod = settled.Where(p => (from is null || p.DecidedAt >= from) && (to is null || p.DecidedAt < to)).OrderBy(p => p.DecidedAt).ToArray();
        var projects = inPeriod.GroupBy(p => p.Lead).ToDictionary(g => g.Key, g => g.Count());
        var investment = new Dictionary<string, decimal>();
        foreach (var (county, amount) in inPeriod.SelectMany(Credits))
            investment[county] = investment.GetValueOrDefault(county) + amount;

        var countyFigures = counties.Select(c => new AreaFigures(c.Adcode, c.Name, c.PrefectureAdcode, c.Weaker,
            projects.GetValueOrDefault(c.Adcode), decimal.Round(investment.GetValueOrDefault(c.Adcode), 2),
            c.LandReservedMu, c.LandCapacityMu, c.EnergyReservedTce, c.EnergyCapacityTce)).ToArray();
        var prefectures = countyFigures.Join(counties, f => f.Code, c => c.Adcode, (f, c) => (f, c.PrefectureName))
            .GroupBy(x => (x.f.Prefecture, x.PrefectureName))
            .Select(g => new AreaFigures(g.Key.Prefecture, g.Key.PrefectureName, g.Key.Prefecture, false,
                g.Sum(x => x.f.Projects), g.Sum(x => x.f.Investment), g.Sum(x => x.f.LandReservedMu), g.Sum(x => x.f.LandCapacityMu),
                g.Sum(x => x.f.EnergyReservedTce), g.Sum(x => x.f.EnergyCapacityTce)))
            .OrderBy(p => p.Code, StringComparer.Ordinal).ToArray();

        var divisions = inPeriod.GroupBy(p => p.Division).Select(g => Concentration(g.Key, g.ToArray()))
            .OrderByDescending(d => d.Investment).ThenBy(d => d.Division, StringComparer.Ordinal).ToArray();

        var followed = divisions.Take(TrendDivisions).Select(d => d.Division).ToHashSet();
        var trend = new List<ConcentrationPoint>();
        foreach (var month in inPeriod.Select(p => Month(p.DecidedAt)).Distinct())
        {
            var upTo = inPeriod.Where(p => string.CompareOrdinal(Month(p.DecidedAt), month) <= 0).ToArray();
            foreach (var division in followed.Order(StringComparer.Ordinal))
            {
                var of = upTo.Where(p => p.Division == division).ToArray();
                if (of.Length > 0) trend.Add(new ConcentrationPoint(month, division, Concentration(division, of).Hhi));
            }
        }

        var weaker = counties.Where(c => c.Weaker).Select(c => c.Adcode).ToHashSet();
        var share = new WeakerShare(inPeriod.Length, inPeriod.Count(p => weaker.Contains(p.Lead)),
            decimal.Round(inPeriod.Sum(p => p.Investment), 2), decimal.Round(inPeriod.SelectMany(Credits).Where(c => weaker.Contains(c.County)).Sum(c => c.Amount), 2));
        return new CockpitReport(countyFigures, prefectures, divisions, trend, share);
    }

    /// <summary>HHI of the projects' investment by county: Σ (100 × share)².</summary>
    public static DivisionConcentration Concentration(string division, IReadOnlyList<SettledProject> projects)
    {
        var byCounty = projects.SelectMany(Credits).GroupBy(c => c.County).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var total = byCounty.Values.Sum();
        if (total <= 0) return new DivisionConcentration(division, projects.Count, 0, byCounty.Count, 0, null, 0);
        var hhi = byCounty.Values.Sum(v => Math.Pow((double)(100 * v / total), 2));
        var top = byCounty.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First();
        return new DivisionConcentration(division, projects.Count, decimal.Round(total, 2), byCounty.Count, Math.Round(hhi, 1), top.Key, Math.Round((double)(100 * top.Value / total), 1));
    }

    private static IEnumerable<(string County, decimal Amount)> Credits(SettledProject p) =>
        p.Shares.Count == 0 ? [(p.Lead, p.Investment)] : p.Shares.Select(s => (s.County, p.Investment * s.Percent / 100));

    private static string Month(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
