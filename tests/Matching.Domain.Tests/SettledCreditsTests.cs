using Matching.Domain.Agreements;
using Matching.Domain.Cockpit;
using Matching.Domain.Landing;
using Matching.Domain.Reports;

namespace Matching.Domain.Tests;

/// <summary>
/// The settled projects' parts, summed per (year, county) as the row store keeps them, give every county
/// the same report figures as reading every settled project of the year (the previous read path).
/// </summary>
public sealed class SettledCreditsTests
{
    private static readonly string[] Counties = ["371002", "371082", "371003", "370102", "370112"];
    private static readonly string[] Divisions = ["36", "26", "39", "13", "C", "27"];
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static (SettledProject Project, FunnelEntry Funnel) Random(Random random, int year)
    {
        var parties = Counties.OrderBy(_ => random.Next()).Take(random.Next(3) == 0 ? 2 : 1).ToArray();
        IReadOnlyList<HostShare> shares = parties.Length == 1 ? [] : [new(parties[0], 60), new(parties[1], 40)];
        // Decided at any time of the year, the first and last China-time hours included.
        var decided = new DateTimeOffset(year, 1, 1, 0, 0, 0, China).AddMinutes(random.Next(0, 365 * 24 * 60));
        var project = new SettledProject(Guid.NewGuid(), Divisions[random.Next(Divisions.Length)], Math.Round((decimal)random.NextDouble() * 90_000, 2), decided, parties[0], shares);
        var confirmed = LandingStages.All.Take(random.Next(0, 6)).ToHashSet();
        return (project, new FunnelEntry(parties[0], confirmed, random.Next(4) == 0));
    }

    [Fact]
    public void Summed_parts_give_every_county_the_figures_of_reading_every_settled_project()
    {
        var random = new Random(16);
        var settled = Enumerable.Range(0, 400).Select(i => Random(random, 2025 + i % 2)).ToList();
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (project, funnel) in settled)
            foreach (var (name, amount) in SettledCredits.Of(project, funnel))
                sums[name] = sums.GetValueOrDefault(name) + amount;

        foreach (var year in new[] { 2025, 2026, 2027 })
            foreach (var county in Counties)
            {
                var ofYear = settled.Where(s => s.Project.DecidedAt.ToOffset(China).Year == year).ToList();
                var expected = Report(county, year, CountyYearSettled.Of(county, ofYear));
                var kept = Report(county, year, SettledCredits.Read(sums, county, year));
                Assert.Equal(expected.Indicators.Select(i => (i.Key, i.Value)), kept.Indicators.Select(i => (i.Key, i.Value)));
                if (year < 2027) Assert.True(expected["hosted"] > 0);
            }
    }

    [Fact]
    public void A_project_no_longer_settled_credits_nothing_and_the_sum_names_do_not_grow_with_projects()
    {
        Assert.Empty(SettledCredits.Of(null, null));
        var names = SettledCredits.SumsOf("371002", 2026).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        var (project, funnel) = Random(new Random(3), 2026);
        Assert.All(SettledCredits.Of(project, funnel).Keys.Where(k => k.Contains("|371002|")), k => Assert.Contains(k, names));
    }

    private static CountyYearReport Report(string county, int year, CountyYearSettled settled) =>
        CountyYearReports.Compute(county, county, "", year, new CountyYearFacts(0, 0, settled, IndicatorAmounts.Zero, IndicatorAmounts.Zero));
}
