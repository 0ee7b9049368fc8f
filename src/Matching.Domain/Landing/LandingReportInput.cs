using Matching.Domain.Projects;
using Matching.Domain.Validation;

namespace Matching.Domain.Landing;

/// <summary>
/// A stage report as submitted. Every member is optional so that each missing or wrong field is
/// reported by name. Members that do not belong to the stage are ignored.
/// </summary>
/// <param name="Stage">The stage reported.</param>
/// <param name="Date">When it happened (not in the future, not before the previous stage's date).</param>
/// <param name="ContractNumber">签约: the agreement's number.</param>
/// <param name="Amount">签约: contracted investment, 万元.</param>
/// <param name="PermitNumber">开工: construction permit number.</param>
/// <param name="CumulativeFunds">资金到位: funds arrived so far, 万元 (never less than the last confirmed figure).</param>
/// <param name="OutputValue">达产: yearly output value, 万元.</param>
/// <param name="Tax">达产: yearly tax, 万元.</param>
/// <param name="Jobs">达产: jobs.</param>
/// <param name="AttachmentIds">Evidence files uploaded beforehand (at least one).</param>
/// <param name="Note">A remark.</param>
public sealed record LandingReportInput(
    LandingStage? Stage,
    DateOnly? Date,
    string? ContractNumber = null,
    decimal? Amount = null,
    string? PermitNumber = null,
    decimal? CumulativeFunds = null,
    decimal? OutputValue = null,
    decimal? Tax = null,
    int? Jobs = null,
    IReadOnlyList<Guid>? AttachmentIds = null,
    string? Note = null)
{
    /// <summary>Most evidence files on one report.</summary>
    public const int MaxAttachments = 10;

    /// <summary>Validates the report against the project's landing progress.</summary>
    /// <param name="progress">Where the project stands (order, previous dates, last cumulative funds).</param>
    /// <param name="today">Today in China (dates may not lie after it).</param>
    /// <returns>The figures, the attachment ids (distinct) and the trimmed note.</returns>
    /// <exception cref="DomainValidationException">With every failing field.</exception>
    public (LandingFigures Figures, IReadOnlyList<Guid> Attachments, string? Note) Validate(LandingProgress progress, DateOnly today)
    {
        var errors = new FieldErrors();
        if (Stage is not { } stage)
        {
            errors.Add("stage", "必填：signed、started、fundsArrived、producing 或 atCapacity。");
            throw new DomainValidationException(errors);
        }

        if (progress.Refusal(stage) is { } refusal) errors.Add("stage", refusal);

        if (Date is not { } date) errors.Add("date", "必填：日期。");
        else if (date > today) errors.Add("date", $"不能晚于今天（{today:yyyy-MM-dd}）。");
        else if (stage.Previous() is { } previous && progress.Confirmed(previous) is { } before && date < before.Date)
            errors.Add("date", $"不能早于“{previous.Label()}”日期（{before.Date:yyyy-MM-dd}）。");

        var limits = ProjectInput.Limits.Investment;
        string? contract = null, permit = null;
        decimal? amount = null, funds = null, output = null, tax = null;
        int? jobs = null;
        switch (stage)
        {
            case LandingStage.Signed:
                contract = TextInput.Check(ContractNumber, "contractNumber", 100, errors, required: true);
                amount = MoneyInput.Check(Amount, "amount", errors, limits);
                break;
            case LandingStage.Started:
                permit = TextInput.Check(PermitNumber, "permitNumber", 100, errors, required: true);
                break;
            case LandingStage.FundsArrived:
                funds = MoneyInput.Check(CumulativeFunds, "cumulativeFunds", errors, limits);
                if (funds is { } f && progress.Confirmed(LandingStage.FundsArrived)?.CumulativeFunds is { } last && f < last)
                    errors.Add("cumulativeFunds", $"累计到位资金不能少于上次确认的 {last} 万元。");
                break;
            case LandingStage.AtCapacity:
                output = MoneyInput.Check(OutputValue, "outputValue", errors, limits);
                tax = MoneyInput.Check(Tax, "tax", errors, ProjectInput.Limits.ExpectedTax);
                if (Jobs is null) errors.Add("jobs", "必填：就业人数。");
                else if (Jobs < 0 || Jobs > ProjectInput.Limits.Jobs) errors.Add("jobs", $"须在 0 到 {ProjectInput.Limits.Jobs} 之间。");
                else jobs = Jobs;
                break;
        }

        var attachments = (AttachmentIds ?? []).Distinct().ToArray();
        if (attachments.Length == 0) errors.Add("attachmentIds", "须附至少一份证明材料（PDF、PNG 或 JPEG）。");
        else if (attachments.Length > MaxAttachments) errors.Add("attachmentIds", $"最多 {MaxAttachments} 份证明材料。");
        else if (attachments.Any(a => a == Guid.Empty)) errors.Add("attachmentIds", "附件编号无效。");

        var note = TextInput.Check(Note, "note", 1000, errors, multiline: true);
        if (!errors.IsEmpty) throw new DomainValidationException(errors);
        var figures = new LandingFigures(stage, Date!.Value, contract, amount, permit, funds, output, tax, jobs);
        return (figures, attachments, note.Length == 0 ? null : note);
    }
}
