using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

/// <summary>
/// The chemical-park rule with likely chemical parks (化工园区待认定): a county whose zone says chemistry but is on no
/// seeded list of recognised parks is ranked with the condition in its reasons, not excluded; a coordinator's flag
/// settles it either way; a county with neither stays excluded by the rule.
/// </summary>
public sealed class ChemicalParkCandidateTests
{
    private static ProjectDetails Project(string code) => new(
        "测试项目", "", IndustryCode.Parse(code), null, null, 200_000, 0, 2000, 300, 5000, false, false,
        new Investor("某企业", null, InvestorKind.Private), null, null);

    // 无棣县: 山东无棣工业园区 (2018 catalogue, 主导产业 化工、轻工、机械), on no seeded chemical-park list.
    private const string Wudi = "371623";

    [Fact]
    public void A_2614_project_ranks_a_county_with_a_likely_chemical_park_saying_it_must_be_recognised_first()
    {
        var snapshot = Samples.Snapshot();
        var model = Samples.Model();
        var wudi = snapshot.Find(Wudi)!;
        Assert.DoesNotContain(wudi.Evidence, e => e.Kind == EvidenceKind.ChemicalPark);
        Assert.Contains(wudi.Evidence, e => e.Kind == EvidenceKind.ChemicalParkCandidate && e.Subject == "山东无棣工业园区" && !e.Verified);

        var fit = model.Assess(Project("2614"), wudi, snapshot).Fit;

        Assert.NotNull(fit);
        var pending = Assert.Single(fit.Factors, f => f.Name == "chemicalPark");
        Assert.Equal(new MatchWeights().ChemicalParkCandidate, pending.Points);
        Assert.StartsWith("化工园区待认定：", pending.Reason, StringComparison.Ordinal);
        Assert.Contains("山东无棣工业园区", pending.Reason);
        Assert.Contains("须协调员核实认定后方可落地", pending.Reason);
        // A project the rule does not cover carries no such condition.
        Assert.DoesNotContain(model.Assess(Project("3670"), wudi, snapshot).Fit!.Factors, f => f.Name == "chemicalPark");
        // Off, the county is excluded like any county without a recognised park.
        var off = Samples.Model(new MatchWeights { ChemicalParkCandidates = 0 });
        Assert.Contains(off.Exclude(Project("2614"), wudi, snapshot)!.Reasons, r => r.StartsWith("化工园区：", StringComparison.Ordinal));
    }

    [Fact]
    public void Ranked_counties_are_the_recognised_parks_and_the_likely_ones_and_the_rest_stay_excluded_by_the_rule()
    {
        var snapshot = Samples.Snapshot();
        var model = Samples.Model();
        var project = Project("2614");

        var (fits, excluded) = model.Rank(project, snapshot.All, snapshot);

        var recognised = fits.Where(f => snapshot.Find(f.Adcode)!.Evidence.Any(e => e.Kind == EvidenceKind.ChemicalPark)).ToArray();
        var likely = fits.Except(recognised).ToArray();
        Assert.Equal(30, recognised.Length);
        Assert.All(recognised, f => Assert.DoesNotContain(f.Factors, x => x.Name == "chemicalPark"));
        Assert.True(likely.Length >= 20, $"{likely.Length} counties on likely chemical parks");
        Assert.All(likely, f => Assert.Contains(f.Factors, x => x.Name == "chemicalPark" && x.Reason.StartsWith("化工园区待认定", StringComparison.Ordinal)));
        Assert.All(excluded, e => Assert.DoesNotContain(snapshot.Find(e.Adcode)!.Evidence, x => x.Kind is EvidenceKind.ChemicalPark or EvidenceKind.ChemicalParkCandidate));
        Assert.All(excluded, e => Assert.Contains(e.Reasons, r => r.StartsWith("化工园区：", StringComparison.Ordinal)));
        Assert.Equal(136, fits.Count + excluded.Count);

        // The fast path agrees, county by county.
        var totals = model.ScoreAll(project, snapshot);
        foreach (var f in fits) Assert.Equal(f.Score, totals[snapshot.All.ToList().FindIndex(c => c.Adcode == f.Adcode)]);
        foreach (var e in excluded) Assert.Null(totals[snapshot.All.ToList().FindIndex(c => c.Adcode == e.Adcode)]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_coordinators_flag_on_the_park_settles_a_likely_chemical_park(bool recognised)
    {
        var snapshot = Samples.Snapshot();
        var wudi = snapshot.Find(Wudi)!;
        var park = wudi.Parks.Single(p => p.Reference.Name == "山东无棣工业园区");
        var flagged = wudi with { Parks = [.. wudi.Parks.Select(p => p == park ? p with { Profile = p.Profile with { ChemicalPark = new Flag(recognised, FigureSource.Coordinator) } } : p)] };
        var edited = snapshot.With(flagged);
        var model = Samples.Model();

        var assessed = model.Assess(Project("2614"), flagged, edited);

        if (recognised)
        {
            Assert.DoesNotContain(assessed.Fit!.Factors, f => f.Name == "chemicalPark");
            Assert.Equal("山东无棣工业园区", edited.TraitsOf(flagged).ChemicalPark);
        }
        else
        {
            // Refuted by a coordinator: the county has no other likely park, so the rule excludes it.
            Assert.Null(edited.TraitsOf(flagged).ChemicalParkCandidate);
            Assert.Contains(assessed.Exclusion!.Reasons, r => r.StartsWith("化工园区：", StringComparison.Ordinal));
            Assert.Null(model.ScoreAll(Project("2614"), edited)[edited.All.ToList().FindIndex(c => c.Adcode == Wudi)]);
        }
    }
}
