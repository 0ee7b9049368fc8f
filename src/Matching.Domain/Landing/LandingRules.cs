namespace Matching.Domain.Landing;

/// <summary>A stage clock: the stage must be reported by <see cref="Due"/>, counted from <see cref="From"/>.</summary>
/// <param name="Stage">The stage awaited.</param>
/// <param name="From">When the clock started: the decision for 签约, else the previous stage's confirmation.</param>
/// <param name="Due">When the stage becomes overdue.</param>
public sealed record LandingClock(LandingStage Stage, DateTimeOffset From, DateTimeOffset Due)
{
    /// <summary>True when the clock ran out at <paramref name="now"/>.</summary>
    public bool IsOverdue(DateTimeOffset now) => now >= Due;
}

/// <summary>
/// How long each stage may take (configuration section <c>Landing</c>). A stage's clock starts when the
/// platform learns the previous step happened: the decision for 签约, the coordinator's confirmation of the
/// previous stage otherwise (a report of a date long past does not make the next stage overdue at once).
/// It stops when the stage is reported (a returned report restarts nothing: the clock keeps running).
/// Only one clock runs at a time, since a stage may be reported only after the previous is confirmed.
/// </summary>
public sealed class LandingRules
{
    /// <summary>Default limits: 签约 within 3 months of the decision, 开工 within 6 months of 签约, first 资金到位
    /// within 6 months of 开工, 投产 within 12 months of 资金到位, 达产 within 24 months of 投产.</summary>
    public static IReadOnlyDictionary<LandingStage, TimeSpan> DefaultLimits { get; } = new Dictionary<LandingStage, TimeSpan>
    {
        [LandingStage.Signed] = TimeSpan.FromDays(91),
        [LandingStage.Started] = TimeSpan.FromDays(183),
        [LandingStage.FundsArrived] = TimeSpan.FromDays(183),
        [LandingStage.Producing] = TimeSpan.FromDays(365),
        [LandingStage.AtCapacity] = TimeSpan.FromDays(730),
    };

    /// <summary>Time allowed to reach each stage once its clock started; a stage missing here has no clock.</summary>
    public Dictionary<LandingStage, TimeSpan> Limits { get; set; } = new(DefaultLimits);

    /// <summary>The clock running now, or null when every stage with a limit was reported.</summary>
    /// <param name="progress">The project's landing state.</param>
    /// <param name="decidedAt">When the decision (award or co-build) was made.</param>
    public LandingClock? Running(LandingProgress progress, DateTimeOffset decidedAt)
    {
        foreach (var stage in LandingStages.All)
        {
            var state = progress.Of(stage);
            var reported = state is not null && (state.LastConfirmed is not null || state.Latest.Status == LandingReportStatus.Reported);
            if (reported) continue;
            var from = stage.Previous() is { } previous ? progress.Of(previous)?.LastConfirmed?.ReviewedAt : decidedAt;
            if (from is null) return null; // the previous stage awaits its confirmation: no clock on this one yet
            return Limits.TryGetValue(stage, out var limit) ? new LandingClock(stage, from.Value, from.Value + limit) : null;
        }

        return null;
    }

    /// <summary>The overdue clock at <paramref name="now"/>, or null.</summary>
    public LandingClock? Overdue(LandingProgress progress, DateTimeOffset decidedAt, DateTimeOffset now) =>
        Running(progress, decidedAt) is { } clock && clock.IsOverdue(now) ? clock : null;
}
