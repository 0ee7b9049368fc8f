using Matching.Domain.Landing;
using Matching.Domain.Validation;

namespace Matching.Domain.Tests;

public sealed class LandingStageTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly DateTimeOffset Decided = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid File = Guid.NewGuid();

    private static LandingReportInput Signed(decimal? amount = 5000, DateOnly? date = null) =>
        new(LandingStage.Signed, date ?? Today.AddDays(-10), ContractNumber: "HT-1", Amount: amount, AttachmentIds: [File]);

    private static LandingProgress Confirmed(LandingProgress progress, LandingReportInput input, DateTimeOffset at)
    {
        var (figures, files, note) = input.Validate(progress, Today);
        var reported = progress.Report(figures, files, "370102", "county", at, note);
        return reported.Review(reported.Reports, confirm: true, null, "coordinator", at).Next;
    }

    private static FieldErrors Errors(Action validate) => Assert.Throws<DomainValidationException>(validate).Errors;

    [Fact]
    public void Stages_go_in_order_and_only_funds_repeat()
    {
        var progress = LandingProgress.None;
        Assert.Equal([LandingStage.Signed], progress.Reportable);
        Assert.True(Errors(() => new LandingReportInput(LandingStage.Started, Today, PermitNumber: "P", AttachmentIds: [File]).Validate(progress, Today))
            .ToDictionary().ContainsKey("stage"));

        progress = Confirmed(progress, Signed(), Decided);
        Assert.Equal([LandingStage.Started], progress.Reportable);
        Assert.True(Errors(() => Signed().Validate(progress, Today)).ToDictionary().ContainsKey("stage"));

        progress = Confirmed(progress, new LandingReportInput(LandingStage.Started, Today.AddDays(-5), PermitNumber: "P", AttachmentIds: [File]), Decided);
        progress = Confirmed(progress, new LandingReportInput(LandingStage.FundsArrived, Today, CumulativeFunds: 100, AttachmentIds: [File]), Decided);
        Assert.Equal([LandingStage.FundsArrived, LandingStage.Producing], progress.Reportable);
        Assert.True(Errors(() => new LandingReportInput(LandingStage.FundsArrived, Today, CumulativeFunds: 99, AttachmentIds: [File]).Validate(progress, Today))
            .ToDictionary().ContainsKey("cumulativeFunds"));
        progress = Confirmed(progress, new LandingReportInput(LandingStage.FundsArrived, Today, CumulativeFunds: 150, AttachmentIds: [File]), Decided);
        Assert.Equal(150m, progress.Confirmed(LandingStage.FundsArrived)!.CumulativeFunds);
        Assert.Equal(4, progress.Reports);
    }

    [Fact]
    public void Figures_are_checked_field_by_field()
    {
        var errors = Errors(() => new LandingReportInput(LandingStage.AtCapacity, Today.AddDays(1), OutputValue: -1, Tax: null, Jobs: -3).Validate(LandingProgress.None, Today))
            .ToDictionary();
        Assert.Contains("stage", errors.Keys); // 投产 is not confirmed
        Assert.Contains("date", errors.Keys);
        Assert.Contains("outputValue", errors.Keys);
        Assert.Contains("tax", errors.Keys);
        Assert.Contains("jobs", errors.Keys);
        Assert.Contains("attachmentIds", errors.Keys);
        Assert.Contains("amount", Errors(() => Signed(amount: -0.01m).Validate(LandingProgress.None, Today)).ToDictionary().Keys);
    }

    [Fact]
    public void A_date_cannot_precede_the_previous_stage()
    {
        var progress = Confirmed(LandingProgress.None, Signed(date: Today.AddDays(-3)), Decided);
        var errors = Errors(() => new LandingReportInput(LandingStage.Started, Today.AddDays(-4), PermitNumber: "P", AttachmentIds: [File]).Validate(progress, Today));
        Assert.Contains("date", errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_returned_report_may_be_reported_again_and_a_return_needs_a_reason()
    {
        var (figures, files, _) = Signed().Validate(LandingProgress.None, Today);
        var reported = LandingProgress.None.Report(figures, files, "370102", "county", Decided, null);
        Assert.Contains("reason", Errors(() => reported.Review(1, confirm: false, " ", "coordinator", Decided)).ToDictionary().Keys);
        Assert.Contains("number", Errors(() => reported.Review(2, confirm: true, null, "coordinator", Decided)).ToDictionary().Keys);

        var (returned, report) = reported.Review(1, confirm: false, "合同未盖章", "coordinator", Decided);
        Assert.Equal(LandingReportStatus.Returned, report.Status);
        Assert.Equal([LandingStage.Signed], returned.Reportable);
        Assert.False(returned.IsConfirmed(LandingStage.Signed));
    }

    [Fact]
    public void Clocks_run_from_the_decision_then_from_each_confirmation_and_stop_when_the_stage_is_reported()
    {
        var rules = new LandingRules();
        var clock = rules.Running(LandingProgress.None, Decided)!;
        Assert.Equal((LandingStage.Signed, Decided + TimeSpan.FromDays(91)), (clock.Stage, clock.Due));
        Assert.Null(rules.Overdue(LandingProgress.None, Decided, clock.Due.AddTicks(-1)));
        Assert.Equal(LandingStage.Signed, rules.Overdue(LandingProgress.None, Decided, clock.Due)!.Stage);

        var (figures, files, _) = Signed().Validate(LandingProgress.None, Today);
        var pending = LandingProgress.None.Report(figures, files, "370102", "county", Decided, null);
        Assert.Null(rules.Running(pending, Decided)); // reported: the county did its part; 开工 waits for the confirmation

        var confirmedAt = Decided.AddDays(30);
        var confirmed = pending.Review(1, true, null, "coordinator", confirmedAt).Next;
        var started = rules.Running(confirmed, Decided)!;
        Assert.Equal((LandingStage.Started, confirmedAt, confirmedAt + TimeSpan.FromDays(183)), (started.Stage, started.From, started.Due));

        rules.Limits.Remove(LandingStage.Started);
        Assert.Null(rules.Running(confirmed, Decided));
    }

    [Fact]
    public void An_overdue_flag_clears_when_its_stage_is_reported()
    {
        var flagged = LandingProgress.None.Flag(new LandingOverdue(LandingStage.Signed, Decided, Decided));
        var (figures, files, _) = Signed().Validate(flagged, Today);
        Assert.Null(flagged.Report(figures, files, "370102", "county", Decided, null).Overdue);
    }
}
