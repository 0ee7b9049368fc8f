using Matching.Domain.Compliance;
using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Seeds;

namespace Matching.Domain.Tests;

/// <summary>A county's figures and flags are self-declared until a coordinator verifies them; the score and the price-floor check use the value in force.</summary>
public sealed class DeclaredFiguresTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly Lazy<Firewall> Wall = new(() => new Firewall(FairCompetitionRules.Load(ShandongSeeds.DefaultPath)));
    private static readonly FigureCheck Check = new("coordinator", DateTimeOffset.UnixEpoch, "已核对国土部门文件");

    private static Bid Offer(decimal landPrice) => new("370102", "S377001", 300, 20_000, 12, landPrice, "", "", []);

    [Fact]
    public void A_countys_new_floor_is_checked_against_the_floor_in_force_until_verified_and_the_message_says_which()
    {
        var declared = Figure.Declare(30m, new Figure(10m, FigureSource.Reference));
        Assert.True(declared.SelfDeclared);
        Assert.Equal(10m, declared.InForce);

        // 20 万元/亩 passes the floor in force (10) though the county declared 30.
        Assert.False(Wall.Value.Evaluate(Offer(20), new BidContext(declared, []), Today).IsRejected);
        var below = Assert.Single(Wall.Value.Evaluate(Offer(8), new BidContext(declared, []), Today).Violations);
        Assert.Contains("10 万元/亩", below.Message);
        Assert.Contains("县新报 30 万元/亩待核实", below.Message);

        var profile = Samples.Shandong.InitialCandidates(DateTimeOffset.UnixEpoch)[0].County.Profile with { LandPriceFloor = declared };
        var verified = DeclaredFigures.Review(profile, "landPriceFloor", verified: true, Check)!.LandPriceFloor!;
        Assert.False(verified.SelfDeclared);
        Assert.Equal(30m, verified.InForce);
        var now = Assert.Single(Wall.Value.Evaluate(Offer(20), new BidContext(verified, []), Today).Violations);
        Assert.Contains("30 万元/亩（县设定，已核实）", now.Message);

        // A first floor, with nothing in force before it, is checked as declared and said to be unverified.
        var first = Figure.Declare(12m, null);
        Assert.Contains("县自报，未核实", Assert.Single(Wall.Value.Evaluate(Offer(5), new BidContext(first, []), Today).Violations).Message);
        // Rejected, it leaves no floor.
        Assert.Null(DeclaredFigures.Review(profile with { LandPriceFloor = first }, "landPriceFloor", verified: false, Check)!.LandPriceFloor);
    }

    [Fact]
    public void A_declared_flag_counts_in_the_balance_factor_only_once_verified_and_a_rejected_quota_returns_to_the_value_before()
    {
        const string adcode = "371424"; // 临邑县: a 县 without a national zone
        var seeded = Samples.Snapshot();
        var county = seeded.Find(adcode)!.County;
        Assert.False(county.Profile.OldRevolutionaryBase.InForce);
        var edit = new CountyProfileInput(OldRevolutionaryBase: true, LandQuotaMu: county.Profile.LandQuotaMu.Value + 500);
        var declared = edit.ApplyTo(county.Profile, adcode, FigureSource.County, Samples.Province);
        Assert.True(declared.OldRevolutionaryBase.SelfDeclared);
        Assert.Equal(["landQuotaMu", "oldRevolutionaryBase"], DeclaredFigures.Changes(county.Profile, declared).Declared.Order());
        // Declaring the value in force again withdraws the pending declaration.
        Assert.Equal(county.Profile.LandQuotaMu, Figure.Declare(county.Profile.LandQuotaMu.Value, declared.LandQuotaMu));
        Assert.Equal(county.Profile.OldRevolutionaryBase, Flag.Declare(false, declared.OldRevolutionaryBase));
        // Submitting the value in force again declares nothing.
        Assert.Empty(DeclaredFigures.Changes(county.Profile, new CountyProfileInput(FiscallyDirect: county.Profile.FiscallyDirect.Value).ApplyTo(county.Profile, adcode, FigureSource.County, Samples.Province)).Declared);

        var model = Samples.Model();
        var project = new ProjectDetails("测试", "", IndustryCode.Parse("3360"), null, null, 20_000, 0, 100, 10, 100, false, false, new Investor("企业", null, InvestorKind.Private), null, null);
        double Balance(CountyProfile profile)
        {
            var snapshot = seeded.With(seeded.Find(adcode)! with { County = county with { Profile = profile } });
            var fit = model.Assess(project, snapshot.Find(adcode)!, snapshot).Fit!;
            Assert.Equal(fit.Score, model.ScoreAll(project, snapshot)[snapshot.All.ToList().FindIndex(c => c.Adcode == adcode)]);
            return fit.Factors.Single(f => f.Name == "balance").Points;
        }

        var before = Balance(county.Profile);
        Assert.Equal(before, Balance(declared));
        var verified = DeclaredFigures.Review(declared, "oldRevolutionaryBase", verified: true, Check)!;
        Assert.True(verified.OldRevolutionaryBase.InForce);
        Assert.Equal(Math.Min(model.Weights.BalanceMax, before + model.Weights.OldRevolutionaryBase), Balance(verified));

        var rejected = DeclaredFigures.Review(verified, "landQuotaMu", verified: false, Check)!;
        Assert.Equal(county.Profile.LandQuotaMu, rejected.LandQuotaMu);
        Assert.Null(DeclaredFigures.Review(rejected, "landQuotaMu", verified: true, Check));
        Assert.Throws<Validation.DomainValidationException>(() => DeclaredFigures.Review(rejected, "population", verified: true, Check));
    }
}
