namespace Matching.Domain.Landing;

/// <summary>
/// A stage's validated figures. Money in 万元. Which members are set depends on the stage:
/// 签约 <see cref="ContractNumber"/> and <see cref="Amount"/>; 开工 <see cref="PermitNumber"/>;
/// 资金到位 <see cref="CumulativeFunds"/>; 投产 only the date; 达产 <see cref="OutputValue"/>,
/// <see cref="Tax"/> and <see cref="Jobs"/>.
/// </summary>
/// <param name="Stage">The stage reported.</param>
/// <param name="Date">When it happened: signing, construction start, funds as of, production start, capacity reached.</param>
/// <param name="ContractNumber">签约: the agreement's number.</param>
/// <param name="Amount">签约: the contracted investment, 万元.</param>
/// <param name="PermitNumber">开工: the construction permit number (施工许可证号).</param>
/// <param name="CumulativeFunds">资金到位: funds arrived so far, 万元 (cumulative).</param>
/// <param name="OutputValue">达产: yearly output value, 万元.</param>
/// <param name="Tax">达产: yearly tax, 万元.</param>
/// <param name="Jobs">达产: jobs.</param>
public sealed record LandingFigures(
    LandingStage Stage,
    DateOnly Date,
    string? ContractNumber = null,
    decimal? Amount = null,
    string? PermitNumber = null,
    decimal? CumulativeFunds = null,
    decimal? OutputValue = null,
    decimal? Tax = null,
    int? Jobs = null);

/// <summary>
/// One report of a stage and what became of it. The project row keeps only the latest report of each
/// stage (and the last confirmed figures); every report, confirmation and return is a history row.
/// </summary>
/// <param name="Number">1-based number of the report on the project (a coordinator confirms a report by number).</param>
/// <param name="Figures">What was reported.</param>
/// <param name="Attachments">Ids of the evidence files (blob store).</param>
/// <param name="County">The reporting county's adcode.</param>
/// <param name="ReportedBy">Who reported.</param>
/// <param name="ReportedAt">When.</param>
/// <param name="Note">The county's remark, when given.</param>
/// <param name="Status">Reported, confirmed or returned.</param>
/// <param name="ReviewedBy">The coordinator who confirmed or returned it.</param>
/// <param name="ReviewedAt">When.</param>
/// <param name="Reason">The coordinator's reason (required to return).</param>
public sealed record LandingReport(
    int Number,
    LandingFigures Figures,
    IReadOnlyList<Guid> Attachments,
    string County,
    string ReportedBy,
    DateTimeOffset ReportedAt,
    string? Note,
    LandingReportStatus Status = LandingReportStatus.Reported,
    string? ReviewedBy = null,
    DateTimeOffset? ReviewedAt = null,
    string? Reason = null)
{
    /// <summary>The stage reported.</summary>
    public LandingStage Stage => Figures.Stage;
}
