using MiniExcelLibs;
using IConfiguration = Microsoft.Extensions.Configuration.IConfiguration;
using Matching.Contracts;
using Matching.Domain.Access;
using Matching.Domain.Agreements;
using Matching.Domain.Cockpit;
using Matching.Domain.Geography;
using Matching.Domain.Reports;
using Matching.Grains.Agreements;
using Matching.Grains.Reports;
using Matching.Host.Apis;
using Matching.Host.Auth;
using Matching.Host.Documents;
using Matching.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Host.Reports;

/// <summary>
/// The yearly county report (县域经济发展评价报告 input): what the platform saw of a county in a year, every
/// figure with its rule (<see cref="CountyYearReports"/>), as JSON, Excel or PDF, for one county or all 136.
/// A county reads its own; coordinators read every county. The assessment-only ledger figures are in it,
/// so nobody else does (the same rule as the ledgers themselves).
/// </summary>
internal static class CountyReportsApi
{
    public static RouteGroupBuilder MapCountyReportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports/counties").WithTags("Reports").RequireAuthorization();
        group.MapGet("/{adcode}", One).WithName("GetCountyYearReport")
            .WithSummary("一个县（市、区）的年度报告：契合推送、意向、统筹落地与投资额、落地进度、利益分享台账（统计口径与考核口径）、行业差异化，每项附计算口径。format=json（默认）、xlsx 或 pdf；year 默认当年（北京时间）。本县或统筹协调员可看。");
        group.MapGet("/", All).WithName("GetAllCountyYearReports")
            .WithSummary("全省 136 个县（市、区）的年度报告，format=json（默认）、xlsx（一县一行，另附指标口径表）或 pdf（一县一节）。仅统筹协调员。");
        return group;
    }

    private static async Task<Results<Results<Ok<CountyYearReport>, XlsxFile, PdfFile, UnavailableProblem>, NotFoundProblem, ForbiddenProblem, ValidationProblem>> One(string adcode, int? year, string? format, HttpContext http, Province province, ReportFacts facts, IConfiguration configuration, TimeProvider time, CancellationToken cancellationToken)
    {
        if (province.FindCounty(adcode) is null) return NotFoundProblem.Of($"没有代码为“{Domain.Validation.FieldErrors.Quote(adcode)}”的山东省县级行政区。");
        var actor = http.Actor();
        if (!actor.IsCoordinator && !actor.IsCounty(adcode)) return Access.Forbidden("县域年度报告含考核口径台账，仅本县和统筹协调员可看。");
        if (Validate(year, format, time) is { } bad) return bad;
        var reports = await facts.ReportsAsync([adcode], Year(year, time), cancellationToken);
        return Respond(reports, reports[0], format, $"county-report-{adcode}-{Year(year, time)}", configuration);
    }

    private static async Task<Results<Results<Ok<IReadOnlyList<CountyYearReport>>, XlsxFile, PdfFile, UnavailableProblem>, ForbiddenProblem, ValidationProblem>> All(int? year, string? format, HttpContext http, Province province, ReportFacts facts, IConfiguration configuration, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!http.Actor().IsCoordinator) return Access.Forbidden("全省县域年度报告仅对统筹协调员开放。");
        if (Validate(year, format, time) is { } bad) return bad;
        var reports = await facts.ReportsAsync([.. province.Counties.Select(c => c.Adcode)], Year(year, time), cancellationToken);
        return Respond(reports, reports, format, $"county-reports-{Year(year, time)}", configuration);
    }

    private static int Year(int? year, TimeProvider time) => year ?? time.Today().Year;

    private static ValidationProblem? Validate(int? year, string? format, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        if (year is < 2018 || year > time.Today().Year + 1) errors["year"] = [$"年份须在 2018 到 {time.Today().Year + 1} 之间。"];
        if (format is not (null or "json" or "xlsx" or "pdf")) errors["format"] = ["须为 json、xlsx 或 pdf。"];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "报告参数无效") : null;
    }

    private static Results<Ok<TJson>, XlsxFile, PdfFile, UnavailableProblem> Respond<TJson>(IReadOnlyList<CountyYearReport> reports, TJson json, string? format, string name, IConfiguration configuration)
    {
        switch (format)
        {
            case "xlsx":
                return new XlsxFile(TypedResults.File(Workbook(reports), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"));
            case "pdf":
                if (DocumentsApi.Font(configuration, out var missing) is not { } font) return missing!;
                return new PdfFile(TypedResults.File(Pdf(reports, font), "application/pdf", name + ".pdf"));
            default:
                return TypedResults.Ok(json);
        }
    }

    private static byte[] Workbook(IReadOnlyList<CountyYearReport> reports)
    {
        // One row per county with each figure under its Chinese name and unit; the rules on a sheet of their own.
        var rows = reports.Select(r =>
        {
            var row = new Dictionary<string, object?> { ["县（市、区）"] = r.CountyName, ["代码"] = r.County, ["所属市"] = r.PrefectureName, ["年度"] = r.Year };
            foreach (var indicator in r.Indicators) row[$"{indicator.Name}（{indicator.Unit}）"] = indicator.Value;
            return row;
        }).ToList();
        var rules = reports[0].Indicators.Select(i => new Dictionary<string, object?> { ["指标"] = i.Name, ["单位"] = i.Unit, ["口径"] = i.Rule }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["县域年度指标"] = rows, ["指标口径"] = rules });
        return stream.ToArray();
    }

    /// <summary>The indicators the PDF's funnel chart draws, in funnel order.</summary>
    internal static readonly string[] FunnelKeys = ["fitProjects", "bids", "led", "signed", "started", "funds", "producing", "atCapacity"];

    private static byte[] Pdf(IReadOnlyList<CountyYearReport> reports, DocumentFont font)
    {
        var year = reports[0].Year;
        using var pdf = new PdfLetter(reports.Count == 1 ? $"{reports[0].CountyName} {year} 年县域招商统筹报告" : $"山东省 {year} 年县域招商统筹报告", font);
        pdf.Title(reports.Count == 1 ? $"{reports[0].CountyName} {year} 年县域招商统筹报告" : $"山东省 {year} 年县域招商统筹报告");
        foreach (var report in reports)
        {
            pdf.Heading($"{report.PrefectureName} {report.CountyName}（{report.County}）")
                .Table(["指标", "数值", "口径"],
                    report.Indicators.Select(i => (IReadOnlyList<string>)[i.Name, $"{i.Value:0.##} {i.Unit}", i.Rule]),
                    [0.24, 0.16, 0.60]);
            var funnel = FunnelKeys.Select(k => report.Indicators.First(i => i.Key == k)).Select(i => (i.Name, i.Value, i.Unit)).ToArray();
            pdf.Bars("落地漏斗（推送 → 意向 → 牵头落地 → 经确认的落地阶段）", funnel);
        }

        pdf.Note("数据来源：本平台存储的项目、意向、统筹决定、经确认的落地阶段报告和利益分享协议台账。考核口径仅供县域经济发展评价使用，不对外公布。");
        return pdf.ToBytes();
    }
}

/// <summary>Reads the stored facts the yearly county report is computed from.</summary>
public sealed class ReportFacts(CountyYearTallies tallies, CountyYearLedgers ledgers, CountyYearSettlements settlements, CountyYearBackfill backfill, Province province)
{
    /// <summary>The reports of the counties for the year.</summary>
    public async Task<IReadOnlyList<CountyYearReport>> ReportsAsync(IReadOnlyList<string> counties, int year, CancellationToken cancellationToken)
    {
        // Pushed and bid on: the counties' yearly tallies, one keyed read each (see CountyYearTallies); the
        // ledgers: six keyed sums per county (see CountyYearLedgers); the settled projects: a fixed number of
        // keyed sums per county (see CountyYearSettlements). All once the start's backfill is done.
        await backfill.ReadyAsync(cancellationToken);
        var counted = await tallies.ReadAsync(counties, year, cancellationToken);
        var ledgered = await ledgers.ReadAsync(counties, year, cancellationToken);
        var settled = await settlements.ReadAsync(counties, year, cancellationToken);

        var reports = new List<CountyYearReport>(counties.Count);
        foreach (var adcode in counties)
        {
            var county = province.FindCounty(adcode)!;
            var (fit, bids) = counted[adcode];
            var (official, assessment) = ledgered[adcode];
            var facts = new CountyYearFacts(checked((int)fit), checked((int)bids), settled[adcode], official, assessment);
            reports.Add(CountyYearReports.Compute(adcode, province.Label(adcode)!, county.PrefectureName, year, facts));
        }

        return reports;
    }
}
