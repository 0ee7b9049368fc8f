using Matching.Domain.Landing;

namespace Matching.Domain.Cockpit;

/// <summary>A settled project's landing as the funnel counts it: its landing county, the stages a coordinator confirmed, and whether a stage is overdue.</summary>
public sealed record FunnelEntry(string County, IReadOnlySet<LandingStage> Confirmed, bool Overdue);

/// <summary>One step of the funnel: projects with the stage confirmed, and the share of those that reached the previous step.</summary>
public sealed record FunnelStep(LandingStage Stage, int Projects, double ConversionPercent);

/// <summary>The funnel of one county (or the province when <see cref="County"/> is null).</summary>
public sealed record CountyFunnel(string? County, int Settled, IReadOnlyList<FunnelStep> Steps, int Overdue);

/// <summary>
/// The landing funnel: of the settled projects (awarded, co-built, landed) in the period, how many have
/// each stage confirmed (签约 → 开工 → 资金到位 → 投产 → 达产), each step's conversion from the one before
/// (签约 from the settled projects), and how many have a stage overdue. Reported but unconfirmed stages do not count.
/// </summary>
public static class LandingFunnel
{
    /// <summary>The province's funnel and each county's (counties with a settled project only).</summary>
    public static (CountyFunnel Province, IReadOnlyList<CountyFunnel> Counties) Compute(IReadOnlyList<FunnelEntry> entries) =>
        (Of(null, entries), entries.GroupBy(e => e.County).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Of(g.Key, [.. g])).ToArray());

    private static CountyFunnel Of(string? county, IReadOnlyList<FunnelEntry> entries)
    {
        var steps = new List<FunnelStep>();
        var before = entries.Count;
        foreach (var stage in LandingStages.All)
        {
            var reached = entries.Count(e => e.Confirmed.Contains(stage));
            steps.Add(new FunnelStep(stage, reached, before == 0 ? 0 : Math.Round(100.0 * reached / before, 1)));
            before = reached;
        }

        return new CountyFunnel(county, entries.Count, steps, entries.Count(e => e.Overdue));
    }
}
