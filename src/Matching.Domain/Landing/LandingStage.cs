namespace Matching.Domain.Landing;

/// <summary>
/// The stages a project goes through after a decision, in order. Each is reported by the landing county
/// and confirmed (or returned) by a coordinator; the next may be reported only once the previous is
/// confirmed. <see cref="FundsArrived"/> may be reported again and again (cumulative, never decreasing).
/// JSON names are camelCase: <c>signed</c>, <c>started</c>, <c>fundsArrived</c>, <c>producing</c>, <c>atCapacity</c>.
/// </summary>
public enum LandingStage
{
    /// <summary>签约: the investment agreement is signed (date, contract number, amount 万元).</summary>
    Signed,
    /// <summary>开工: construction started (construction permit number, date).</summary>
    Started,
    /// <summary>资金到位: funds arrived, cumulative 万元 as of a date (repeatable).</summary>
    FundsArrived,
    /// <summary>投产: production started (date).</summary>
    Producing,
    /// <summary>达产: design capacity reached (yearly output 万元, yearly tax 万元, jobs).</summary>
    AtCapacity,
}

/// <summary>What happened to a stage report.</summary>
public enum LandingReportStatus
{
    /// <summary>Reported by the county, awaiting a coordinator.</summary>
    Reported,
    /// <summary>Confirmed by a coordinator: the figures count.</summary>
    Confirmed,
    /// <summary>Returned by a coordinator with a reason; the county may report the stage again.</summary>
    Returned,
}

/// <summary>Labels and order of the stages.</summary>
public static class LandingStages
{
    /// <summary>Every stage, in order.</summary>
    public static IReadOnlyList<LandingStage> All { get; } = Enum.GetValues<LandingStage>();

    /// <summary>The stage that must be confirmed before this one may be reported (null for 签约).</summary>
    public static LandingStage? Previous(this LandingStage stage) => stage == LandingStage.Signed ? null : stage - 1;

    /// <summary>True for the stage that may be reported more than once (资金到位).</summary>
    public static bool Repeats(this LandingStage stage) => stage == LandingStage.FundsArrived;

    /// <summary>Chinese label, for messages and lists shown to officials.</summary>
    public static string Label(this LandingStage stage) => stage switch
    {
        LandingStage.Signed => "签约",
        LandingStage.Started => "开工",
        LandingStage.FundsArrived => "资金到位",
        LandingStage.Producing => "投产",
        LandingStage.AtCapacity => "达产",
        _ => stage.ToString(),
    };

    /// <summary>Chinese label of a report status.</summary>
    public static string Label(this LandingReportStatus status) => status switch
    {
        LandingReportStatus.Reported => "待确认",
        LandingReportStatus.Confirmed => "已确认",
        LandingReportStatus.Returned => "已退回",
        _ => status.ToString(),
    };
}
