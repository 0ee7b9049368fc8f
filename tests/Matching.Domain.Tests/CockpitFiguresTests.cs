using Matching.Domain.Cockpit;

namespace Matching.Domain.Tests;

public sealed class CockpitFiguresTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private static CockpitCounty County(string adcode, string prefecture, bool weaker = false) =>
        new(adcode, adcode, prefecture, $"市{prefecture}", weaker, 10, 100, 20, 200);

    [Fact]
    public void A_cobuild_counts_once_at_its_lead_and_splits_its_investment_by_share_and_hhi_follows_the_split()
    {
        SettledProject[] settled =
        [
            new(Guid.NewGuid(), "36", 600, March, "A", []),
            new(Guid.NewGuid(), "36", 400, March.AddDays(40), "B", [new HostShare("B", 50), new HostShare("C", 50)]),
        ];
        var report = CockpitFigures.Compute(settled, [County("A", "P1"), County("B", "P1", weaker: true), County("C", "P2", weaker: true)], null, null);

        Assert.Equal([1, 1, 0], report.Counties.Select(c => c.Projects));
        Assert.Equal([600m, 200m, 200m], report.Counties.Select(c => c.Investment));
        var division = Assert.Single(report.Divisions);
        // Shares 60 %, 20 %, 20 %: 3600 + 400 + 400.
        Assert.Equal(4400, division.Hhi);
        Assert.Equal(("A", 60.0), (division.TopCounty, division.TopShare));
        Assert.Equal([("2026-03", 10000.0), ("2026-04", 4400.0)], report.Trend.Select(t => (t.Month, t.Hhi)));
        Assert.Equal((2, 1, 1000m, 400m), (report.Weaker.Projects, report.Weaker.WeakerProjects, report.Weaker.Investment, report.Weaker.WeakerInvestment));
        Assert.Equal((50.0, 40.0), (report.Weaker.ProjectShare, report.Weaker.InvestmentShare));
        Assert.Equal([800m, 200m], report.Prefectures.Select(p => p.Investment));
        Assert.Equal([20m, 10m], report.Prefectures.Select(p => p.LandReservedMu));
    }

    [Fact]
    public void The_period_keeps_decisions_from_its_start_up_to_its_end()
    {
        SettledProject[] settled = [new(Guid.NewGuid(), "13", 100, March, "A", []), new(Guid.NewGuid(), "13", 100, March.AddDays(30), "A", [])];
        var report = CockpitFigures.Compute(settled, [County("A", "P1")], March.AddDays(1), March.AddDays(31));
        Assert.Equal(1, report.Counties[0].Projects);
        Assert.Equal(10000, report.Divisions[0].Hhi);
    }
}
