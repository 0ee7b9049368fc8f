using Matching.Domain.Counties;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

/// <summary>Scoring through the industry index gives every county the same total as scoring it alone.</summary>
public sealed class IndexedScoringTests
{
    private static ProjectDetails Project(IndustryCode code, decimal landMu, string? firstContact, bool highEnergy = false) => new(
        "测试项目", "", code, null, null, 150_000, landMu, 5000, 300, 20_000, highEnergy, false,
        new Investor("某企业", null, InvestorKind.Private), firstContact, null);

    [Fact]
    public void Every_class_of_the_standard_scores_every_seeded_county_as_the_county_by_county_model_does()
    {
        var snapshot = Samples.Snapshot();
        // A county's own declarations too: self-declared and verified items, a roster item with a count.
        var yishui = snapshot.Find("371323")!;
        var declared = yishui.County with
        {
            Declared =
            [
                new DeclaredEvidence("e1", new EvidenceItem(EvidenceKind.Declared, "龙头企业", 2025, [IndustryCode.Parse("3670")], "县工信局"), EvidenceStatus.SelfDeclared, "county", DateTimeOffset.UnixEpoch),
                new DeclaredEvidence("e2", new EvidenceItem(EvidenceKind.Roster, "名录", 2026, [IndustryCode.Parse("1392")], "名录", Count: 12), EvidenceStatus.Verified, "county", DateTimeOffset.UnixEpoch),
            ],
        };
        snapshot = snapshot.With(yishui with { County = declared });
        var model = Samples.Model();
        var classes = Samples.Province.Industries.All.Where(i => i.Level == IndustryLevel.Class).Select(i => i.Code).ToArray();
        var checkedScores = 0;

        for (var n = 0; n < classes.Length; n++)
        {
            var project = Project(classes[n], landMu: n % 3 == 0 ? 0 : 50 + n % 400, firstContact: n % 2 == 0 ? "370112" : null, highEnergy: n % 7 == 0);

            var totals = model.ScoreAll(project, snapshot);

            for (var i = 0; i < snapshot.All.Count; i++)
            {
                Assert.True(model.Score(project, snapshot.All[i], snapshot) == totals[i], $"{classes[n]} in {snapshot.All[i].Adcode}: {model.Score(project, snapshot.All[i], snapshot)} alone, {totals[i]} indexed");
                if (totals[i] is not null) checkedScores++;
            }
        }

        Assert.True(checkedScores > classes.Length * 50, $"{checkedScores} scores compared");
    }

    [Fact]
    public void Self_declared_evidence_weighs_a_share_of_verified_evidence_and_rejected_evidence_nothing()
    {
        var model = Samples.Model();
        var item = new EvidenceItem(EvidenceKind.Roster, "名录", 2026, [IndustryCode.Parse("3670")], "名录", Count: 10);
        var verified = model.Weigh(new DeclaredEvidence("e1", item, EvidenceStatus.Verified, "c", DateTimeOffset.UnixEpoch).Modelled!, IndustryLevel.Class, 2026);
        var selfDeclared = model.Weigh(new DeclaredEvidence("e1", item, EvidenceStatus.SelfDeclared, "c", DateTimeOffset.UnixEpoch).Modelled!, IndustryLevel.Class, 2026);

        Assert.Equal(model.Weights.EvidenceSelfDeclaredShare * verified, selfDeclared, 9);
        Assert.Equal(model.Weights.EvidenceRoster * (1 + Math.Log(10)), verified, 9);
        Assert.Null(new DeclaredEvidence("e1", item, EvidenceStatus.Rejected, "c", DateTimeOffset.UnixEpoch).Modelled);
    }
}
