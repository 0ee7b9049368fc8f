using System.Globalization;
using Matching.Domain.Agreements;
using Matching.Domain.Geography;

namespace Matching.Host.Documents;

/// <summary>One year of an agreement as the summary prints it.</summary>
/// <param name="Official">The official ledger.</param>
/// <param name="Assessment">The assessment-only ledger, when the reader may see it.</param>
/// <param name="Settlement">How the year stands.</param>
public sealed record AgreementYear(Ledger Official, Ledger? Assessment, Settlement Settlement);

/// <summary>The agreement summary (利益分享协议摘要): the parties and terms, and each year's ledgers and settlement.</summary>
public static class AgreementSummary
{
    /// <summary>Chinese label of a settlement status.</summary>
    public static string Label(SettlementStatus status) => status switch
    {
        SettlementStatus.Due => "待结算",
        SettlementStatus.Paid => "已结算",
        SettlementStatus.Disputed => "有异议",
        _ => status.ToString(),
    };

    /// <summary>The summary's PDF; the assessment ledgers are printed only where <see cref="AgreementYear.Assessment"/> is given.</summary>
    public static byte[] Write(Agreement agreement, IReadOnlyList<AgreementYear> years, Province province, DocumentFont font)
    {
        string County(string adcode) => province.FindCounty(adcode)?.Name ?? adcode;
        using var pdf = new PdfLetter($"利益分享协议摘要 — {agreement.ProjectTitle}", font);
        pdf.Title("利益分享协议摘要")
            .Field("项目名称", agreement.ProjectTitle)
            .Field("协议来源", agreement.Kind == AgreementKind.CoBuild ? "共建决定" : "转介决定")
            .Field("项目所在县", County(agreement.HostCounty) + "（统计口径全部计入）")
            .Field("分成模板", agreement.Template)
            .Field("分享期", $"{agreement.FirstYear}–{agreement.LastYear} 年（{agreement.Years} 年）")
            .Field("分享指标", string.Join("、", agreement.Indicators.Select(SharedIndicators.Label)))
            .Field("记录人", $"{agreement.MadeBy}，{DecisionLetter.Time(agreement.MadeAt)}")
            .Heading("各方份额")
            .Table(["县（市、区）", "角色", "份额"],
                agreement.Shares.Select(s => (IReadOnlyList<string>)[County(s.County), s.County == agreement.HostCounty ? "项目所在县" : "合作县", $"{s.Percent}%"]),
                [0.5, 0.25, 0.25]);

        foreach (var year in years)
        {
            pdf.Heading($"{year.Official.Year} 年（结算：{Label(year.Settlement.Status)}{(year.Settlement.Note.Length > 0 ? "，" + year.Settlement.Note : "")}）");
            LedgerTable(pdf, "统计口径（正式台账）", year.Official, County);
            if (year.Assessment is { } assessment) LedgerTable(pdf, "考核口径（仅协议各方与统筹协调员可见，不对外公布）", assessment, County);
        }

        pdf.Note("金额单位：万元。实现数来自经统筹协调员确认的阶段报告与年度数据；考核口径按协议份额分劈共享指标，尾差计入项目所在县。");
        return pdf.ToBytes();
    }

    private static void LedgerTable(PdfLetter pdf, string title, Ledger ledger, Func<string, string> county)
    {
        pdf.Paragraph(title).Table(["县（市、区）", "固定资产投资", "产值", "地方留成税收"],
            ledger.Lines.Select(l => (IReadOnlyList<string>)[county(l.County), Amount(l.Amounts.FixedAssetInvestment), Amount(l.Amounts.OutputValue), Amount(l.Amounts.RetainedTax)]),
            [0.34, 0.22, 0.22, 0.22]);
    }

    private static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
