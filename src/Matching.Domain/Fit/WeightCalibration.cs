using System.Reflection;
using Matching.Domain.Projects;

namespace Matching.Domain.Fit;

/// <summary>A project whose county is known: what calibration fits the weights to.</summary>
/// <param name="Project">The project.</param>
/// <param name="Adcode">The county it went to.</param>
/// <param name="Snapshot">
/// The counties to rank for this case when they differ from the calibration's (a leave-one-out case hides its own
/// evidence); null to use the calibration's snapshot.
/// </param>
public sealed record LabelledCase(ProjectDetails Project, string Adcode, MatchingSnapshot? Snapshot = null);

/// <summary>How well a set of weights ranks labelled cases.</summary>
/// <param name="Mrr">Mean reciprocal rank of the true county (an excluded county counts 0).</param>
/// <param name="HitAt10">Share of cases whose county ranks in the top 10.</param>
public sealed record RankingQuality(double Mrr, double HitAt10);

/// <summary>The outcome of a calibration: the fitted weights, the ones changed, quality before and after.</summary>
public sealed record CalibrationResult(MatchWeights Weights, IReadOnlyDictionary<string, double> Changed, RankingQuality Before, RankingQuality After, int Rounds);

/// <summary>
/// Fits the factor weights to labelled cases (project → the county it went to) by coordinate ascent on the
/// mean reciprocal rank: each tunable weight in turn is tried at 0, ½, 1½ and 2 times its value (a few
/// points when it is 0; ¼, ½ and 1 for a share), the best kept when it raises MRR by at least <see cref="MinimumGain"/>, over
/// rounds until nothing changes. Ties count at their expected rank, so no weight gains from the adcode
/// tie-break. A local optimum for the given cases, not a proof: compare on cases it was not fitted to.
/// </summary>
public static class WeightCalibration
{
    /// <summary>The weights calibration may change: the factor maxima and the evidence kinds' weights.</summary>
    public static IReadOnlyList<string> Tunable { get; } =
    [
        nameof(MatchWeights.IndustryClass), nameof(MatchWeights.IndustryGroup), nameof(MatchWeights.IndustryDivision),
        nameof(MatchWeights.AgglomerationMax), nameof(MatchWeights.EconomicStrength), nameof(MatchWeights.ChainMax),
        nameof(MatchWeights.CrowdingMax), nameof(MatchWeights.BalanceMax), nameof(MatchWeights.LandHeadroom),
        nameof(MatchWeights.Proximity), nameof(MatchWeights.FirstContact),
        nameof(MatchWeights.EvidenceListedCompany), nameof(MatchWeights.EvidenceFeaturedCluster), nameof(MatchWeights.EvidenceZoneMainIndustry),
        nameof(MatchWeights.IndustryChain), nameof(MatchWeights.EvidenceChainShare), nameof(MatchWeights.StrengthNationalZone),
        nameof(MatchWeights.IndustryCommonness),
        nameof(MatchWeights.SpilloverMax), nameof(MatchWeights.SpilloverNeighbourShare), nameof(MatchWeights.SpilloverPrefectureShare),
        nameof(MatchWeights.ChemicalParkCandidate),
    ];

    /// <summary>
    /// The tunable weights of the model before chain closeness and zone strength (2026-12-02): what the benchmark fits
    /// when it compares the previous model like with like.
    /// </summary>
    public static IReadOnlyList<string> TunableBefore { get; } = Tunable.Take(14).ToArray();

    /// <summary>Weights that are shares (0 to 1): tried from 0 at ¼, ½ and 1 rather than at a few points.</summary>
    private static readonly HashSet<string> Shares =
        [nameof(MatchWeights.IndustryCommonness), nameof(MatchWeights.EvidenceChainShare), nameof(MatchWeights.SpilloverNeighbourShare), nameof(MatchWeights.SpilloverPrefectureShare), nameof(MatchWeights.StrengthNationalZone), nameof(MatchWeights.StrengthProvincialZone)];

    /// <summary>Smallest MRR gain that changes a weight (smaller gains are noise on a few hundred cases).</summary>
    public const double MinimumGain = 0.001;

    /// <summary>Fits the weights.</summary>
    /// <param name="cases">Labelled cases; their counties must be in the snapshot.</param>
    /// <param name="snapshot">The counties to rank.</param>
    /// <param name="start">The weights to start from (the configuration in force).</param>
    /// <param name="modelOf">Builds the model for a set of weights.</param>
    /// <param name="rounds">Most passes over the tunable weights.</param>
    /// <param name="tunable">The weights it may change (by name); <see cref="Tunable"/> when null.</param>
    public static CalibrationResult Fit(IReadOnlyList<LabelledCase> cases, MatchingSnapshot snapshot, MatchWeights start, Func<MatchWeights, FitModel> modelOf, int rounds = 3, IReadOnlyList<string>? tunable = null)
    {
        tunable ??= Tunable;
        var before = Measure(cases, snapshot, modelOf(start));
        var (best, quality) = (start, before);
        var done = 0;
        for (var round = 0; round < rounds; round++)
        {
            done++;
            var changed = false;
            foreach (var name in tunable)
            {
                var current = Get(best, name);
                double[] tries = current != 0 ? [0, current * 0.5, current * 1.5, current * 2]
                    : Shares.Contains(name) ? [0.25, 0.5, 1] : [current + 2, current + 5];
                foreach (var value in tries)
                {
                    var candidate = Set(best, name, Math.Round(value, 2));
                    var q = Measure(cases, snapshot, modelOf(candidate));
                    if (q.Mrr >= quality.Mrr + MinimumGain) (best, quality, changed) = (candidate, q, true);
                }
            }

            if (!changed) break;
        }

        var diff = tunable.Where(n => Get(best, n) != Get(start, n)).ToDictionary(n => n, n => Get(best, n));
        return new CalibrationResult(best, diff, before, quality, done);
    }

    /// <summary>MRR and hit@10 of a model on labelled cases.</summary>
    public static RankingQuality Measure(IReadOnlyList<LabelledCase> cases, MatchingSnapshot snapshot, FitModel model)
    {
        if (cases.Count == 0) return new RankingQuality(0, 0);
        var (mrr, hits) = (0d, 0);
        foreach (var rank in Ranks(cases, snapshot, model))
        {
            if (rank is not { } r) continue;
            mrr += 1 / r;
            if (r <= 10) hits++;
        }

        return new RankingQuality(mrr / cases.Count, (double)hits / cases.Count);
    }

    /// <summary>
    /// The rank of each case's county (1-based, ties at their expected position: strictly better + half the ties),
    /// or null where the model excludes it.
    /// </summary>
    public static double?[] Ranks(IReadOnlyList<LabelledCase> cases, MatchingSnapshot snapshot, FitModel model)
    {
        // Cases are independent (each its own snapshot and county), so they are ranked in parallel: a fit measures
        // hundreds of weight sets, and cross-validation five fits. The ranks do not depend on the order.
        var ranks = new double?[cases.Count];
        Parallel.For(0, cases.Count, k => ranks[k] = RankOf(cases[k], snapshot, model));
        return ranks;
    }

    private static double? RankOf(LabelledCase c, MatchingSnapshot snapshot, FitModel model)
    {
        var counties = c.Snapshot ?? snapshot;
        var scores = new double?[counties.All.Count];
        double? own = null;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = model.Score(c.Project, counties.All[i], counties);
            if (counties.All[i].Adcode == c.Adcode) own = scores[i];
        }

        if (own is not { } mine) return null;
        var (better, ties) = (0, 0);
        foreach (var s in scores)
        {
            if (s > mine) better++;
            else if (s == mine) ties++;
        }

        return better + (ties + 1) / 2.0;
    }

    private static PropertyInfo Property(string name) =>
        typeof(MatchWeights).GetProperty(name) ?? throw new ArgumentException($"MatchWeights has no {name}.", nameof(name));

    /// <summary>A weight's value by name.</summary>
    public static double Get(MatchWeights weights, string name) => Convert.ToDouble(Property(name).GetValue(weights), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A copy of the weights with one changed by name (configuration keys are these names).</summary>
    public static MatchWeights Set(MatchWeights weights, string name, double value)
    {
        var copy = weights with { };
        var property = Property(name);
        property.SetValue(copy, property.PropertyType == typeof(int) ? (int)Math.Round(value) : value);
        return copy;
    }
}
