using Matching.Domain.Counties;
using Matching.Domain.Fit;
using Matching.Domain.Geography;
using Matching.Domain.Industries;
using Matching.Domain.Projects;
using Matching.Seeds;

namespace Matching.Domain.Tests;

internal static class Samples
{
    private static readonly Lazy<ShandongSeeds> Seeds = new(() => ShandongSeeds.Load(ShandongSeeds.DefaultPath));

    public static ShandongSeeds Shandong => Seeds.Value;

    public static Province Province => Seeds.Value.Province;

    public static FitModel Model(MatchWeights? weights = null) =>
        new(weights ?? new MatchWeights(), Seeds.Value.Chains, Province.Industries);

    /// <summary>Every seeded county with its seeded parks, as matching sees them before any edit.</summary>
    public static MatchingSnapshot Snapshot(Func<County, County>? edit = null, params RecentAward[] awards) =>
        new(Seeds.Value.InitialCandidates(DateTimeOffset.UnixEpoch)
                .Select(c => edit is null ? c : c with { County = edit(c.County) }),
            awards);

    public static ProjectDetails Details() => new(
        "示例项目", "", IndustryCode.Parse("3612"), null, null, 100_000, 200, 1000, 300, 5000, false, false,
        new Investor("示例企业", null, InvestorKind.Private), null, null);

    public static ProjectInput Input() => new()
    {
        Title = "动力电池项目",
        IndustryCode = "3841",
        Investment = 500_000,
        LandMu = 600,
        EnergyTce = 20_000,
        Jobs = 1500,
        ExpectedTax = 20_000,
        Investor = new InvestorInput("某电池有限公司", CreditCode.WithCheck("91370200MA3ABCDE1"), InvestorKind.Private),
    };
}
