using Matching.Domain.Validation;

namespace Matching.Domain.Landing;

/// <summary>Where one stage stands: its latest report and, once one was confirmed, the last confirmed report.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Latest">The latest report of the stage, whatever its status.</param>
/// <param name="LastConfirmed">The last confirmed report (for 资金到位 an earlier one while a new one awaits review).</param>
public sealed record LandingStageState(LandingStage Stage, LandingReport Latest, LandingReport? LastConfirmed);

/// <summary>An overdue flag on a project: the stage whose clock ran out, when it was due and when the warning fired.</summary>
public sealed record LandingOverdue(LandingStage Stage, DateTimeOffset Due, DateTimeOffset FlaggedAt);

/// <summary>
/// A project's landing state as its row keeps it: at most one entry per stage, so it never grows with
/// use (every report is a history row). Immutable; <see cref="Report"/> and <see cref="Review"/> return the next value.
/// </summary>
/// <param name="Stages">One entry per stage reported at least once, in stage order.</param>
/// <param name="Reports">How many reports the project has had (the last report's number).</param>
/// <param name="Overdue">Set when a stage clock ran out and the warning fired; cleared once that stage is reported.</param>
public sealed record LandingProgress(IReadOnlyList<LandingStageState> Stages, int Reports, LandingOverdue? Overdue = null)
{
    /// <summary>No stage reported yet.</summary>
    public static LandingProgress None { get; } = new([], 0);

    /// <summary>The stage's state, or null when it was never reported.</summary>
    public LandingStageState? Of(LandingStage stage) => Stages.FirstOrDefault(s => s.Stage == stage);

    /// <summary>True when a report of the stage was confirmed.</summary>
    public bool IsConfirmed(LandingStage stage) => Of(stage)?.LastConfirmed is not null;

    /// <summary>The report awaiting a coordinator, if any (at most one per stage).</summary>
    public IReadOnlyList<LandingReport> Pending =>
        Stages.Select(s => s.Latest).Where(r => r.Status == LandingReportStatus.Reported).ToArray();

    /// <summary>The last confirmed figures of a stage (what ledgers count), or null.</summary>
    public LandingFigures? Confirmed(LandingStage stage) => Of(stage)?.LastConfirmed?.Figures;

    /// <summary>Why the stage may not be reported now (in Chinese), or null when it may.</summary>
    public string? Refusal(LandingStage stage)
    {
        if (stage.Previous() is { } previous && !IsConfirmed(previous))
            return $"须先经统筹确认“{previous.Label()}”，才能报告“{stage.Label()}”。";
        var state = Of(stage);
        if (state?.Latest.Status == LandingReportStatus.Reported)
            return $"“{stage.Label()}”已报告（第 {state.Latest.Number} 号），正待统筹确认，不能重复报告。";
        if (state?.LastConfirmed is not null && !stage.Repeats())
            return $"“{stage.Label()}”已经确认，不能重复报告。";
        return null;
    }

    /// <summary>The stages the county may report now, in order.</summary>
    public IReadOnlyList<LandingStage> Reportable => LandingStages.All.Where(s => Refusal(s) is null).ToArray();

    /// <summary>Adds a validated report (numbered next); clears an overdue flag on its stage.</summary>
    /// <exception cref="InvalidOperationException">The stage may not be reported now (validate first).</exception>
    public LandingProgress Report(LandingFigures figures, IReadOnlyList<Guid> attachments, string county, string actor, DateTimeOffset at, string? note)
    {
        if (Refusal(figures.Stage) is { } refusal) throw new InvalidOperationException(refusal);
        var report = new LandingReport(Reports + 1, figures, attachments, county, actor, at, note);
        var confirmed = Of(figures.Stage)?.LastConfirmed;
        return this with
        {
            Stages = Put(new LandingStageState(figures.Stage, report, confirmed)),
            Reports = report.Number,
            Overdue = Overdue?.Stage == figures.Stage ? null : Overdue,
        };
    }

    /// <summary>Confirms or returns the report awaiting review with the given number.</summary>
    /// <param name="number">The report's number, as the coordinator saw it.</param>
    /// <param name="confirm">True to confirm, false to return.</param>
    /// <param name="reason">Why; required to return.</param>
    /// <param name="actor">The coordinator.</param>
    /// <param name="at">When.</param>
    /// <exception cref="DomainValidationException">No such pending report, or a return without reason.</exception>
    public (LandingProgress Next, LandingReport Reviewed) Review(int? number, bool confirm, string? reason, string actor, DateTimeOffset at)
    {
        var errors = new FieldErrors();
        var text = TextInput.Check(reason, "reason", 1000, errors, multiline: true);
        if (!confirm && text.Length == 0) errors.Add("reason", "退回须写明理由。");
        var pending = Pending.FirstOrDefault(r => r.Number == number);
        if (number is null) errors.Add("number", "必填：所确认或退回的报告编号。");
        else if (pending is null) errors.Add("number", $"没有待确认的第 {number} 号报告（可能已被确认或退回）。");
        if (!errors.IsEmpty) throw new DomainValidationException(errors);

        var reviewed = pending! with
        {
            Status = confirm ? LandingReportStatus.Confirmed : LandingReportStatus.Returned,
            ReviewedBy = actor,
            ReviewedAt = at,
            Reason = text.Length == 0 ? null : text,
        };
        var state = Of(reviewed.Stage)!;
        var next = this with { Stages = Put(new LandingStageState(reviewed.Stage, reviewed, confirm ? reviewed : state.LastConfirmed)) };
        return (next, reviewed);
    }

    /// <summary>Sets the overdue flag (a warning fired).</summary>
    public LandingProgress Flag(LandingOverdue overdue) => this with { Overdue = overdue };

    private IReadOnlyList<LandingStageState> Put(LandingStageState state) =>
        [.. Stages.Where(s => s.Stage != state.Stage).Append(state).OrderBy(s => s.Stage)];
}
