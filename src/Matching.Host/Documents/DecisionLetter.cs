using System.Globalization;
using Matching.Domain.Decisions;
using Matching.Domain.Geography;
using Matching.Domain.Projects;

namespace Matching.Host.Documents;

/// <summary>The decision letter (统筹决定书): what was decided on a project, by whom, when, why, and what it reserves.</summary>
public static class DecisionLetter
{
    /// <summary>Chinese label of a decision kind.</summary>
    public static string Label(DecisionKind kind) => kind switch
    {
        DecisionKind.Award => "统筹落地",
        DecisionKind.CoBuild => "共建（利益分享）",
        DecisionKind.Refer => "转介",
        DecisionKind.Reopen => "重新开放征集",
        DecisionKind.Reject => "不予支持（撤回）",
        _ => kind.ToString(),
    };

    /// <summary>China time as documents print it.</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The letter's PDF.</summary>
    public static byte[] Write(Project project, Decision decision, Province province, DocumentFont font)
    {
        var terms = decision.Terms;
        string County(string? adcode) => province.FindCounty(adcode)?.Name ?? adcode ?? "—";
        using var pdf = new PdfLetter($"统筹决定书 — {project.Details.Title}", font);
        pdf.Title("统筹决定书")
            .Field("项目名称", project.Details.Title)
            .Field("项目编号", project.Id.ToString())
            .Field("决定类型", Label(terms.Kind))
            .Field("决定依据版本", terms.ExpectedVersion.ToString(CultureInfo.InvariantCulture));
        if (terms.County is not null) pdf.Field(terms.Kind == DecisionKind.Refer ? "转介至" : "落地县（牵头县）", County(terms.County));
        if (terms.ParkId is not null) pdf.Field("承接园区", province.FindPark(terms.ParkId)?.Name ?? terms.ParkId);
        if (terms.Kind == DecisionKind.CoBuild)
        {
            pdf.Field("共建年限", $"{terms.Years} 年")
                .Heading("共建份额")
                .Table(["县（市、区）", "份额"], terms.Shares.Select(s => (IReadOnlyList<string>)[County(s.County), $"{s.Percent}%"]), [0.7, 0.3]);
        }

        if (terms.Kind is DecisionKind.Award or DecisionKind.CoBuild)
        {
            pdf.Heading("预留指标")
                .Field("用地指标", $"{project.Details.LandMu} 亩（{province.FindPark(terms.ParkId)?.Name ?? terms.ParkId}）")
                .Field("能耗指标", string.Join("；", terms.EnergySplit(project.Details.EnergyTce).Select(e => $"{County(e.County)} {e.EnergyTce} 吨标准煤/年")));
        }

        pdf.Heading("决定理由").Paragraph(terms.Reason);
        if (decision.Saw.Count > 0)
        {
            pdf.Heading("决定时所见意向")
                .Table(["县（市、区）", "契合度", "合规提示"],
                    decision.Saw.Select(s => (IReadOnlyList<string>)[County(s.County), s.Score is { } score ? score.ToString("0.0", CultureInfo.InvariantCulture) : "—", s.Flags.Count == 0 ? "无" : string.Join("；", s.Flags)]),
                    [0.3, 0.15, 0.55]);
        }

        pdf.Field("决定人", decision.DecidedBy).Field("决定时间", Time(decision.DecidedAt))
            .Note("本决定书由山东省招商引资统筹协作平台生成；决定及其理由记入项目的不可更改历史。");
        return pdf.ToBytes();
    }
}
