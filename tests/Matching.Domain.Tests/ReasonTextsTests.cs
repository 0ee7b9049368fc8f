using System.Security.Cryptography;
using System.Text;
using Matching.Domain.Evidence;
using Matching.Domain.Fit;
using Matching.Domain.Industries;
using Matching.Domain.Projects;

namespace Matching.Domain.Tests;

/// <summary>
/// The reasons a match shows are the texts users read: rewriting how they are built (to allocate less) must leave
/// every one byte for byte as it was. The digest below was taken with the text-building code from before that rewrite
/// (commit e08199b's), over every fit and exclusion reason of generated projects against generated counties (quotas,
/// flags, pairings, park land, yields, awards, and declared, roster and award evidence, verified and not), so that
/// every branch writes text: 138,958 reasons, 18 MB of text, compared in full. It was taken again, with that same old
/// code, when the seeds placed three more chemical parks (commit 0cecd65), since the seeded Shandong counties are
/// among the inputs; the texts a data change alters are a new digest, never a rewrite's licence to alter them.
/// All three digests were taken again when the seeds placed 11 more listed companies through their zones' geocoded points
/// (branch quality, 2026-12-02): no text-building code changed then (<c>git diff 83818a1 -- src/Matching.Domain</c> touches
/// only <c>WeightCalibration.Ranks</c>), so the old code and this one are the same; only the seeded counties' evidence moved.
/// </summary>
public sealed class ReasonTextsTests
{
    private const string DigestBeforeTheRewrite = "2E4A2C1F7D3A134C46B202759239E4DC3A8155CA50873D6A0BC5CCD19DE2D237";

    /// <summary>
    /// The digest with industry nearby (<see cref="MatchWeights.SpilloverMax"/>, 2026-12-02) at its default: taken when that
    /// factor was added, since it adds its own reason and points to many fits (and so changes their order). With the factor
    /// off, every text is still the one before the rewrite (the test above this one's digest), so nothing else moved.
    /// </summary>
    private const string DigestWithSpillover = "04021F1D86BB6D4B12F8613E2390E155784F25F09A8732037C46B7603EB6B8F3";

    [Fact]
    public void Every_reason_text_is_as_it_was_before_the_reasons_were_rewritten()
    {
        var (texts, count) = Texts(new MatchWeights { SpilloverMax = 0, ChemicalParkCandidates = 0 });
        Assert.Equal(138_995, count);
        Assert.Equal(DigestBeforeTheRewrite, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(texts))));
    }

    [Fact]
    public void Every_reason_text_with_industry_nearby_is_as_it_was_when_that_factor_was_added()
    {
        var (texts, count) = Texts(new MatchWeights { ChemicalParkCandidates = 0 });
        Assert.Equal(143_066, count);
        Assert.Equal(DigestWithSpillover, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(texts))));
    }

    /// <summary>
    /// The digest with likely chemical parks (化工园区待认定, <see cref="MatchWeights.ChemicalParkCandidates"/>, 2026-12-02) at
    /// their default: taken when they were added, since chemical projects then rank the seeded counties whose zones say
    /// chemistry (with their own reason and points) instead of excluding them. With them off, both digests above hold, so
    /// no other text moved.
    /// </summary>
    private const string DigestWithLikelyChemicalParks = "C81D7C5CFE68E65D733873ABC6C5BA55A245BE473B533D2D41265BAE9E9A4ACA";

    [Fact]
    public void Every_reason_text_with_likely_chemical_parks_is_as_it_was_when_they_were_added()
    {
        var (texts, count) = Texts(new MatchWeights());
        Assert.Equal(144_565, count);
        Assert.Equal(DigestWithLikelyChemicalParks, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(texts))));
    }

    /// <summary>Every reason, one a line: each fit's factors and each exclusion's reasons, project by project.</summary>
    private static (string Texts, int Count) Texts(MatchWeights weights)
    {
        var random = new Random(20261202);
        var model = new FitModel(weights, Samples.Shandong.Chains, Samples.Province.Industries, Samples.Shandong.ChemicalParks);
        var classes = Samples.Province.Industries.All.Where(i => i.Level == IndustryLevel.Class).Select(i => i.Code).ToArray();
        var text = new StringBuilder();
        var count = 0;
        foreach (var snapshot in new[] { Samples.Snapshot(), WithDeclaredEvidence(FastRankingTests.Generated(random), random, classes) })
        {
            for (var n = 0; n < 120; n++)
            {
                var first = random.Next(4) == 0 ? null : snapshot.All[random.Next(snapshot.All.Count)].Adcode;
                var project = new ProjectDetails("生成项目", "", classes[random.Next(classes.Length)], null, null,
                    random.Next(5_000, 400_000), random.Next(3) == 0 ? 0 : random.Next(20, 900), random.Next(0, 60_000), 100,
                    random.Next(0, 20_000), random.NextDouble() < 0.15, false, new Investor("企业", null, InvestorKind.Private), first, null);
                var (fits, excluded) = model.Rank(project, snapshot.All, snapshot);
                foreach (var fit in fits)
                {
                    text.Append(fit.Adcode).Append(' ').Append(fit.Score).Append('\n');
                    foreach (var factor in fit.Factors) text.Append(factor.Name).Append(' ').Append(factor.Points).Append(' ').Append(factor.Reason).Append('\n');
                    count += fit.Factors.Count;
                }

                foreach (var exclusion in excluded)
                {
                    foreach (var reason in exclusion.Reasons) text.Append(exclusion.Adcode).Append(" × ").Append(reason).Append('\n');
                    count += exclusion.Reasons.Count;
                }
            }
        }

        return (text.ToString(), count);
    }

    /// <summary>The counties with rosters, declarations and awards of their own, some verified: the evidence words of every kind.</summary>
    private static MatchingSnapshot WithDeclaredEvidence(MatchingSnapshot snapshot, Random random, IndustryCode[] classes) => new(
        snapshot.All.Select(c =>
        {
            var extra = new List<EvidenceItem>();
            for (var k = random.Next(0, 4); k > 0; k--)
            {
                var code = classes[random.Next(classes.Length)];
                var verified = random.Next(2) == 0;
                extra.Add(random.Next(3) switch
                {
                    0 => new EvidenceItem(EvidenceKind.Roster, $"企业名录 {code} {k} 家", 2025, [code], "企业名录", Subject: $"roster-{code}", Verified: verified, SelfDeclared: true, Count: random.Next(1, 30)),
                    1 => new EvidenceItem(EvidenceKind.Declared, $"本县申报 {code}", 2026, [code], "县级申报", Subject: $"申报{code}", Verified: verified, SelfDeclared: true),
                    _ => new EvidenceItem(EvidenceKind.Award, $"获统筹项目 {code}", 2026, [code], "平台", Verified: true),
                });
            }

            return c with { ExtraEvidence = extra };
        }),
        snapshot.RecentAwards);
}
